import { useTranslation } from 'react-i18next';
import { DialogFrame } from '../shared/DialogFrame.js';
import { keyCapLabel, SHORTCUT_HELP } from './shortcuts.js';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('keyboard');
  return (
    <DialogFrame titleId="shortcuts-title" title={t('shortcutsTitle')} onClose={onClose}>
      <dl className="shortcut-list">
        {SHORTCUT_HELP.map((entry) => (
          <div key={entry.command}>
            <dt>
              {entry.keys.map((key, index) => (
                <kbd key={index}>{keyCapLabel(key)}</kbd>
              ))}
            </dt>
            <dd>{t(`shortcuts.${entry.command}`)}</dd>
          </div>
        ))}
      </dl>
    </DialogFrame>
  );
}
