import { useEffect, useState } from 'react';
import type { IpcError, NetworkActivity, NetworkHost } from '../../../electron/shared/ipc-contract.js';
import { DialogFrame } from '../shared/DialogFrame.js';
import { adviceFor } from '../shared/errors.js';

/**
 * Help → Network activity: every host Glance contacted since it started, so the privacy promise can be
 * checked — Glance's own requests go to Google only, and the window reaches a sender's host only after
 * the person chose to show that message's remote content.
 */
export function NetworkActivityDialog({ onClose }: { onClose: () => void }) {
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
      title="Network activity"
      className="network-activity"
      onClose={onClose}
    >
      {error ? (
        <p role="alert">
          {adviceFor(error).title}. {adviceFor(error).detail}
        </p>
      ) : !activity ? (
        <p role="status">Loading…</p>
      ) : (
        <>
          <p className="network-since">
            Every host Glance has contacted since it started at{' '}
            {new Date(activity.since).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' })}.
          </p>
          <HostTable
            title="Glance's own requests"
            hint="Your mail and sign-in, from Google."
            empty="None yet."
            hosts={own}
          />
          <HostTable
            title="Shown in the window"
            hint="Content from the internet in a message: remote images, only after you chose Show."
            empty="None: no remote content was shown."
            hosts={shown}
          />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setReads((count) => count + 1)}>
              Refresh
            </button>
          </div>
        </>
      )}
    </DialogFrame>
  );
}

function HostTable({
  title,
  hint,
  empty,
  hosts,
}: {
  title: string;
  hint: string;
  empty: string;
  hosts: NetworkHost[];
}) {
  const id = `network-${title.replace(/\W+/g, '-').toLowerCase()}`;
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
              <th scope="col">Host</th>
              <th scope="col">Requests</th>
            </tr>
          </thead>
          <tbody>
            {hosts.map((host) => (
              <tr key={host.host}>
                <td className="network-host">{host.host}</td>
                <td className="network-count">{host.requests}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
