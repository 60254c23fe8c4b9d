import { useCallback, useEffect, useState } from 'react';
import type {
  AccountNotificationSettings,
  AccountView,
  GmailLabel,
  Settings,
  SettingsPatch,
  TestNotificationResult,
} from '../../../electron/shared/ipc-contract.js';
import {
  describeDoNotDisturb,
  DND_MORNING_HOUR,
  doNotDisturbFor,
  type DoNotDisturbChoice,
} from '../../../electron/shared/do-not-disturb.js';
import { adviceFor } from '../shared/errors.js';

export interface NotificationsSectionProps {
  settings: Settings;
  accounts: AccountView[];
  update: (patch: SettingsPatch) => Promise<void>;
}

/** The contract's DEFAULT_ACCOUNT_NOTIFICATIONS (the renderer has the contract's types only). */
const ACCOUNT_DEFAULT: AccountNotificationSettings = { enabled: true, which: 'inbox', labelIds: [] };

const pad = (n: number) => String(n).padStart(2, '0');
export const minuteToTime = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
export function timeToMinute(value: string): number | null {
  const match = /^(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  return minute >= 0 && minute < 24 * 60 ? minute : null;
}

/** Do not disturb in words ("On until 08:00 tomorrow"), or null when it is off (an expired one ends by itself). */
export function doNotDisturbStatus(dnd: Settings['doNotDisturb'], now: number): string | null {
  const words = describeDoNotDisturb(dnd, { now });
  return words === null ? null : `On ${words}`;
}

const WHICH_CHOICES: ReadonlyArray<{ value: AccountNotificationSettings['which']; label: string }> = [
  { value: 'inbox', label: 'All new mail in the inbox' },
  { value: 'primary', label: 'Only the Primary category' },
  { value: 'labels', label: 'Only mail with labels I choose' },
];

/**
 * Settings → Notifications: the master switch; per account on/off and which mail (all inbox mail, Gmail's
 * Primary category, or chosen labels); quiet hours (a daily schedule that may span midnight); do not disturb
 * with the time left; and "Send a test notification" with what the system answered. Each change is saved at once.
 */
export function NotificationsSection({ settings, accounts, update }: NotificationsSectionProps) {
  const off = !settings.notifications;
  return (
    <section className="settings-section" aria-labelledby="settings-notifications-title">
      <h2 id="settings-notifications-title">Notifications</h2>
      <div className="settings-check">
        <input
          type="checkbox"
          id="settings-notifications"
          checked={settings.notifications}
          aria-describedby="settings-notifications-help"
          onChange={(event) => void update({ notifications: event.target.checked })}
        />
        <label htmlFor="settings-notifications">Notify me about new mail</label>
      </div>
      <p id="settings-notifications-help" className="settings-help">
        Only mail that arrives while Glance runs is announced, never mail that was already there. While the Glance
        window is in front, the list updates instead.
      </p>
      {accounts.map((account) => (
        <AccountRules key={account.id} account={account} settings={settings} update={update} disabled={off} />
      ))}
      <QuietHoursControls settings={settings} update={update} disabled={off} />
      <DoNotDisturbControls settings={settings} update={update} disabled={off} />
      <TestNotification />
    </section>
  );
}

interface PartProps {
  settings: Settings;
  update: (patch: SettingsPatch) => Promise<void>;
  disabled: boolean;
}

function AccountRules({ account, settings, update, disabled }: PartProps & { account: AccountView }) {
  const rule = settings.accountNotifications[account.id] ?? ACCOUNT_DEFAULT;
  const prefix = `settings-notify-${account.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const change = (next: Partial<AccountNotificationSettings>) =>
    void update({ accountNotifications: { ...settings.accountNotifications, [account.id]: { ...rule, ...next } } });
  const whichDisabled = disabled || !rule.enabled;
  return (
    <fieldset className="settings-fieldset" disabled={disabled}>
      <legend>{account.email}</legend>
      <div className="settings-check">
        <input
          type="checkbox"
          id={`${prefix}-enabled`}
          checked={rule.enabled}
          onChange={(event) => change({ enabled: event.target.checked })}
        />
        <label htmlFor={`${prefix}-enabled`}>Notify me about mail in {account.email}</label>
      </div>
      <fieldset className="settings-fieldset" disabled={whichDisabled}>
        <legend>Which mail</legend>
        {WHICH_CHOICES.map((choice) => (
          <div className="settings-radio" key={choice.value}>
            <input
              type="radio"
              id={`${prefix}-${choice.value}`}
              name={`${prefix}-which`}
              value={choice.value}
              checked={rule.which === choice.value}
              onChange={() => change({ which: choice.value })}
            />
            <label htmlFor={`${prefix}-${choice.value}`}>{choice.label}</label>
          </div>
        ))}
        {rule.which === 'labels' ? (
          <LabelChecklist
            accountId={account.id}
            email={account.email}
            chosen={rule.labelIds}
            onChange={(labelIds) => change({ labelIds })}
          />
        ) : null}
      </fieldset>
    </fieldset>
  );
}

type LabelsState =
  { phase: 'loading' } | { phase: 'ready'; labels: GmailLabel[] } | { phase: 'failed'; message: string };

/** The account's own labels, asked of Gmail when this list first shows (not on every sync). */
function LabelChecklist(props: {
  accountId: string;
  email: string;
  chosen: string[];
  onChange: (labelIds: string[]) => void;
}) {
  const { accountId, chosen, onChange } = props;
  const [state, setState] = useState<LabelsState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    void window.glance.labels.list(accountId).then((result) => {
      if (!current) return;
      if (result.ok) setState({ phase: 'ready', labels: result.value });
      else setState({ phase: 'failed', message: adviceFor(result.error).detail });
    });
    return () => {
      current = false;
    };
  }, [accountId, attempt]);

  const prefix = `settings-labels-${accountId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...new Set([...chosen, id])] : chosen.filter((chosenId) => chosenId !== id));

  if (state.phase === 'loading') return <p role="status">Loading the labels of {props.email}…</p>;
  if (state.phase === 'failed')
    return (
      <div role="alert">
        <p>
          Glance could not load the labels of {props.email}. {state.message}
        </p>
        <button
          type="button"
          className="button"
          onClick={() => {
            setState({ phase: 'loading' });
            setAttempt((n) => n + 1);
          }}
        >
          Try again
        </button>
      </div>
    );
  // Chosen labels that Gmail no longer has stay listed, so they can be unchosen.
  const known = new Set(state.labels.map((label) => label.id));
  const gone = chosen.filter((id) => !known.has(id)).map((id) => ({ id, name: `${id} (no longer in Gmail)` }));
  const listed = [...state.labels, ...gone];
  if (listed.length === 0)
    return (
      <p className="settings-help">
        {props.email} has no labels of its own yet. Create labels in Gmail, then come back here.
      </p>
    );
  return (
    <fieldset className="settings-fieldset">
      <legend>Labels that notify</legend>
      {listed.map((label) => (
        <div className="settings-check" key={label.id}>
          <input
            type="checkbox"
            id={`${prefix}-${label.id}`}
            checked={chosen.includes(label.id)}
            onChange={(event) => toggle(label.id, event.target.checked)}
          />
          <label htmlFor={`${prefix}-${label.id}`}>{label.name}</label>
        </div>
      ))}
      {chosen.length === 0 ? (
        <p className="settings-help">No label chosen: this account announces nothing until you choose one.</p>
      ) : null}
    </fieldset>
  );
}

function QuietHoursControls({ settings, update, disabled }: PartProps) {
  const quiet = settings.quietHours;
  const setTime = (field: 'startMinute' | 'endMinute', value: string) => {
    const minute = timeToMinute(value);
    if (minute !== null) void update({ quietHours: { ...quiet, [field]: minute } });
  };
  const start = minuteToTime(quiet.startMinute);
  const end = minuteToTime(quiet.endMinute);
  const spansMidnight = quiet.endMinute < quiet.startMinute;
  return (
    <fieldset className="settings-fieldset" disabled={disabled} aria-describedby="settings-quiet-help">
      <legend>Quiet hours</legend>
      <div className="settings-check">
        <input
          type="checkbox"
          id="settings-quiet-enabled"
          checked={quiet.enabled}
          onChange={(event) => void update({ quietHours: { ...quiet, enabled: event.target.checked } })}
        />
        <label htmlFor="settings-quiet-enabled">No notifications at night (every day)</label>
      </div>
      <div className="settings-field">
        <label htmlFor="settings-quiet-start">From</label>
        <input
          type="time"
          id="settings-quiet-start"
          value={start}
          disabled={!quiet.enabled}
          onChange={(event) => setTime('startMinute', event.target.value)}
        />
        <label htmlFor="settings-quiet-end">to</label>
        <input
          type="time"
          id="settings-quiet-end"
          value={end}
          disabled={!quiet.enabled}
          onChange={(event) => setTime('endMinute', event.target.value)}
        />
      </div>
      <p id="settings-quiet-help" className="settings-help">
        {quiet.startMinute === quiet.endMinute
          ? 'Start and end are the same time, so quiet hours never apply.'
          : `Every day from ${start} to ${end}${spansMidnight ? ' the next morning' : ''}, in your computer’s time zone. Mail that arrives then is not announced later either.`}
      </p>
    </fieldset>
  );
}

/** The clock the remaining time is shown with: read again whenever the setting changes, then every 30 seconds. */
function useNow(dnd: Settings['doNotDisturb']): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const read = () => setNow(Date.now());
    const first = window.setTimeout(read, 0);
    const timer = dnd === null ? undefined : window.setInterval(read, 30_000);
    return () => {
      window.clearTimeout(first);
      if (timer !== undefined) window.clearInterval(timer);
    };
  }, [dnd]);
  return now;
}

function DoNotDisturbControls({ settings, update, disabled }: PartProps) {
  const dnd = settings.doNotDisturb;
  const now = useNow(dnd);
  const status = doNotDisturbStatus(dnd, now);
  const choose = (choice: DoNotDisturbChoice) =>
    void update({ doNotDisturb: doNotDisturbFor(choice, { now: Date.now() }) });
  return (
    <fieldset className="settings-fieldset" disabled={disabled}>
      <legend>Do not disturb</legend>
      <p id="settings-dnd-status" role="status" aria-live="polite">
        {status ?? 'Off'}
      </p>
      <div className="settings-buttons" role="group" aria-describedby="settings-dnd-status">
        <button type="button" className="button" onClick={() => choose('hour')}>
          For 1 hour
        </button>
        <button type="button" className="button" onClick={() => choose('tomorrow')}>
          Until tomorrow morning ({minuteToTime(DND_MORNING_HOUR * 60)})
        </button>
        <button type="button" className="button" onClick={() => choose('off-manually')}>
          Until I turn it off
        </button>
        <button
          type="button"
          className="button"
          disabled={status === null}
          onClick={() => void update({ doNotDisturb: null })}
        >
          Turn off
        </button>
      </div>
      <p className="settings-help">
        Mail that arrives during do not disturb is not announced afterwards. The tray menu has the same choices.
      </p>
    </fieldset>
  );
}

type TestState = { phase: 'idle' } | { phase: 'sending' } | { phase: 'done'; result: TestNotificationResult };

function TestNotification() {
  const [state, setState] = useState<TestState>({ phase: 'idle' });
  const send = useCallback(async () => {
    setState({ phase: 'sending' });
    const answer = await window.glance.notifications.test();
    setState({
      phase: 'done',
      result: answer.ok ? answer.value : { outcome: 'failed', message: adviceFor(answer.error).detail },
    });
  }, []);
  return (
    <div className="settings-field">
      <button
        type="button"
        className="button"
        disabled={state.phase === 'sending'}
        aria-describedby="settings-test-result"
        onClick={() => void send()}
      >
        Send a test notification
      </button>
      <p
        id="settings-test-result"
        role="status"
        aria-live="polite"
        data-outcome={state.phase === 'done' ? state.result.outcome : undefined}
      >
        {state.phase === 'sending' ? 'Sending…' : state.phase === 'done' ? state.result.message : ''}
      </p>
    </div>
  );
}
