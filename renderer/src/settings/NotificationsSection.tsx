import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AccountNotificationSettings,
  AccountView,
  GmailLabel,
  Settings,
  SettingsPatch,
  TestNotificationResult,
} from '../../../electron/shared/ipc-contract.js';
import {
  DND_MORNING_HOUR,
  doNotDisturbFor,
  doNotDisturbRemaining,
  type DoNotDisturbChoice,
} from '../../../electron/shared/do-not-disturb.js';
import { i18n } from '../i18n/i18n.js';
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
  const remaining = doNotDisturbRemaining(dnd, { now });
  if (remaining === null) return null;
  switch (remaining.kind) {
    case 'until-turned-off':
      return i18n.t('settings:notifications.dndUntilTurnedOff');
    case 'minutes':
      return i18n.t('settings:notifications.dndForMinutes', { minutes: remaining.minutes });
    case 'until':
      return remaining.tomorrow
        ? i18n.t('settings:notifications.dndUntilTomorrow', { time: remaining.time })
        : i18n.t('settings:notifications.dndUntil', { time: remaining.time });
  }
}

const WHICH_CHOICES = [
  { value: 'inbox', label: 'notifications.whichInbox' },
  { value: 'primary', label: 'notifications.whichPrimary' },
  { value: 'labels', label: 'notifications.whichLabels' },
] as const satisfies ReadonlyArray<{ value: AccountNotificationSettings['which']; label: string }>;

/**
 * Settings → Notifications: the master switch; per account on/off and which mail (all inbox mail, Gmail's
 * Primary category, or chosen labels); quiet hours (a daily schedule that may span midnight); do not disturb
 * with the time left; and "Send a test notification" with what the system answered. Each change is saved at once.
 */
export function NotificationsSection({ settings, accounts, update }: NotificationsSectionProps) {
  const { t } = useTranslation('settings');
  const off = !settings.notifications;
  return (
    <section className="settings-section" aria-labelledby="settings-notifications-title">
      <h2 id="settings-notifications-title">{t('notifications.title')}</h2>
      <div className="settings-check">
        <input
          type="checkbox"
          id="settings-notifications"
          checked={settings.notifications}
          aria-describedby="settings-notifications-help"
          onChange={(event) => void update({ notifications: event.target.checked })}
        />
        <label htmlFor="settings-notifications">{t('notifications.enabled')}</label>
      </div>
      <p id="settings-notifications-help" className="settings-help">
        {t('notifications.enabledHelp')}
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
  const { t } = useTranslation('settings');
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
        <label htmlFor={`${prefix}-enabled`}>{t('notifications.account', { email: account.email })}</label>
      </div>
      <fieldset className="settings-fieldset" disabled={whichDisabled}>
        <legend>{t('notifications.which')}</legend>
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
            <label htmlFor={`${prefix}-${choice.value}`}>{t(choice.label)}</label>
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
  const { t } = useTranslation('settings');
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

  if (state.phase === 'loading') return <p role="status">{t('notifications.labelsLoading', { email: props.email })}</p>;
  if (state.phase === 'failed')
    return (
      <div role="alert">
        <p>{t('notifications.labelsFailed', { email: props.email, reason: state.message })}</p>
        <button
          type="button"
          className="button"
          onClick={() => {
            setState({ phase: 'loading' });
            setAttempt((n) => n + 1);
          }}
        >
          {t('notifications.tryAgain')}
        </button>
      </div>
    );
  // Chosen labels that Gmail no longer has stay listed, so they can be unchosen.
  const known = new Set(state.labels.map((label) => label.id));
  const gone = chosen
    .filter((id) => !known.has(id))
    .map((id) => ({ id, name: t('notifications.labelGone', { label: id }) }));
  const listed = [...state.labels, ...gone];
  if (listed.length === 0)
    return <p className="settings-help">{t('notifications.noLabels', { email: props.email })}</p>;
  return (
    <fieldset className="settings-fieldset">
      <legend>{t('notifications.labelsLegend')}</legend>
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
      {chosen.length === 0 ? <p className="settings-help">{t('notifications.noLabelChosen')}</p> : null}
    </fieldset>
  );
}

function QuietHoursControls({ settings, update, disabled }: PartProps) {
  const { t } = useTranslation('settings');
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
      <legend>{t('notifications.quietLegend')}</legend>
      <div className="settings-check">
        <input
          type="checkbox"
          id="settings-quiet-enabled"
          checked={quiet.enabled}
          onChange={(event) => void update({ quietHours: { ...quiet, enabled: event.target.checked } })}
        />
        <label htmlFor="settings-quiet-enabled">{t('notifications.quietEnabled')}</label>
      </div>
      <div className="settings-field">
        <label htmlFor="settings-quiet-start">{t('notifications.quietFrom')}</label>
        <input
          type="time"
          id="settings-quiet-start"
          value={start}
          disabled={!quiet.enabled}
          onChange={(event) => setTime('startMinute', event.target.value)}
        />
        <label htmlFor="settings-quiet-end">{t('notifications.quietTo')}</label>
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
          ? t('notifications.quietNever')
          : t('notifications.quietHelp', { start, end, nextMorning: spansMidnight ? 'yes' : 'no' })}
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
  const { t } = useTranslation('settings');
  const dnd = settings.doNotDisturb;
  const now = useNow(dnd);
  const status = doNotDisturbStatus(dnd, now);
  const choose = (choice: DoNotDisturbChoice) =>
    void update({ doNotDisturb: doNotDisturbFor(choice, { now: Date.now() }) });
  return (
    <fieldset className="settings-fieldset" disabled={disabled}>
      <legend>{t('notifications.dndLegend')}</legend>
      <p id="settings-dnd-status" role="status" aria-live="polite">
        {status ?? t('notifications.dndOff')}
      </p>
      <div className="settings-buttons" role="group" aria-describedby="settings-dnd-status">
        <button type="button" className="button" onClick={() => choose('hour')}>
          {t('notifications.dndHour')}
        </button>
        <button type="button" className="button" onClick={() => choose('tomorrow')}>
          {t('notifications.dndTomorrow', { time: minuteToTime(DND_MORNING_HOUR * 60) })}
        </button>
        <button type="button" className="button" onClick={() => choose('off-manually')}>
          {t('notifications.dndManual')}
        </button>
        <button
          type="button"
          className="button"
          disabled={status === null}
          onClick={() => void update({ doNotDisturb: null })}
        >
          {t('notifications.dndTurnOff')}
        </button>
      </div>
      <p className="settings-help">{t('notifications.dndHelp')}</p>
    </fieldset>
  );
}

type TestState = { phase: 'idle' } | { phase: 'sending' } | { phase: 'done'; result: TestNotificationResult };

function TestNotification() {
  const { t } = useTranslation('settings');
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
        {t('notifications.test')}
      </button>
      <p
        id="settings-test-result"
        role="status"
        aria-live="polite"
        data-outcome={state.phase === 'done' ? state.result.outcome : undefined}
      >
        {state.phase === 'sending'
          ? t('notifications.testSending')
          : state.phase === 'done'
            ? state.result.message
            : ''}
      </p>
    </div>
  );
}
