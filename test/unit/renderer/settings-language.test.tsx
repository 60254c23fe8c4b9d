// @vitest-environment jsdom
/**
 * Settings → Language: the choices (the system's language, then each language by its own name), and the
 * window following the choice at once, whether it is made on the page or arrives from the core.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Settings } from '../../../electron/shared/ipc-contract.js';
import { applyLanguageChoice, currentLocale } from '../../../renderer/src/i18n/i18n.js';
import { defaultSettings, googleAppInfo, inboxHandlers, installFakeGlance, ok, summary } from './fake-glance.js';
import type { FakeGlance } from './fake-glance.js';
import { renderApp } from './render-app.js';

let glance: FakeGlance;
let stored: Settings;
afterEach(async () => {
  expect(glance.violations).toEqual([]);
  cleanup();
  document.body.innerHTML = '';
  // The window's translator outlives a test: back to the language jsdom's browser asks for (English).
  await applyLanguageChoice('system');
});

async function start(settings: Partial<Settings> = {}) {
  stored = { ...defaultSettings, ...settings };
  glance = installFakeGlance({
    ...inboxHandlers([summary(1), summary(2)]),
    'app:info': () => ok({ ...googleAppInfo, dataFolder: '/home/alex/.config/Glance' }),
    'settings:get': () => ok(stored),
    'settings:update': (patch) => {
      stored = { ...stored, ...(patch as Partial<Settings>) };
      return ok(stored);
    },
  });
  const root = renderApp();
  await waitFor(() => expect(root.dataset.appState).toBe('ready'));
}

async function openSettings(name: string) {
  act(() => glance.emit('command:run', { command: 'settings' }));
  await waitFor(() => expect(screen.getByRole('dialog', { name })).toBeTruthy());
  return screen.getByRole('dialog', { name });
}

const sectionTitles = (page: HTMLElement) =>
  within(page)
    .getAllByRole('heading', { level: 2 })
    .map((heading) => heading.textContent);

describe('Settings → Language', () => {
  it('offers the system’s language, then English and Deutsch, each named in its own language', async () => {
    await start();
    const page = await openSettings('Settings');
    const group = within(page).getByRole('group', { name: 'Language', description: /menus/ });
    const choices = within(group).getAllByRole('radio');
    expect(choices.map((radio) => (radio as HTMLInputElement).labels?.[0]?.textContent)).toEqual([
      'System language (English)',
      'English',
      'Deutsch',
    ]);
    expect(within(group).getByRole('radio', { name: 'System language (English)' })).toHaveProperty('checked', true);
    expect(within(group).getByText('Deutsch').getAttribute('lang')).toBe('de');
  });

  it('picking Deutsch saves it and switches the page to German at once; System language goes back', async () => {
    await start();
    const page = await openSettings('Settings');
    expect(document.documentElement.lang).toBe('en');
    fireEvent.click(within(page).getByRole('radio', { name: 'Deutsch' }));
    await waitFor(() => expect(glance.callsOf('settings:update')).toEqual([[{ language: 'de' }]]));

    const german = await waitFor(() => screen.getByRole('dialog', { name: 'Einstellungen' }));
    expect(sectionTitles(german)).toEqual([
      'E-Mail',
      'Datenschutz',
      'Benachrichtigungen',
      'Darstellung und Start',
      'Google-Client',
      'Daten',
    ]);
    expect(within(german).getByRole('button', { name: 'Fertig' })).toBeTruthy();
    const poll = within(german).getByRole('combobox', { name: 'Auf neue E-Mails prüfen' }) as HTMLSelectElement;
    expect([...poll.options].slice(0, 3).map((option) => option.textContent)).toEqual([
      'jede Minute',
      'alle 2 Minuten',
      'alle 5 Minuten',
    ]);
    expect(within(german).getByRole('radio', { name: 'Deutsch' })).toHaveProperty('checked', true);
    expect(document.documentElement.lang).toBe('de');
    expect(currentLocale()).toBe('de');

    fireEvent.click(within(german).getByRole('radio', { name: 'Systemsprache (English)' }));
    await waitFor(() => expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy());
    expect(document.documentElement.lang).toBe('en');
  });

  it('follows a language chosen elsewhere (settings:changed from the core)', async () => {
    await start();
    const page = await openSettings('Settings');
    expect(within(page).getByRole('heading', { level: 2, name: 'Privacy' })).toBeTruthy();
    act(() => glance.emit('settings:changed', { ...stored, language: 'de' }));
    const german = await waitFor(() => screen.getByRole('dialog', { name: 'Einstellungen' }));
    expect(within(german).getByRole('heading', { level: 2, name: 'Datenschutz' })).toBeTruthy();
  });

  it('a window whose settings say Deutsch speaks German from the start', async () => {
    await start({ language: 'de' });
    const page = await openSettings('Einstellungen');
    expect(within(page).getByRole('group', { name: 'Sprache' })).toBeTruthy();
    expect(within(page).getByRole('button', { name: 'Lokale Kopie der E-Mails löschen …' })).toBeTruthy();
  });
});
