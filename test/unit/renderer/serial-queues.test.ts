import { describe, expect, it } from 'vitest';
import { createSerialQueues } from '../../../renderer/src/inbox/serial-queues.js';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createSerialQueues', () => {
  it('runs the calls of one message in order, also after a failure, and forgets it once they are done', async () => {
    const queues = createSerialQueues();
    const order: string[] = [];
    const archive = deferred<void>();
    const first = queues.run('m1', () => {
      order.push('archive');
      return archive.promise;
    });
    const second = queues.run('m1', async () => {
      order.push('unarchive');
    });
    const other = queues.run('m2', async () => {
      order.push('star');
    });
    await other;
    // The Undo waits for the archive; another message does not.
    expect(order).toEqual(['archive', 'star']);
    expect(queues.pendingKeys).toBe(1);
    archive.reject(new Error('offline'));
    await expect(first).rejects.toThrow('offline');
    await second;
    expect(order).toEqual(['archive', 'star', 'unarchive']);
    expect(queues.pendingKeys).toBe(0);
  });

  it('keeps a message while a later call is still queued', async () => {
    const queues = createSerialQueues();
    const gate = deferred<void>();
    const first = queues.run('m1', async () => undefined);
    const second = queues.run('m1', () => gate.promise);
    await first;
    expect(queues.pendingKeys).toBe(1);
    gate.resolve();
    await second;
    expect(queues.pendingKeys).toBe(0);
  });
});
