/**
 * The main process's language: which one it speaks (Settings → Language, the system's languages,
 * GLANCE_LOCALE), that menus, tray, unread indicators and notifications are built in it, and that the window
 * opens in it (the page address carries the language and still passes every "is this our page" check).
 */
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveAppPage } from '../../../electron/main/app-page.js';
import { mainLocale, mainLocaleFor, pageUrlWithLanguage, setMainLocale } from '../../../electron/main/i18n.js';
import { buildAppMenuTemplate, buildTrayMenuTemplate } from '../../../electron/main/menus.js';
import { permissionHelp, testNotificationContent } from '../../../electron/main/notification-outcomes.js';
import { RECENT_MAIL_WINDOW_MS } from '../../../electron/main/notification-policy.js';
import { planNotifications, platformButtons } from '../../../electron/main/notifications.js';
import { accountLines, trayTooltip } from '../../../electron/main/unread-indicators.js';
import { toastXmlFor } from '../../../electron/main/windows-toast.js';
import { PSEUDO_CLOSE, PSEUDO_OPEN } from '../../../electron/shared/i18n/pseudo.js';
import { DEFAULT_SETTINGS, type MessageSummary } from '../../../electron/shared/ipc-contract.js';

afterEach(() => {
  setMainLocale('en');
});

const menuActions = () => ({
  runCommand: vi.fn(),
  showAbout: vi.fn(),
  openHelp: vi.fn(),
  openLogsFolder: vi.fn(),
  copyDiagnostics: vi.fn(),
});
const trayActions = () => ({ open: vi.fn(), checkNow: vi.fn(), quit: vi.fn(), setDoNotDisturb: vi.fn() });

/** Every item's label, submenus included (separators have none). */
function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.label !== undefined ? [item.label] : []),
    ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
  ]);
}

function find(
  items: MenuItemConstructorOptions[],
  test: (item: MenuItemConstructorOptions) => boolean,
): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (test(item)) return item;
    if (Array.isArray(item.submenu)) {
      const found = find(item.submenu, test);
      if (found) return found;
    }
  }
  return undefined;
}

describe('which language the main process speaks', () => {
  it('follows the system’s languages while Settings → Language says “System language”', () => {
    expect(mainLocaleFor({ choice: 'system', systemLanguages: ['de-AT', 'en-US'] })).toBe('de');
    expect(mainLocaleFor({ choice: 'system', systemLanguages: ['fr-FR', 'de-CH'] })).toBe('de');
    expect(mainLocaleFor({ choice: 'system', systemLanguages: ['ja-JP'] })).toBe('en');
  });

  it('a language picked in Settings wins over the system’s', () => {
    expect(mainLocaleFor({ choice: 'en', systemLanguages: ['de-DE'] })).toBe('en');
    expect(mainLocaleFor({ choice: 'de', systemLanguages: ['en-US'] })).toBe('de');
  });

  it('GLANCE_LOCALE wins over both, and may name a pseudo-locale', () => {
    expect(mainLocaleFor({ choice: 'de', systemLanguages: ['de-DE'], forced: 'en-XA' })).toBe('en-XA');
    expect(mainLocaleFor({ choice: 'system', systemLanguages: ['en-US'], forced: 'ar-XB' })).toBe('ar-XB');
  });

  it('switches only when the language changes', () => {
    expect(mainLocale()).toBe('en');
    expect(setMainLocale('de')).toBe(true);
    expect(setMainLocale('de')).toBe(false);
    expect(mainLocale()).toBe('de');
  });
});

describe('the window opens in that language', () => {
  const production = resolveAppPage();
  const development = resolveAppPage('http://127.0.0.1:5173/');

  it('the page address carries the language and the system’s languages, and is still our page', () => {
    const url = pageUrlWithLanguage(production.url, { choice: 'system', systemLanguages: ['de-AT', 'en-US'] });
    const params = new URL(url).searchParams;
    expect(params.get('lang')).toBe('de');
    expect(params.get('system')).toBe('de-AT,en-US');
    expect(url.startsWith('glance://app/index.html?')).toBe(true);
    expect(production.isAppPage(url)).toBe(true);
    // The IPC sender check compares origins exactly: the query does not change it.
    expect(new URL(url).origin).toBe(new URL(production.url).origin);

    const dev = pageUrlWithLanguage(development.url, { choice: 'en', systemLanguages: ['de-DE'] });
    expect(new URL(dev).searchParams.get('lang')).toBe('en');
    expect(development.isAppPage(dev)).toBe(true);
    expect(new URL(dev).origin).toBe(development.origin);
  });

  it('with GLANCE_LOCALE the window’s “System language” is that locale too', () => {
    const url = pageUrlWithLanguage(production.url, { choice: 'system', systemLanguages: ['de-DE'], forced: 'ar-XB' });
    const params = new URL(url).searchParams;
    expect(params.get('lang')).toBe('ar-XB');
    expect(params.get('system')).toBe('ar-XB');
  });
});

describe('menus in German', () => {
  it('Windows and Linux: the menu bar, its access keys and the standard items', () => {
    setMainLocale('de');
    const template = buildAppMenuTemplate({ platform: 'win32', appName: 'Glance', isDev: false }, menuActions());
    expect(template.map((item) => item.label)).toEqual(['&Datei', '&Bearbeiten', '&Ansicht', '&Fenster', '&Hilfe']);
    expect(find(template, (item) => item.id === 'check-mail')?.label).toBe('Auf neue E-Mails prüfen');
    expect(find(template, (item) => item.id === 'settings')?.label).toBe('&Einstellungen …');
    expect(find(template, (item) => item.role === 'undo')?.label).toBe('Rückgängig');
    expect(find(template, (item) => item.role === 'paste')?.label).toBe('Einfügen');
    expect(find(template, (item) => item.role === 'quit')?.label).toBe('Beenden');
    expect(find(template, (item) => item.id === 'about')?.label).toBe('Über Glance');
    // Shortcuts stay as they are: only the words change.
    expect(find(template, (item) => item.id === 'check-mail')?.accelerator).toBe('CmdOrCtrl+R');
  });

  it('macOS: no access keys, the app menu’s standard items in German', () => {
    setMainLocale('de');
    const template = buildAppMenuTemplate({ platform: 'darwin', appName: 'Glance', isDev: false }, menuActions());
    expect(template.map((item) => item.label)).toEqual([
      'Glance',
      'Postfach',
      'Bearbeiten',
      'Ansicht',
      'Fenster',
      'Hilfe',
    ]);
    expect(find(template, (item) => item.id === 'settings')?.label).toBe('Einstellungen …');
    expect(find(template, (item) => item.role === 'hide')?.label).toBe('Glance ausblenden');
    expect(find(template, (item) => item.role === 'quit')?.label).toBe('Glance beenden');
    expect(find(template, (item) => item.role === 'close')?.label).toBe('Fenster schließen');
  });

  it('the tray: its items, do not disturb with the time left, and the unread lines', () => {
    setMainLocale('de');
    const lines = accountLines(
      [{ id: 'a', email: 'alex@example.com', name: '', pictureUrl: null, status: 'needs-sign-in' }],
      [
        {
          accountId: 'a',
          version: 1,
          unreadCount: 1234,
          unreadConversationCount: 1,
          sync: { accountId: 'a', status: 'idle', lastSyncedAt: null },
          pendingActions: 0,
          droppedActions: 0,
        },
      ],
    );
    expect(lines).toEqual(['alex@example.com – 1.234 ungelesene Nachrichten (erneut anmelden)']);
    const tray = buildTrayMenuTemplate(lines, trayActions(), {
      doNotDisturb: { kind: 'minutes', minutes: 42 },
    });
    expect(labels(tray)).toEqual([
      'alex@example.com – 1.234 ungelesene Nachrichten (erneut anmelden)',
      'Glance öffnen',
      'Jetzt prüfen',
      'Nicht stören: an für noch 42 Minuten',
      '1 Stunde lang',
      'Bis morgen früh',
      'Bis ich es ausschalte',
      'Ausschalten',
      'Glance beenden',
    ]);
    expect(trayTooltip(0)).toBe('Glance – Keine ungelesenen E-Mails');
    expect(trayTooltip(1, 'conversations')).toBe('Glance – 1 ungelesene Konversation');
  });
});

describe('notifications in German', () => {
  const clock = { now: 1_700_000_000_000 + 60_000, timeZone: 'UTC' };
  const context = { settings: DEFAULT_SETTINGS, clock, recentMs: RECENT_MAIL_WINDOW_MS, windowFocused: false };
  const message = (n: number, overrides: Partial<MessageSummary> = {}): MessageSummary => ({
    accountId: 'acct-1',
    id: `m${n}`,
    threadId: `t${n}`,
    from: { name: `Sender ${n}`, address: `s${n}@example.com` },
    subject: `Subject ${n}`,
    snippet: '',
    date: 1_700_000_000_000 + n,
    unread: true,
    starred: false,
    inInbox: true,
    hasAttachments: false,
    ...overrides,
  });

  it('new mail, a group, the buttons and the test notification', () => {
    setMainLocale('de');
    const single = planNotifications(
      {
        accountId: 'acct-1',
        added: [message(1, { from: { name: '', address: '' }, subject: '' })],
        arrivedIds: ['m1'],
      },
      context,
    );
    expect(single.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'Unbekannter Absender', body: '(kein Betreff)' },
    ]);
    const batch = [1, 2, 3, 4, 5].map((n) => message(n));
    const [group] = planNotifications(
      { accountId: 'acct-1', added: batch, arrivedIds: batch.map((m) => m.id) },
      context,
    );
    expect(group?.title).toBe('5 neue Nachrichten');
    expect(group?.body).toBe('Von Sender 5, Sender 4 und 3 weiteren Personen');
    expect(platformButtons('darwin', ['archive', 'markRead']).map((button) => button.text)).toEqual([
      'Archivieren',
      'Als gelesen markieren',
    ]);
    expect(
      toastXmlFor({ title: 'x', body: 'y', target: { accountId: 'a', messageId: 'm' }, actions: ['archive'] }),
    ).toContain('content="Archivieren"');
    expect(testNotificationContent()).toEqual({
      title: 'Glance-Benachrichtigungen funktionieren',
      body: 'So werden neue E-Mails angekündigt.',
    });
    expect(permissionHelp('darwin')).toMatch(/^Öffnen Sie Systemeinstellungen/);
  });
});

describe('every word the main process shows comes from the catalogue', () => {
  it('en-XA brackets every menu and tray label (the app’s name alone stays as it is)', () => {
    setMainLocale('en-XA');
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const template = buildAppMenuTemplate({ platform, appName: 'Glance', isDev: true }, menuActions());
      const tray = buildTrayMenuTemplate([], trayActions(), { doNotDisturb: { kind: 'until-turned-off' } });
      for (const label of [...labels(template), ...labels(tray)].filter((label) => label !== 'Glance'))
        expect(label.startsWith(PSEUDO_OPEN) && label.endsWith(PSEUDO_CLOSE), `${platform}: ${label}`).toBe(true);
    }
    expect(trayTooltip(3).startsWith(PSEUDO_OPEN)).toBe(true);
  });
});
