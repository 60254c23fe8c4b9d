/**
 * Electron's main process has no "online" event, so poll `net.isOnline()` and report each
 * offline → online transition (the core then re-syncs at once instead of waiting for its back-off).
 */
export interface OnlineWatcherOptions {
  isOnline(): boolean;
  onOnline(): void;
  intervalMs?: number;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export function watchOnline(options: OnlineWatcherOptions): () => void {
  const every = options.setInterval ?? ((callback, ms) => setInterval(callback, ms));
  const stop = options.clearInterval ?? ((handle) => clearInterval(handle as NodeJS.Timeout));
  let wasOnline = options.isOnline();
  const handle = every(() => {
    const online = options.isOnline();
    if (online && !wasOnline) options.onOnline();
    wasOnline = online;
  }, options.intervalMs ?? 10_000);
  // Polling must never keep the app alive on its own.
  (handle as { unref?: () => void } | null)?.unref?.();
  return () => stop(handle);
}
