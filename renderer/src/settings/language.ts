import { useEffect } from 'react';
import type { Settings } from '../../../electron/shared/ipc-contract.js';
import { applyLanguageChoice } from '../i18n/i18n.js';

/**
 * Keeps the window's language on Settings → Language, live: when the settings arrive and whenever the
 * person picks another language, every translated string re-renders. Until the settings arrive the window
 * speaks the language the main process put in the page address.
 */
export function useLanguage(choice: Settings['language'] | undefined): void {
  useEffect(() => {
    if (choice === undefined) return;
    void applyLanguageChoice(choice);
  }, [choice]);
}
