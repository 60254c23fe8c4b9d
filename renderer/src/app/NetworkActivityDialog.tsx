import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/i18n.js';
import type { IpcError, NetworkActivity, NetworkHost } from '../../../electron/shared/ipc-contract.js';
import { DialogFrame } from '../shared/DialogFrame.js';
import { adviceFor } from '../shared/errors.js';

/**
 * Help → Network activity: every host Glance contacted since it started, so the privacy promise can be
 * checked — Glance's own requests go to Google only, and the window reaches a sender's host only after
 * the person chose to show that message's remote content.
 */
export function NetworkActivityDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('app');
  const [activity, setActivity] = useState<NetworkActivity | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  /** Bumped by Refresh: the counts are read again. */
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let open = true;
    void window.glance.network.activity().then((result) => {
      if (!open) return;
      if (result.ok) {
        setActivity(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      open = false;
    };
  }, [reads]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  const own = activity?.hosts.filter((host) => host.via === 'glance') ?? [];
  const shown = activity?.hosts.filter((host) => host.via === 'window') ?? [];
  return (
    <DialogFrame
      titleId="network-activity-title"
      title={t('networkActivity.title')}
      className="network-activity"
      onClose={onClose}
    >
      {error ? (
        <p role="alert">
          {t('networkActivity.error', { title: adviceFor(error).title, detail: adviceFor(error).detail })}
        </p>
      ) : !activity ? (
        <p role="status">{t('networkActivity.loading')}</p>
      ) : (
        <>
          <p className="network-since">
            {t('networkActivity.since', {
              time: new Date(activity.since).toLocaleTimeString(currentLocale(), {
                hour: 'numeric',
                minute: '2-digit',
              }),
            })}
          </p>
          <HostTable
            id="network-own-requests"
            title={t('networkActivity.ownTitle')}
            hint={t('networkActivity.ownHint')}
            empty={t('networkActivity.ownEmpty')}
            hosts={own}
          />
          <HostTable
            id="network-window-requests"
            title={t('networkActivity.windowTitle')}
            hint={t('networkActivity.windowHint')}
            empty={t('networkActivity.windowEmpty')}
            hosts={shown}
          />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setReads((count) => count + 1)}>
              {t('networkActivity.refresh')}
            </button>
          </div>
        </>
      )}
    </DialogFrame>
  );
}

function HostTable({
  id,
  title,
  hint,
  empty,
  hosts,
}: {
  /** Fixed, not made from the title: the title follows the language. */
  id: string;
  title: string;
  hint: string;
  empty: string;
  hosts: NetworkHost[];
}) {
  const { t } = useTranslation('app');
  const count = new Intl.NumberFormat(currentLocale());
  return (
    <section aria-labelledby={id} className="network-section">
      <h3 id={id}>{title}</h3>
      <p className="network-hint">{hint}</p>
      {hosts.length === 0 ? (
        <p className="network-empty">{empty}</p>
      ) : (
        <table aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{t('networkActivity.host')}</th>
              <th scope="col">{t('networkActivity.requests')}</th>
            </tr>
          </thead>
          <tbody>
            {hosts.map((host) => (
              <tr key={host.host}>
                <td className="network-host">{host.host}</td>
                <td className="network-count">{count.format(host.requests)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
