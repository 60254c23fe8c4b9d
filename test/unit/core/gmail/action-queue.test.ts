import { describe, expect, it } from 'vitest';
import { NeedsSignInError, NotFoundError, OfflineError } from '../../../../electron/core/errors.js';
import { ActionQueue } from '../../../../electron/core/gmail/action-queue.js';
import type { LabelChange } from '../../../../electron/core/gmail/message-actions.js';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { ActionJournal } from '../../../../electron/core/store/action-journal.js';

/** A Gmail that answers each label change with `answer` (null: accepted), and what was applied here. */
function harness(answer: (change: LabelChange) => Error | null = () => null) {
  const sent: string[] = [];
  const applied: string[] = [];
  const movedToGmail: number[] = [];
  const journal = ActionJournal.inMemory();
  const queue = new ActionQueue(journal, {
    send: async (change) => {
      const label = `${[...change.add.map((l) => `+${l}`), ...change.remove.map((l) => `-${l}`)].join('')}:${change.ids.join(',')}`;
      const error = answer(change);
      if (error) throw error;
      sent.push(label);
    },
    applyLocally: (change) => {
      applied.push(change.ids.join(','));
      const messages = change.remove.includes('INBOX') ? -change.ids.length : 0;
      return { messages, conversations: Math.sign(messages) };
    },
    sentToGmail: (delta) => void movedToGmail.push(delta.messages),
    changed: () => undefined,
    now: () => 0,
    logger: memoryLogger('test'),
    accountId: 'acct',
  });
  return { sent, applied, movedToGmail, journal, queue };
}

describe('ActionQueue', () => {
  it('queues while Google is unreachable, then sends in order with one call per run of the same action', async () => {
    let offline = true;
    const h = harness(() => (offline ? new OfflineError() : null));
    expect(await h.queue.submit(['a'], 'archive', true)).toBe('queued');
    expect(await h.queue.submit(['b'], 'archive', false)).toBe('queued');
    expect(await h.queue.submit(['c'], 'star', true)).toBe('queued');
    expect(await h.queue.submit(['d'], 'archive', true)).toBe('queued');
    expect(h.queue.pendingCount).toBe(4);
    expect(h.queue.queuedDelta()).toEqual({ messages: -3, conversations: -3 });
    expect(h.applied).toEqual(['a', 'b', 'c', 'd']);
    offline = false;
    await h.queue.flush();
    expect(h.sent).toEqual(['-INBOX:a,b', '+STARRED:c', '-INBOX:d']);
    // Applied once only; their count now waits for the sync's history instead.
    expect(h.applied).toEqual(['a', 'b', 'c', 'd']);
    expect(h.movedToGmail).toEqual([-1, -1, 0, -1]);
    expect(h.queue.pendingCount).toBe(0);
    await h.queue.flush();
    expect(h.sent).toHaveLength(3);
  });

  it('a refused run is sent action by action; a waiting one whose message is gone is dropped and counted', async () => {
    const gone = new Set(['b']);
    let offline = true;
    const h = harness((change) =>
      offline ? new OfflineError() : change.ids.some((id) => gone.has(id)) ? new NotFoundError() : null,
    );
    await h.queue.submit(['a'], 'markRead', true);
    await h.queue.submit(['b'], 'markRead', true);
    await h.queue.submit(['c', 'b'], 'markRead', true);
    offline = false;
    await h.queue.flush();
    expect(h.sent).toEqual(['-UNREAD:a', '-UNREAD:c']);
    expect(h.queue.droppedCount).toBe(2);
    expect(h.journal.size).toBe(0);
  });

  it('an action just made that Gmail refuses fails as before; the waiting ones stay when the account needs sign-in', async () => {
    let answer: (change: LabelChange) => Error | null = () => new OfflineError();
    const h = harness((change) => answer(change));
    await h.queue.submit(['a'], 'archive', true);
    // Its message is gone: the new action fails (the renderer rolls it back); the waiting one is sent.
    answer = (change) => (change.ids.includes('z') ? new NotFoundError() : null);
    await expect(h.queue.submit(['z'], 'star', true)).rejects.toBeInstanceOf(NotFoundError);
    expect(h.sent).toEqual(['-INBOX:a']);
    expect(h.journal.size).toBe(0);
    expect(h.queue.droppedCount).toBe(0);

    answer = () => new OfflineError();
    await h.queue.submit(['c'], 'archive', true);
    answer = () => new NeedsSignInError('acct');
    await expect(h.queue.submit(['b'], 'markRead', true)).rejects.toBeInstanceOf(NeedsSignInError);
    expect(h.journal.pending().map((entry) => entry.ids)).toEqual([['c']]);
    expect(h.queue.pendingCount).toBe(1);
    answer = () => null;
    expect(await h.queue.submit(['b'], 'markRead', true)).toBe('sent');
    expect(h.sent).toEqual(['-INBOX:a', '-INBOX:c', '-UNREAD:b']);
  });
});
