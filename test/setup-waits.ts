/**
 * How long a test waits for state before calling it a failure. Both vi.waitFor and Testing Library give up after
 * 1 s by default; on a loaded two-core CI machine, state that comes over real I/O (the emulator's HTTP, a
 * listener closing, a worker thread or a child process starting) or through React's renders can take longer to
 * arrive. Tests wait on state, never on time, so a longer ceiling costs time only when a test fails; a wait that
 * names its own timeout keeps it.
 */
import { vi } from 'vitest';

const WAIT_FOR_TIMEOUT_MS = 10_000;
const DOM_WAIT_TIMEOUT_MS = 5_000;

const waitFor = vi.waitFor.bind(vi);
vi.waitFor = ((callback, options) =>
  waitFor(
    callback,
    typeof options === 'number' ? options : { timeout: WAIT_FOR_TIMEOUT_MS, ...options },
  )) as typeof vi.waitFor;

// Renderer tests (jsdom): waitFor and findBy… of Testing Library.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: DOM_WAIT_TIMEOUT_MS });
}
