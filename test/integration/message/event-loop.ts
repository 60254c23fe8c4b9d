/**
 * The longest the main thread's event loop was held up while a task ran: a 10 ms ticker notes the longest gap
 * between its ticks, the gap still open when the task ends included (perf_hooks' monitorEventLoopDelay only
 * records gaps that a tick ends, so it misses one long block that outlasts the task).
 */
export async function longestBlock<T>(run: () => Promise<T>): Promise<{ value: T; maxBlockedMs: number }> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  try {
    const value = await run();
    longest = Math.max(longest, performance.now() - last);
    return { value, maxBlockedMs: Math.max(0, longest - 10) };
  } finally {
    clearInterval(ticker);
  }
}
