/**
 * The person's actions on their way to Gmail, for one account. Each is written to the account's journal
 * first, then sent; Gmail accepting it removes it. When Google cannot be reached (offline, an outage, a
 * rate limit) it stays in the journal, is applied here (the list, the count) and is sent later, in order:
 * after the next successful sync, which the online/wake signal and the poll bring. Runs of the same action
 * go as one call (batchModify). A waiting action whose message Gmail no longer has is dropped and counted,
 * so the person is told once. The AccountSync owns this, and it is still the only one talking to Gmail.
 */
import type { MessageAction } from '../../shared/ipc-contract.js';
import { GoogleApiError, NotFoundError, OfflineError, RateLimitedError } from '../errors.js';
import type { Logger } from '../logging.js';
import type { ActionJournal, QueuedAction } from '../store/action-journal.js';
import { labelChange, leavesUnreadInbox, type ActionTarget, type LabelChange } from './message-actions.js';
import type { CountDelta } from './unread-count.js';

/** Gmail's limit of ids per batchModify call. */
const MAX_IDS_PER_CALL = 1000;

export interface ActionQueueHooks {
  /** Sends one label change to Gmail (messages.modify or batchModify; threads.modify for a thread target). */
  send(change: LabelChange): Promise<void>;
  /** Applies a change to the local view; returns how far it moved the unread counts. */
  applyLocally(change: LabelChange): CountDelta;
  /** An action Gmail now holds moved the counts by this much (the next sync reads it from history). */
  sentToGmail(delta: CountDelta): void;
  /** The message ids a change touches here (a thread change: the messages of those threads Glance holds). */
  messageIdsOf?(change: LabelChange): readonly string[];
  /** Something the renderer sees changed (the view, the waiting count): publish and save. */
  changed(goneIds: ReadonlySet<string>): void;
  now(): number;
  logger: Logger;
  accountId: string;
}

/** Google did not answer, or asked to wait: keep the action and try later. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof OfflineError || error instanceof RateLimitedError;
}

/** Gmail refused the action itself (its message is gone, or the request is wrong): sending it again cannot help. */
function isRefusedForGood(error: unknown): boolean {
  if (error instanceof NotFoundError) return true;
  return error instanceof GoogleApiError && error.status !== undefined && error.status >= 400 && error.status < 500;
}

function changeOf(entry: QueuedAction, ids: readonly string[] = entry.ids): LabelChange {
  return labelChange(ids, entry.action, entry.target);
}

function deltaOf(entry: QueuedAction): CountDelta {
  return { messages: entry.unreadDelta, conversations: entry.conversationDelta };
}

type Outcome = { kind: 'sent' } | { kind: 'queued' } | { kind: 'failed'; error: unknown };

/** What ended a run of sends early. */
type Stop = { kind: 'unreachable' } | { kind: 'account'; error: unknown };

export class ActionQueue {
  private chain: Promise<void> = Promise.resolve();
  /** Actions whose caller waits for the answer: a refusal fails that call instead of being dropped with a note. */
  private readonly waiting = new Set<number>();
  private readonly outcomes = new Map<number, Outcome>();
  /** Actions applied to the local view (all that are queued; at start, all in the journal). */
  private readonly applied = new Set<number>();
  private dropped = 0;

  constructor(
    private readonly journal: ActionJournal,
    private readonly hooks: ActionQueueHooks,
  ) {}

  /** The messages these actions take out of the unread inbox (known gone even below the listing boundary). */
  private leaving(entries: readonly QueuedAction[]): Set<string> {
    const ids = new Set<string>();
    for (const entry of entries) {
      const change = changeOf(entry);
      if (!leavesUnreadInbox(change)) continue;
      for (const id of this.hooks.messageIdsOf?.(change) ?? change.ids) ids.add(id);
    }
    return ids;
  }

  /** Start: the journal's actions are applied over the cached view; they are sent after the first sync. */
  applyJournal(): void {
    for (const entry of this.journal.pending()) {
      const delta = this.hooks.applyLocally(changeOf(entry));
      // The cached view may already hold it (then applying moves nothing): the journal kept its deltas.
      const kept = entry.unreadDelta !== 0 || entry.conversationDelta !== 0;
      if (!kept && (delta.messages !== 0 || delta.conversations !== 0)) this.journal.setDeltas(entry.seq, delta);
      this.applied.add(entry.seq);
    }
  }

  /** Messages (or conversations, for a conversation action) with an action waiting to reach Gmail. */
  get pendingCount(): number {
    let count = 0;
    for (const entry of this.journal.pending()) if (this.applied.has(entry.seq)) count += entry.ids.length;
    return count;
  }

  /** Waiting actions Gmail refused for good since start (message deleted there). */
  get droppedCount(): number {
    return this.dropped;
  }

  /** How far the waiting actions move the unread counts (Gmail's counts do not include them yet). */
  queuedDelta(): CountDelta {
    let messages = 0;
    let conversations = 0;
    for (const entry of this.journal.pending()) {
      if (!this.applied.has(entry.seq)) continue;
      messages += entry.unreadDelta;
      conversations += entry.conversationDelta;
    }
    return { messages, conversations };
  }

  /** The waiting actions as label changes, to re-apply over what a sync built (idempotent). */
  queuedChanges(): LabelChange[] {
    return this.journal
      .pending()
      .filter((entry) => this.applied.has(entry.seq))
      .map((entry) => changeOf(entry));
  }

  /**
   * Journals the action, then sends what waits in order, this one last. `sent`: Gmail accepted it;
   * `queued`: Google could not be reached (it is applied here and sent later). `tryNow` false: Google is
   * known to be unreachable, so it is queued without a request. Throws when Gmail refused it.
   */
  async submit(
    ids: readonly string[],
    action: MessageAction,
    tryNow: boolean,
    target: ActionTarget = 'messages',
  ): Promise<'sent' | 'queued'> {
    const entry = this.journal.append(action, ids, this.hooks.now(), target);
    if (!tryNow) {
      this.queueLocally([entry]);
      this.hooks.changed(this.leaving([entry]));
      return 'queued';
    }
    this.waiting.add(entry.seq);
    try {
      await this.flush();
    } finally {
      this.waiting.delete(entry.seq);
    }
    const outcome = this.outcomes.get(entry.seq);
    this.outcomes.delete(entry.seq);
    if (outcome?.kind === 'failed') throw outcome.error;
    if (outcome?.kind === 'sent') return 'sent';
    // Not reached (a run that ended early without deciding): it waits, applied here, like any queued action.
    if (!this.applied.has(entry.seq) && this.journal.has(entry.seq)) {
      this.queueLocally([entry]);
      this.hooks.changed(this.leaving([entry]));
    }
    return 'queued';
  }

  /** Sends every waiting action, in order (one run at a time). Resolves when this run ended. */
  flush(): Promise<void> {
    const run = this.chain.then(() => this.sendAll());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Resolves when the run in progress (if any) ended. */
  settled(): Promise<void> {
    return this.chain;
  }

  private async sendAll(): Promise<void> {
    const todo = this.journal.pending();
    if (todo.length === 0) return;
    const gone = new Set<string>();
    let stop: Stop | null = null;
    let index = 0;
    while (index < todo.length && stop === null) {
      const run = this.runFrom(todo, index);
      stop = await this.sendRun(run, gone);
      if (stop === null) index += run.length;
    }
    if (stop) this.stopped(todo.slice(index), stop, gone);
    this.hooks.changed(gone);
  }

  /** Consecutive actions of the same kind from `start`, at most one call's ids. */
  private runFrom(todo: readonly QueuedAction[], start: number): QueuedAction[] {
    const first = todo[start]!;
    const run = [first];
    let ids = first.ids.length;
    for (let i = start + 1; i < todo.length; i++) {
      const next = todo[i]!;
      const sameCall = next.action === first.action && next.target === first.target;
      if (!sameCall || ids + next.ids.length > MAX_IDS_PER_CALL) break;
      run.push(next);
      ids += next.ids.length;
    }
    return run;
  }

  /** One call for the run; when Gmail refuses it, each action (and a waiting one's each message) alone. */
  private async sendRun(run: readonly QueuedAction[], gone: Set<string>): Promise<Stop | null> {
    const ids = [...new Set(run.flatMap((entry) => entry.ids))];
    const error = await this.attempt(changeOf(run[0]!, ids));
    if (error === null) {
      this.accepted(run, gone);
      return null;
    }
    if (!isRefusedForGood(error)) return this.stopFor(error);
    if (run.length === 1 && ids.length === 1) {
      this.refused(run[0]!, error, gone);
      return null;
    }
    for (const entry of run) {
      const alone = await this.attempt(changeOf(entry));
      if (alone === null) {
        this.accepted([entry], gone);
        continue;
      }
      if (!isRefusedForGood(alone)) return this.stopFor(alone);
      if (this.waiting.has(entry.seq) || entry.ids.length === 1) {
        this.refused(entry, alone, gone);
        continue;
      }
      const stop = await this.sendEachMessage(entry, gone);
      if (stop) return stop;
    }
    return null;
  }

  /** A waiting action over several messages (or threads) that Gmail refused: those it still has get it. */
  private async sendEachMessage(entry: QueuedAction, gone: Set<string>): Promise<Stop | null> {
    let remaining = [...entry.ids];
    for (const id of entry.ids) {
      const error = await this.attempt(changeOf(entry, [id]));
      if (error !== null && !isRefusedForGood(error)) return this.stopFor(error);
      if (error !== null) this.noteDropped([id], gone);
      remaining = remaining.filter((other) => other !== id);
      // What is done leaves the journal now: a later stop must not send it again.
      this.journal.keepIds(entry.seq, remaining);
    }
    this.accepted([entry], gone);
    return null;
  }

  private async attempt(change: LabelChange): Promise<unknown> {
    try {
      await this.hooks.send(change);
      return null;
    } catch (error) {
      return error ?? new Error('modify failed');
    }
  }

  private stopFor(error: unknown): Stop {
    return isUnreachable(error) ? { kind: 'unreachable' } : { kind: 'account', error };
  }

  /** Gmail holds these now: applied here (if not already), out of the journal, the count handed to the sync. */
  private accepted(entries: readonly QueuedAction[], gone: Set<string>): void {
    for (const id of this.leaving(entries)) gone.add(id);
    for (const entry of entries) {
      const stored = this.journal.pending().find((e) => e.seq === entry.seq) ?? entry;
      const delta = this.applied.has(entry.seq) ? deltaOf(stored) : this.hooks.applyLocally(changeOf(entry));
      this.hooks.sentToGmail(delta);
      this.applied.delete(entry.seq);
      this.settle(entry.seq, { kind: 'sent' });
    }
    this.journal.remove(entries.map((entry) => entry.seq));
  }

  /** Gmail refused this action for good: the caller waiting for it hears why; a queued one is dropped with a note. */
  private refused(entry: QueuedAction, error: unknown, gone: Set<string>): void {
    this.journal.remove([entry.seq]);
    if (this.waiting.has(entry.seq)) {
      this.settle(entry.seq, { kind: 'failed', error });
      return;
    }
    this.applied.delete(entry.seq);
    this.noteDropped(entry.ids, gone);
  }

  private noteDropped(ids: readonly string[], gone: Set<string>): void {
    this.dropped += ids.length;
    for (const id of ids) gone.add(id);
    this.hooks.logger.warn('actions: Gmail refused a waiting action (message deleted there); dropped', {
      accountId: this.hooks.accountId,
      messages: ids.length,
    });
  }

  /** The run ended early: what is left waits (applied here), or, when the account itself failed, a waiting caller hears why. */
  private stopped(left: readonly QueuedAction[], stop: Stop, gone: Set<string>): void {
    const stillQueued = left.filter((entry) => this.journal.has(entry.seq) && !this.outcomes.has(entry.seq));
    if (stop.kind === 'account') {
      // Needs sign-in, permission missing…: an action just made fails as it always did; older ones keep waiting.
      const fresh = stillQueued.filter((entry) => this.waiting.has(entry.seq) && !this.applied.has(entry.seq));
      this.journal.remove(fresh.map((entry) => entry.seq));
      for (const entry of fresh) this.settle(entry.seq, { kind: 'failed', error: stop.error });
      this.queueLocally(stillQueued.filter((entry) => !fresh.includes(entry)));
      return;
    }
    this.queueLocally(stillQueued);
    for (const id of this.leaving(stillQueued)) gone.add(id);
    for (const entry of stillQueued) if (this.waiting.has(entry.seq)) this.settle(entry.seq, { kind: 'queued' });
  }

  /** Applies waiting actions here (once each) and keeps how far each moved the count. */
  private queueLocally(entries: readonly QueuedAction[]): void {
    for (const entry of entries) {
      if (this.applied.has(entry.seq)) continue;
      const delta = this.hooks.applyLocally(changeOf(entry));
      this.journal.setDeltas(entry.seq, delta);
      this.applied.add(entry.seq);
    }
  }

  private settle(seq: number, outcome: Outcome): void {
    if (this.waiting.has(seq)) this.outcomes.set(seq, outcome);
  }
}
