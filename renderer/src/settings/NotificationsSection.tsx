import type { AccountView, Settings, SettingsPatch } from '../../../electron/shared/ipc-contract.js';

export interface NotificationsSectionProps {
  settings: Settings;
  accounts: AccountView[];
  update: (patch: SettingsPatch) => Promise<void>;
}

/** Settings → Notifications: the master switch (per-account rules, quiet hours and do not disturb build on it). */
export function NotificationsSection({ settings, update }: NotificationsSectionProps) {
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
        A notification for mail that arrives while Glance runs. Mail that was already there is never announced.
      </p>
    </section>
  );
}
