import { useEffect, useRef, useState } from 'react';
import type { AccountView, AppInfo, IpcError, Settings, SettingsPatch } from '../../../electron/shared/ipc-contract.js';
import { adviceFor } from '../shared/errors.js';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog.js';
import { keepTabInside } from './focus.js';
import { POLL_CHOICES, pollLabel } from './labels.js';
import { NotificationsSection } from './NotificationsSection.js';
import { TrustedLinkDomains } from './TrustedLinkDomains.js';
import { TrustedSenders } from './TrustedSenders.js';

export interface SettingsPageProps {
  settings: Settings | null;
  appInfo: AppInfo | null;
  accounts: AccountView[];
  update: (patch: SettingsPatch) => Promise<void>;
  onChooseClientFile: () => void;
  /** Switches to the demo mailbox; resolves with an error to show, or null. */
  onUseDemo: () => Promise<IpcError | null>;
  onClose: () => void;
}

/**
 * Settings, over the whole window: every control is a native form control with a label (radio groups in
 * fieldsets, help text tied with aria-describedby), Tab stays inside, and Esc or Done goes back to where the
 * person was. Each change is saved at once.
 */
export function SettingsPage(props: SettingsPageProps) {
  const { settings, onClose } = props;
  const pageRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [status, setStatus] = useState('');
  const confirmRef = useRef(confirm);
  const closeRef = useRef(onClose);
  useEffect(() => {
    confirmRef.current = confirm;
    closeRef.current = onClose;
  });

  useEffect(() => {
    doneRef.current?.focus();
    // Esc anywhere (focus may be on the page itself after a click on empty space) closes the topmost layer.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        if (confirmRef.current) setConfirm(null);
        else closeRef.current();
        return;
      }
      const layer = pageRef.current?.querySelector<HTMLElement>('[role="alertdialog"]') ?? pageRef.current;
      if (layer && keepTabInside(layer, event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  const ask = (request: ConfirmRequest) =>
    setConfirm({
      ...request,
      onConfirm: () => {
        setConfirm(null);
        request.onConfirm();
      },
    });

  return (
    <div
      ref={pageRef}
      className="settings-page"
      role="dialog"
      aria-modal="true"
      aria-labelledby="settings-title"
      data-testid="settings-page"
    >
      <header className="settings-head">
        <h1 id="settings-title">Settings</h1>
        <button type="button" ref={doneRef} className="button primary" aria-keyshortcuts="Escape" onClick={onClose}>
          Done
        </button>
      </header>
      <div className="settings-body" inert={confirm !== null}>
        {settings ? (
          <>
            <MailSection settings={settings} update={props.update} />
            <PrivacySection settings={settings} update={props.update} />
            <NotificationsSection settings={settings} accounts={props.accounts} update={props.update} />
            <AppearanceSection settings={settings} update={props.update} />
          </>
        ) : (
          <p role="status">Loading your settings…</p>
        )}
        <GoogleClientSection {...props} ask={ask} setStatus={setStatus} />
        <DataSection appInfo={props.appInfo} accounts={props.accounts} ask={ask} setStatus={setStatus} />
      </div>
      <p className="settings-status" role="status" aria-live="polite">
        {status}
      </p>
      {confirm ? <ConfirmDialog request={confirm} onCancel={() => setConfirm(null)} /> : null}
    </div>
  );
}

interface SectionProps {
  settings: Settings;
  update: (patch: SettingsPatch) => Promise<void>;
}

function MailSection({ settings, update }: SectionProps) {
  const choices: number[] = POLL_CHOICES.includes(settings.pollSeconds as (typeof POLL_CHOICES)[number])
    ? [...POLL_CHOICES]
    : [...POLL_CHOICES, settings.pollSeconds].sort((a, b) => a - b);
  return (
    <section className="settings-section" aria-labelledby="settings-mail-title">
      <h2 id="settings-mail-title">Mail</h2>
      <div className="settings-field">
        <label htmlFor="settings-poll">Check for new mail every</label>
        <select
          id="settings-poll"
          value={settings.pollSeconds}
          aria-describedby="settings-poll-help"
          onChange={(event) => void update({ pollSeconds: Number(event.target.value) })}
        >
          {choices.map((seconds) => (
            <option key={seconds} value={seconds}>
              {pollLabel(seconds)}
            </option>
          ))}
        </select>
      </div>
      <p id="settings-poll-help" className="settings-help">
        Glance also checks when you come back to its window, wake your computer or get back online.
      </p>
      <div className="settings-check">
        <input
          type="checkbox"
          id="settings-mark-read"
          checked={settings.markReadOnOpen}
          aria-describedby="settings-mark-read-help"
          onChange={(event) => void update({ markReadOnOpen: event.target.checked })}
        />
        <label htmlFor="settings-mark-read">Mark messages as read when I open them</label>
      </div>
      <p id="settings-mark-read-help" className="settings-help">
        When off, a message you open stays unread until you mark it read.
      </p>
      <div className="settings-check">
        <input
          type="checkbox"
          id="settings-list-mode"
          checked={settings.listMode === 'messages'}
          aria-describedby="settings-list-mode-help"
          onChange={(event) => void update({ listMode: event.target.checked ? 'messages' : 'conversations' })}
        />
        <label htmlFor="settings-list-mode">Show each message separately</label>
      </div>
      <p id="settings-list-mode-help" className="settings-help">
        When off, the messages of a conversation share one row and the count is of unread conversations, as in Gmail.
      </p>
    </section>
  );
}

const REMOTE_IMAGE_CHOICES: ReadonlyArray<{ value: Settings['remoteImages']; label: string; help: string }> = [
  { value: 'never', label: 'Never load them', help: 'No offer to show them either.' },
  { value: 'ask', label: 'Ask for each message', help: 'Recommended. A bar offers to show them.' },
  {
    value: 'trusted',
    label: 'Load them for trusted senders, ask for others',
    help: 'Trusted senders are listed below.',
  },
];

function PrivacySection({ settings, update }: SectionProps) {
  return (
    <section className="settings-section" aria-labelledby="settings-privacy-title">
      <h2 id="settings-privacy-title">Privacy</h2>
      <fieldset className="settings-fieldset" aria-describedby="settings-images-help">
        <legend>Remote images</legend>
        <p id="settings-images-help" className="settings-help">
          Images loaded from the internet can tell the sender that, when and where you read their mail.
        </p>
        {REMOTE_IMAGE_CHOICES.map((choice) => (
          <div className="settings-radio" key={choice.value}>
            <input
              type="radio"
              id={`settings-images-${choice.value}`}
              name="settings-remote-images"
              value={choice.value}
              checked={settings.remoteImages === choice.value}
              aria-describedby={`settings-images-${choice.value}-help`}
              onChange={() => void update({ remoteImages: choice.value })}
            />
            <label htmlFor={`settings-images-${choice.value}`}>{choice.label}</label>
            <span id={`settings-images-${choice.value}-help`} className="settings-help inline">
              {choice.help}
            </span>
          </div>
        ))}
      </fieldset>
      <TrustedSenders senders={settings.remoteContentSenders} policy={settings.remoteImages} update={update} />
      <TrustedLinkDomains domains={settings.trustedLinkDomains} update={update} />
    </section>
  );
}

const THEME_CHOICES: ReadonlyArray<{ value: Settings['theme']; label: string }> = [
  { value: 'system', label: 'Same as my computer' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

function AppearanceSection({ settings, update }: SectionProps) {
  return (
    <section className="settings-section" aria-labelledby="settings-appearance-title">
      <h2 id="settings-appearance-title">Appearance and start-up</h2>
      <fieldset className="settings-fieldset">
        <legend>Theme</legend>
        {THEME_CHOICES.map((choice) => (
          <div className="settings-radio" key={choice.value}>
            <input
              type="radio"
              id={`settings-theme-${choice.value}`}
              name="settings-theme"
              value={choice.value}
              checked={settings.theme === choice.value}
              onChange={() => void update({ theme: choice.value })}
            />
            <label htmlFor={`settings-theme-${choice.value}`}>{choice.label}</label>
          </div>
        ))}
      </fieldset>
      <div className="settings-check">
        <input
          type="checkbox"
          id="settings-launch-at-login"
          checked={settings.launchAtLogin}
          aria-describedby="settings-launch-at-login-help"
          onChange={(event) => void update({ launchAtLogin: event.target.checked })}
        />
        <label htmlFor="settings-launch-at-login">Open Glance when I log in</label>
      </div>
      <p id="settings-launch-at-login-help" className="settings-help">
        Your system’s login items list Glance too; turning it off there turns it off here.
      </p>
    </section>
  );
}

interface ActionSectionProps {
  ask: (request: ConfirmRequest) => void;
  setStatus: (text: string) => void;
}

function GoogleClientSection(props: SettingsPageProps & ActionSectionProps) {
  const info = props.appInfo;
  const source = info?.clientSource;
  const googleAccounts = source === 'demo' ? [] : props.accounts;
  const description =
    source === 'demo'
      ? 'Glance is showing the demo mailbox: made-up mail, not your Gmail.'
      : source === 'data-folder'
        ? 'Glance uses your own Google client (the client file you chose).'
        : source === 'env'
          ? 'Glance uses the Google client named by GLANCE_CLIENT_SECRETS. Remove that setting and restart Glance to change it.'
          : source === 'embedded'
            ? 'This copy of Glance comes with its own Google client.'
            : '';
  const useDemo = () =>
    props.ask({
      title: 'Go back to the demo mailbox?',
      confirmLabel: 'Show the demo mailbox',
      body: (
        <>
          <p>
            {googleAccounts.length === 0
              ? 'Glance will show made-up mail instead of Gmail.'
              : `${googleAccounts.map((account) => account.email).join(', ')} ${
                  googleAccounts.length === 1 ? 'stays' : 'stay'
                } signed in on this computer, but Glance won’t check ${
                  googleAccounts.length === 1 ? 'its' : 'their'
                } mail or notify you until you choose your Google client again.`}
          </p>
          {googleAccounts.length > 0 ? (
            <p>To remove an account from this computer instead, sign out of it first.</p>
          ) : null}
          <p>Your client file is kept in the data folder as client_secret.json.previous.</p>
        </>
      ),
      onConfirm: () =>
        void props.onUseDemo().then((error) => {
          props.setStatus(
            error
              ? `Glance couldn’t switch to the demo mailbox: ${adviceFor(error).title}.`
              : 'Glance is showing the demo mailbox.',
          );
        }),
    });
  return (
    <section className="settings-section" aria-labelledby="settings-client-title">
      <h2 id="settings-client-title">Google client</h2>
      <p id="settings-client-help" className="settings-help">
        {description}
      </p>
      <div className="button-row start">
        <button
          type="button"
          className="button"
          disabled={source === 'env'}
          aria-describedby="settings-client-help"
          onClick={props.onChooseClientFile}
        >
          Use my Google client…
        </button>
        {source === 'data-folder' ? (
          <button type="button" className="button" aria-describedby="settings-client-help" onClick={useDemo}>
            Back to the demo mailbox…
          </button>
        ) : null}
      </div>
    </section>
  );
}

function DataSection({
  appInfo,
  accounts,
  ask,
  setStatus,
}: Pick<SettingsPageProps, 'appInfo' | 'accounts'> & ActionSectionProps) {
  const openFolder = async () => {
    const result = await window.glance.data.openFolder();
    if (!result.ok) setStatus(`The data folder didn’t open: ${adviceFor(result.error).title}.`);
  };
  const clear = () =>
    ask({
      title: 'Clear the local copy of your mail?',
      confirmLabel: 'Clear and fetch again',
      destructive: true,
      body: (
        <>
          <p>
            Glance deletes the mail it keeps on this computer and fetches it again from Gmail, which can take a while
            for a large mailbox.
          </p>
          <p>You stay signed in, and actions still on their way to Gmail are kept. Nothing changes in Gmail.</p>
        </>
      ),
      onConfirm: () => {
        setStatus('Clearing the local copy…');
        void window.glance.data
          .clearLocalCopy()
          .then((result) =>
            setStatus(
              result.ok
                ? 'Local copy cleared. Glance is fetching your mail again.'
                : `The local copy wasn’t cleared: ${adviceFor(result.error).title}.`,
            ),
          );
      },
    });
  return (
    <section className="settings-section" aria-labelledby="settings-data-title">
      <h2 id="settings-data-title">Data</h2>
      <p id="settings-data-help" className="settings-help">
        Glance keeps its settings and an encrypted copy of your unread mail in{' '}
        <code className="settings-path">{appInfo?.dataFolder ?? 'its data folder'}</code>.
      </p>
      <div className="button-row start">
        <button
          type="button"
          className="button"
          aria-describedby="settings-data-help"
          onClick={() => void openFolder()}
        >
          Open data folder
        </button>
        <button
          type="button"
          className="button"
          disabled={accounts.length === 0}
          aria-describedby="settings-clear-help"
          onClick={clear}
        >
          Clear local copy of mail…
        </button>
      </div>
      <p id="settings-clear-help" className="settings-help">
        {accounts.length === 0
          ? 'There is no local copy while no account is signed in.'
          : 'Mail is fetched again from Gmail; you stay signed in.'}
      </p>
    </section>
  );
}
