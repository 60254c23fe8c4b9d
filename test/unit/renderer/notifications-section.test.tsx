// @vitest-environment jsdom
import { useEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AccountView, Settings, TestNotificationResult } from '../../../electron/shared/ipc-contract.js';
import { doNotDisturbFor } from '../../../electron/shared/do-not-disturb.js';
import { doNotDisturbStatus, NotificationsSection } from '../../../renderer/src/settings/NotificationsSection.js';
import { useSettingsView } from '../../../renderer/src/settings/settings-view.js';
import {
  account,
  defaultSettings,
  fail,
  installFakeGlance,
  ok,
  type FakeGlance,
  type Handlers,
} from './fake-glance.js';

let glance: FakeGlance;
afterEach(() => {
  expect(glance.violations).toEqual([]);
  cleanup();
  vi.useRealTimers();
});

const work = account(2);
const home = account(3);

/** The section inside a page that saves each change through settings:update, with the window's settings view. */
function mount(
  options: {
    settings?: Partial<Settings>;
    accounts?: AccountView[];
    handlers?: Handlers;
    /** Given: each answer of settings:update waits here (the core saved the change already) until released. */
    heldAnswers?: Array<() => void>;
  } = {},
) {
  let stored: Settings = { ...defaultSettings, ...options.settings };
  glance = installFakeGlance({
    'settings:update': (patch) => {
      stored = { ...stored, ...patch } as Settings;
      const answer = ok(stored);
      const held = options.heldAnswers;
      return held ? new Promise<typeof answer>((release) => held.push(() => release(answer))) : answer;
    },
    'labels:list': () =>
      ok([
        { id: 'Label_1', name: 'Receipts' },
        { id: 'Label_2', name: 'Travel/2026' },
      ]),
    ...options.handlers,
  });
  function Page() {
    const { settings, update, fromCore } = useSettingsView();
    useEffect(() => fromCore(stored), [fromCore]);
    if (!settings) return null;
    return <NotificationsSection settings={settings} accounts={options.accounts ?? [work, home]} update={update} />;
  }
  render(<Page />);
  return { saved: () => stored };
}

const lastPatch = () => glance.callsOf('settings:update').at(-1)?.[0];

describe('Settings → Notifications', () => {
  it('the master switch is a labelled checkbox; off disables every rule below it', async () => {
    mount();
    const master = screen.getByRole('checkbox', { name: 'Notify me about new mail' });
    fireEvent.click(master);
    await waitFor(() => expect(lastPatch()).toEqual({ notifications: false }));
    await waitFor(() =>
      expect(screen.getByRole('checkbox', { name: `Notify me about mail in ${work.email}` }).matches(':disabled')).toBe(
        true,
      ),
    );
  });

  it('each account: its own switch and which mail (radio group in a fieldset named by the account)', async () => {
    const { saved } = mount();
    const group = screen.getByRole('group', { name: work.email });
    fireEvent.click(within(group).getByRole('checkbox', { name: `Notify me about mail in ${work.email}` }));
    await waitFor(() =>
      expect(saved().accountNotifications[work.id]).toEqual({ enabled: false, which: 'inbox', labelIds: [] }),
    );
    // Which mail is unavailable while the account is off (once the saved settings came back and rendered).
    await waitFor(() =>
      expect(within(group).getByRole('radio', { name: 'Only the Primary category' }).matches(':disabled')).toBe(true),
    );
    fireEvent.click(within(group).getByRole('checkbox', { name: `Notify me about mail in ${work.email}` }));
    fireEvent.click(await within(group).findByRole('radio', { name: 'Only the Primary category' }));
    await waitFor(() => expect(saved().accountNotifications[work.id]?.which).toBe('primary'));
    // The other account keeps its default rule.
    expect(saved().accountNotifications[home.id]).toBeUndefined();
    expect(
      (
        within(screen.getByRole('group', { name: home.email })).getByRole('radio', {
          name: 'All new mail in the inbox',
        }) as HTMLInputElement
      ).checked,
    ).toBe(true);
  });

  it('chosen labels: the account’s labels are asked for when the list shows, and ticked labels are saved', async () => {
    const { saved } = mount();
    expect(glance.callsOf('labels:list')).toEqual([]); // not before the person asks for labels
    const group = screen.getByRole('group', { name: work.email });
    fireEvent.click(within(group).getByRole('radio', { name: 'Only mail with labels I choose' }));
    const receipts = await screen.findByRole('checkbox', { name: 'Receipts' });
    expect(glance.callsOf('labels:list')).toEqual([[work.id]]);
    expect(screen.getByText(/announces nothing until you choose one/)).toBeTruthy();
    fireEvent.click(receipts);
    await waitFor(() =>
      expect(saved().accountNotifications[work.id]).toEqual({ enabled: true, which: 'labels', labelIds: ['Label_1'] }),
    );
    // Each next click as a person makes it: once the page shows the last one (the saved settings came back).
    await waitFor(() => expect((receipts as HTMLInputElement).checked).toBe(true));
    const travel = screen.getByRole('checkbox', { name: 'Travel/2026' }) as HTMLInputElement;
    fireEvent.click(travel);
    await waitFor(() => expect(saved().accountNotifications[work.id]?.labelIds).toEqual(['Label_1', 'Label_2']));
    await waitFor(() => expect(travel.checked).toBe(true));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Receipts' }));
    await waitFor(() => expect(saved().accountNotifications[work.id]?.labelIds).toEqual(['Label_2']));
  });

  it('two labels ticked before the first has come back both count, and the page does not flick back meanwhile', async () => {
    const held: Array<() => void> = [];
    const { saved } = mount({
      settings: { accountNotifications: { [work.id]: { enabled: true, which: 'labels', labelIds: [] } } },
      heldAnswers: held,
    });
    const receipts = (await screen.findByRole('checkbox', { name: 'Receipts' })) as HTMLInputElement;
    const travel = screen.getByRole('checkbox', { name: 'Travel/2026' }) as HTMLInputElement;
    fireEvent.click(receipts);
    fireEvent.click(travel);
    expect([receipts.checked, travel.checked]).toEqual([true, true]);
    const sent = () =>
      glance.callsOf('settings:update').map(([patch]) => patch.accountNotifications?.[work.id]?.labelIds);
    await waitFor(() => expect(sent()).toEqual([['Label_1'], ['Label_1', 'Label_2']]));
    // The first answer (the core's settings after the first tick) does not untick the second.
    await act(async () => held.shift()?.());
    expect([receipts.checked, travel.checked]).toEqual([true, true]);
    await act(async () => held.shift()?.());
    expect([receipts.checked, travel.checked]).toEqual([true, true]);
    expect(saved().accountNotifications[work.id]?.labelIds).toEqual(['Label_1', 'Label_2']);
  });

  it('labels that cannot be loaded: says so with what to do, and Try again asks once more', async () => {
    let calls = 0;
    mount({
      settings: { accountNotifications: { [work.id]: { enabled: true, which: 'labels', labelIds: ['Label_9'] } } },
      handlers: {
        'labels:list': () => (++calls === 1 ? fail('OFFLINE') : ok([{ id: 'Label_1', name: 'Receipts' }])),
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/could not load the labels of work@acme.test/);
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByRole('checkbox', { name: 'Receipts' });
    // A chosen label Gmail no longer has stays listed (ticked), so it can be unticked.
    expect((screen.getByRole('checkbox', { name: 'Label_9 (no longer in Gmail)' }) as HTMLInputElement).checked).toBe(
      true,
    );
  });

  it('quiet hours: enable, then start and end times (a schedule across midnight is explained)', async () => {
    const { saved } = mount();
    const start = screen.getByLabelText('From') as HTMLInputElement;
    expect(start.disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'No notifications at night (every day)' }));
    await waitFor(() => expect(saved().quietHours.enabled).toBe(true));
    await waitFor(() => expect(start.disabled).toBe(false));
    fireEvent.change(start, { target: { value: '23:30' } });
    await waitFor(() =>
      expect(saved().quietHours).toEqual({ enabled: true, startMinute: 23 * 60 + 30, endMinute: 420 }),
    );
    fireEvent.change(screen.getByLabelText('to'), { target: { value: '06:15' } });
    await waitFor(() => expect(saved().quietHours.endMinute).toBe(6 * 60 + 15));
    expect(screen.getByText(/Every day from 23:30 to 06:15 the next morning/)).toBeTruthy();
  });

  it('do not disturb: 1 hour shows the time left; turn off ends it', async () => {
    const { saved } = mount();
    expect(screen.getByText('Off', { selector: '#settings-dnd-status' })).toBeTruthy();
    const before = Date.now();
    fireEvent.click(screen.getByRole('button', { name: 'For 1 hour' }));
    await waitFor(() => expect(saved().doNotDisturb?.until).toBeGreaterThanOrEqual(before + 3600_000));
    await waitFor(() =>
      expect(document.getElementById('settings-dnd-status')?.textContent).toMatch(/^On for (60|59) more minutes$/),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    await waitFor(() => expect(saved().doNotDisturb).toBeNull());
    await waitFor(() => expect(document.getElementById('settings-dnd-status')?.textContent).toBe('Off'));
    fireEvent.click(screen.getByRole('button', { name: 'Until I turn it off' }));
    await waitFor(() => expect(saved().doNotDisturb).toEqual({ until: null }));
    await waitFor(() =>
      expect(document.getElementById('settings-dnd-status')?.textContent).toBe('On until you turn it off'),
    );
  });

  it('do not disturb: until tomorrow morning ends at 08:00 (this morning when set at night); it expires by itself', () => {
    const evening = new Date(2026, 11, 7, 21, 15).getTime();
    expect(doNotDisturbFor('tomorrow', { now: evening })).toEqual({ until: new Date(2026, 11, 8, 8, 0).getTime() });
    const night = new Date(2026, 11, 8, 1, 30).getTime();
    expect(doNotDisturbFor('tomorrow', { now: night })).toEqual({ until: new Date(2026, 11, 8, 8, 0).getTime() });
    const until = new Date(2026, 11, 8, 8, 0).getTime();
    expect(doNotDisturbStatus({ until }, evening)).toBe('On until 08:00 tomorrow');
    expect(doNotDisturbStatus({ until }, night)).toBe('On until 08:00');
    expect(doNotDisturbStatus({ until }, until)).toBeNull();
    expect(doNotDisturbStatus({ until }, until - 90_000)).toBe('On for 2 more minutes');
  });

  it('Send a test notification shows what the system said (and, on macOS, how to allow it)', async () => {
    let answer: (result: TestNotificationResult) => void = () => undefined;
    mount({
      handlers: { 'notifications:test': () => new Promise((resolve) => (answer = (r) => resolve(ok(r)))) },
    });
    const button = screen.getByRole('button', { name: 'Send a test notification' });
    fireEvent.click(button);
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(true));
    expect(document.getElementById('settings-test-result')?.textContent).toBe('Sending…');
    await act(async () =>
      answer({
        outcome: 'failed',
        message: 'The system did not show the test notification. Open System Settings → Notifications → Glance…',
      }),
    );
    const result = document.getElementById('settings-test-result');
    await waitFor(() => expect(result?.textContent).toMatch(/System Settings → Notifications → Glance/));
    expect(result?.dataset.outcome).toBe('failed');
    expect(result?.getAttribute('role')).toBe('status');
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });
});
