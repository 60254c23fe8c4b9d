// @vitest-environment jsdom
/**
 * The settings page: how it opens (menu, Ctrl/⌘+comma, top bar) and closes (Esc, Done, focus back where it
 * was), that every control has a name and its help text, that each control sends exactly its patch, the
 * trusted-sender list, the theme shown at once, the confirmations of the Google client and Data sections,
 * and the one-time notice when the settings file held something unusable.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AppInfo, Settings, SettingsPatch } from '../../../electron/shared/ipc-contract.js';
import { defaultSettings, fail, googleAppInfo, inboxHandlers, installFakeGlance, ok, summary } from './fake-glance.js';
import type { FakeGlance, Handlers } from './fake-glance.js';
import { renderApp } from './render-app.js';

let glance: FakeGlance;
let stored: Settings;
afterEach(() => {
  expect(glance.violations).toEqual([]);
  cleanup();
  document.body.innerHTML = '';
  delete document.documentElement.dataset.theme;
  delete document.documentElement.dataset.themeSetting;
  vi.unstubAllGlobals();
});

async function start(options: { settings?: Partial<Settings>; appInfo?: Partial<AppInfo>; handlers?: Handlers } = {}) {
  stored = { ...defaultSettings, ...options.settings };
  glance = installFakeGlance({
    ...inboxHandlers([summary(1), summary(2), summary(3)]),
    'app:info': () => ok({ ...googleAppInfo, dataFolder: '/home/alex/.config/Glance', ...options.appInfo }),
    'settings:get': () => ok(stored),
    // As the core does: the patch is applied to what is stored, and the whole settings come back.
    'settings:update': (patch) => {
      stored = { ...stored, ...(patch as Partial<Settings>) };
      return ok(stored);
    },
    'settings:dismissResetNotice': () => ok(null),
    'data:openFolder': () => ok(null),
    'data:clearLocalCopy': () => ok(null),
    'config:useDemo': () => ok({ ...googleAppInfo, mode: 'demo', clientSource: 'demo' }),
    ...options.handlers,
  });
  const root = renderApp();
  await waitFor(() => expect(root.dataset.appState).toBe('ready'));
  await waitFor(() => expect(document.querySelector('.inbox')?.getAttribute('data-list-state')).toBe('ready'));
  return root;
}

const page = () => screen.getByRole('dialog', { name: 'Settings' });
const queryPage = () => screen.queryByRole('dialog', { name: 'Settings' });
const updates = (): SettingsPatch[] => glance.callsOf('settings:update').map(([patch]) => patch);

async function openFromTopBar() {
  const button = screen.getByRole('button', { name: 'Settings' });
  button.focus();
  fireEvent.click(button);
  await waitFor(() => expect(queryPage()).not.toBeNull());
  // The settings arrive with the page's first render (they are loaded at boot).
  await waitFor(() => expect(within(page()).queryByRole('combobox')).not.toBeNull());
  return button;
}

describe('opening and closing', () => {
  it('opens from the top bar; Esc closes it and the keyboard is back on the button it came from', async () => {
    await start();
    const button = await openFromTopBar();
    // The page takes the keyboard: its Done button has the focus and the app behind is inert.
    expect(document.activeElement).toBe(within(page()).getByRole('button', { name: 'Done' }));
    expect(document.querySelector('.app')?.hasAttribute('inert')).toBe(true);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(queryPage()).toBeNull();
    expect(document.querySelector('.app')?.hasAttribute('inert')).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(button));
  });

  it('opens from the app menu (command:run settings), and from Ctrl+comma and ⌘+comma', async () => {
    await start();
    act(() => glance.emit('command:run', { command: 'settings' }));
    expect(queryPage()).not.toBeNull();
    fireEvent.click(within(page()).getByRole('button', { name: 'Done' }));
    expect(queryPage()).toBeNull();

    fireEvent.keyDown(window, { key: ',', ctrlKey: true });
    expect(queryPage()).not.toBeNull();
    fireEvent.keyDown(window, { key: 'Escape' });
    fireEvent.keyDown(window, { key: ',', metaKey: true });
    expect(queryPage()).not.toBeNull();
    // A plain comma is typing, not a shortcut.
    fireEvent.keyDown(window, { key: 'Escape' });
    fireEvent.keyDown(window, { key: ',' });
    expect(queryPage()).toBeNull();
  });

  it('the inbox’s keys wait while settings are open (j does not move the selection)', async () => {
    await start();
    await openFromTopBar();
    fireEvent.keyDown(window, { key: 'j' });
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(document.querySelector('[role="option"][data-selected]')).toBeNull();
    fireEvent.keyDown(window, { key: 'j' });
    await waitFor(() => expect(document.querySelector('[role="option"][data-selected]')).not.toBeNull());
  });

  it('Tab stays inside the page: past the last control it comes back to the first, Shift+Tab the other way', async () => {
    await start();
    await openFromTopBar();
    const controls = [...page().querySelectorAll<HTMLElement>('button:not([disabled]), input, select')];
    const first = controls[0]!;
    const last = controls[controls.length - 1]!;
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
  });
});

describe('labels', () => {
  it('every control has a name, radio groups are named fieldsets, and help text is each control’s description', async () => {
    await start();
    await openFromTopBar();
    // Every control of each role, and those of them with a non-empty accessible name, are the same.
    const view = within(page());
    let controls = 0;
    for (const role of ['button', 'checkbox', 'radio', 'combobox', 'textbox'] as const) {
      const all = view.getAllByRole(role);
      expect(view.getAllByRole(role, { name: /\S/ }), role).toEqual(all);
      controls += all.length;
    }
    // Time inputs have no ARIA role: each must still have its label.
    expect(controls).toBe(page().querySelectorAll('input:not([type=time]), select, button').length);
    for (const input of page().querySelectorAll<HTMLInputElement>('input[type=time]'))
      expect(input.labels?.[0]?.textContent, input.name).toMatch(/\S/);
    expect(controls).toBeGreaterThan(15);

    const sections = within(page())
      .getAllByRole('heading', { level: 2 })
      .map((heading) => heading.textContent);
    expect(sections).toEqual(['Mail', 'Privacy', 'Notifications', 'Appearance and start-up', 'Google client', 'Data']);
    const images = within(page()).getByRole('group', { name: 'Remote images', description: /tell the sender/ });
    for (const [name, description] of [
      ['Never load them', /No offer/],
      ['Ask for each message', /Recommended/],
      ['Load them for trusted senders, ask for others', /listed below/],
    ] as const)
      within(images).getByRole('radio', { name, description });
    expect(within(images).getAllByRole('radio')).toHaveLength(3);
    const theme = within(page()).getByRole('group', { name: 'Theme' });
    expect(within(theme).getAllByRole('radio')).toHaveLength(3);

    view.getByRole('combobox', { name: 'Check for new mail every', description: /also checks when you come back/ });
    view.getByRole('checkbox', { name: 'Mark messages as read when I open them', description: /stays unread/ });
    view.getByRole('checkbox', { name: 'Notify me about new mail', description: /already there/ });
    view.getByRole('checkbox', { name: 'Open Glance when I log in', description: /login items/ });
    view.getByRole('button', { name: 'Clear local copy of mail…', description: /you stay signed in/ });
    view.getByRole('button', { name: 'Open data folder', description: /encrypted copy/ });
  });
});

describe('each control sends its own patch', () => {
  it('a change Glance could not save is taken back, and the page and the window say why until the next one saves', async () => {
    let refuse = true;
    await start({
      handlers: {
        'settings:update': (patch) => {
          if (refuse) return fail('INTERNAL');
          stored = { ...stored, ...(patch as Partial<Settings>) };
          return ok(stored);
        },
      },
    });
    await openFromTopBar();
    const markRead = () =>
      within(page()).getByRole('checkbox', { name: 'Mark messages as read when I open them' }) as HTMLInputElement;
    expect(markRead().checked).toBe(true);
    fireEvent.click(markRead());
    await waitFor(() => expect(within(page()).getByRole('alert').textContent).toMatch(/^Settings were not saved: /));
    expect(markRead().checked).toBe(true);
    expect(screen.getByTestId('settings-not-saved').textContent).toMatch(/Settings were not saved/);

    refuse = false;
    fireEvent.click(markRead());
    await waitFor(() => expect(screen.queryByTestId('settings-not-saved')).toBeNull());
    expect(markRead().checked).toBe(false);
    expect(within(page()).queryByRole('alert')).toBeNull();
  });

  it('Mail, Privacy, Notifications and Appearance', async () => {
    await start();
    await openFromTopBar();
    const view = within(page());
    fireEvent.change(view.getByRole('combobox', { name: 'Check for new mail every' }), { target: { value: '300' } });
    fireEvent.click(view.getByRole('checkbox', { name: 'Mark messages as read when I open them' }));
    fireEvent.click(view.getByRole('radio', { name: 'Never load them' }));
    fireEvent.click(view.getByRole('checkbox', { name: 'Notify me about new mail' }));
    fireEvent.click(view.getByRole('radio', { name: 'Dark' }));
    fireEvent.click(view.getByRole('checkbox', { name: 'Open Glance when I log in' }));
    await waitFor(() =>
      expect(updates()).toEqual([
        { pollSeconds: 300 },
        { markReadOnOpen: false },
        { remoteImages: 'never' },
        { notifications: false },
        { theme: 'dark' },
        { launchAtLogin: true },
      ]),
    );
    // The controls show what came back.
    await waitFor(() =>
      expect((view.getByRole('combobox', { name: 'Check for new mail every' }) as HTMLSelectElement).value).toBe('300'),
    );
    expect((view.getByRole('radio', { name: 'Never load them' }) as HTMLInputElement).checked).toBe(true);
  });

  it('a check interval set outside the page is shown as it is, not replaced', async () => {
    await start({ settings: { pollSeconds: 45 } });
    await openFromTopBar();
    const poll = within(page()).getByRole('combobox', { name: 'Check for new mail every' }) as HTMLSelectElement;
    expect(poll.value).toBe('45');
    expect(poll.selectedOptions[0]?.textContent).toBe('45 seconds');
    expect(updates()).toEqual([]);
  });
});

describe('trusted senders', () => {
  it('lists them, removes one (keyboard goes to the next), and adds a valid address only', async () => {
    await start({ settings: { remoteImages: 'trusted', remoteContentSenders: ['a@one.test', 'b@two.test'] } });
    await openFromTopBar();
    const view = within(page());
    const list = view.getByRole('list', { name: 'Trusted senders' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['a@one.testRemove', 'b@two.testRemove']);
    fireEvent.click(view.getByRole('button', { name: 'Remove a@one.test' }));
    await waitFor(() => expect(updates()).toEqual([{ remoteContentSenders: ['b@two.test'] }]));
    expect(document.activeElement).toBe(view.getByRole('button', { name: 'Remove b@two.test' }));

    const field = view.getByRole('textbox', { name: 'Add a trusted sender' });
    const add = view.getByRole('button', { name: 'Add' });
    fireEvent.click(add);
    expect(view.getByRole('alert').textContent).toMatch(/Type an email address/);
    fireEvent.change(field, { target: { value: 'not an address' } });
    fireEvent.click(add);
    expect(view.getByRole('alert').textContent).toMatch(/isn’t an email address/);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    view.getByRole('textbox', { name: 'Add a trusted sender', description: /isn’t an email address/ });
    fireEvent.change(field, { target: { value: 'B@Two.test' } });
    fireEvent.submit(field.closest('form')!);
    expect(view.getByRole('alert').textContent).toMatch(/already a trusted sender/);
    expect(updates()).toHaveLength(1);

    fireEvent.change(field, { target: { value: '  News@Shop.Example ' } });
    fireEvent.submit(field.closest('form')!);
    await waitFor(() => expect(updates()[1]).toEqual({ remoteContentSenders: ['b@two.test', 'news@shop.example'] }));
    expect(view.queryByRole('alert')).toBeNull();
    expect((field as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(view.getByRole('button', { name: 'Remove news@shop.example' })).toBeTruthy());
  });
});

describe('links that open without asking', () => {
  it('lists the domains chosen in the link question, and "Ask again" takes one back', async () => {
    await start({ settings: { trustedLinkDomains: ['example.org', 'shop.example'] } });
    await openFromTopBar();
    const view = within(page());
    const list = view.getByRole('list', { name: 'Links that open without asking' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.firstChild?.textContent),
    ).toEqual(['example.org', 'shop.example']);
    fireEvent.click(view.getByRole('button', { name: 'Ask again for example.org' }));
    await waitFor(() => expect(updates()).toEqual([{ trustedLinkDomains: ['shop.example'] }]));
    expect(document.activeElement).toBe(view.getByRole('button', { name: 'Ask again for shop.example' }));
  });
});

describe('theme', () => {
  function stubSystemTheme(dark: boolean) {
    const listeners = new Set<() => void>();
    const query = {
      get matches() {
        return dark;
      },
      addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
    };
    vi.stubGlobal('matchMedia', () => query);
    return {
      switchTo(next: boolean) {
        dark = next;
        act(() => listeners.forEach((listener) => listener()));
      },
    };
  }

  it('is applied at once, and System follows the OS when it switches', async () => {
    const system = stubSystemTheme(false);
    await start();
    const root = document.documentElement;
    expect(root.dataset.theme).toBe('light');
    await openFromTopBar();
    fireEvent.click(within(page()).getByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(root.dataset.theme).toBe('dark'));
    expect(root.dataset.themeSetting).toBe('dark');
    // A fixed theme does not follow the OS.
    system.switchTo(false);
    expect(root.dataset.theme).toBe('dark');
    fireEvent.click(within(page()).getByRole('radio', { name: 'Same as my computer' }));
    await waitFor(() => expect(root.dataset.themeSetting).toBe('system'));
    expect(root.dataset.theme).toBe('light');
    system.switchTo(true);
    expect(root.dataset.theme).toBe('dark');
  });

  it('a saved theme is shown from the start', async () => {
    stubSystemTheme(true);
    await start({ settings: { theme: 'light' } });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
  });
});

describe('Google client and data', () => {
  it('Back to the demo mailbox says the accounts stay signed in, asks first, and Esc cancels only the question', async () => {
    await start({ appInfo: { clientSource: 'data-folder' } });
    await openFromTopBar();
    expect(within(page()).queryByRole('button', { name: 'Back to the demo mailbox…' })).not.toBeNull();
    fireEvent.click(within(page()).getByRole('button', { name: 'Back to the demo mailbox…' }));
    const question = screen.getByRole('alertdialog', {
      name: 'Go back to the demo mailbox?',
      description: /alex@example\.com stays signed in on this computer, but Glance won’t check its mail/,
    });
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(queryPage()).not.toBeNull();
    expect(glance.callsOf('config:useDemo')).toEqual([]);

    fireEvent.click(within(page()).getByRole('button', { name: 'Back to the demo mailbox…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show the demo mailbox' }));
    await waitFor(() => expect(glance.callsOf('config:useDemo')).toEqual([[]]));
    await waitFor(() => expect(screen.getByTestId('demo-banner')).toBeTruthy());
    const statuses = within(page()).getAllByRole('status');
    expect(statuses.map((status) => status.textContent)).toContain('Glance is showing the demo mailbox.');
  });

  it('offers no way back to a demo when the client is not one chosen in the app', async () => {
    await start({ appInfo: { clientSource: 'env' } });
    await openFromTopBar();
    expect(within(page()).queryByRole('button', { name: 'Back to the demo mailbox…' })).toBeNull();
    expect((within(page()).getByRole('button', { name: 'Use my Google client…' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('Use my Google client… runs the same file chooser as the menu', async () => {
    await start({
      appInfo: { clientSource: 'demo', mode: 'demo' },
      handlers: { 'config:chooseClientFile': () => ok(googleAppInfo) },
    });
    await openFromTopBar();
    fireEvent.click(within(page()).getByRole('button', { name: 'Use my Google client…' }));
    await waitFor(() => expect(glance.callsOf('config:chooseClientFile')).toEqual([[]]));
  });

  it('opens the data folder, and clears the local copy only after a confirmation that says what stays', async () => {
    await start();
    await openFromTopBar();
    expect(page().textContent).toContain('/home/alex/.config/Glance');
    fireEvent.click(within(page()).getByRole('button', { name: 'Open data folder' }));
    await waitFor(() => expect(glance.callsOf('data:openFolder')).toEqual([[]]));

    fireEvent.click(within(page()).getByRole('button', { name: 'Clear local copy of mail…' }));
    const question = screen.getByRole('alertdialog', {
      name: 'Clear the local copy of your mail?',
      description: /You stay signed in, and actions still on their way/,
    });
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(glance.callsOf('data:clearLocalCopy')).toEqual([]);

    fireEvent.click(within(page()).getByRole('button', { name: 'Clear local copy of mail…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear and fetch again' }));
    await waitFor(() => expect(glance.callsOf('data:clearLocalCopy')).toEqual([[]]));
    await waitFor(() =>
      expect(page().textContent).toContain('Local copy cleared. Glance is fetching your mail again.'),
    );
  });
});

describe('settings that could not be read', () => {
  it('names the settings that were reset once, opens Settings from the notice, and Dismiss tells the core', async () => {
    await start({ appInfo: { settingsReset: { fields: ['theme', 'pollSeconds'], movedAsideAs: null } } });
    const notice = screen.getByTestId('settings-reset');
    expect(notice.textContent).toContain(
      'Some settings couldn’t be read and are back to their defaults: Theme, Check for new mail.',
    );
    fireEvent.click(within(notice).getByRole('button', { name: 'Open Settings' }));
    expect(queryPage()).not.toBeNull();
    fireEvent.keyDown(window, { key: 'Escape' });
    fireEvent.click(within(screen.getByTestId('settings-reset')).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('settings-reset')).toBeNull();
    await waitFor(() => expect(glance.callsOf('settings:dismissResetNotice')).toEqual([[]]));
  });

  it('a file that could not be read at all: every setting is back to its default, and the old file is named', async () => {
    await start({
      appInfo: {
        settingsReset: {
          fields: Object.keys(defaultSettings) as (keyof Settings)[],
          movedAsideAs: 'settings.json.corrupt-2026-12-07T12-30-00-000Z',
        },
      },
    });
    expect(screen.getByTestId('settings-reset').textContent).toContain(
      'Glance couldn’t read your settings file, so every setting is back to its default. The old file is kept in the data folder as settings.json.corrupt-2026-12-07T12-30-00-000Z.',
    );
  });
});
