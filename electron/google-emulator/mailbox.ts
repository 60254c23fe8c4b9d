/**
 * One user's mailbox: messages (lazy MIME), labels with counts, a history log with non-contiguous
 * historyIds, and keyset paging that stays stable while the mailbox changes underneath a client.
 */
import { apiErrors } from './api-errors.js';
import { arrivalDefaults, gmailStyleId, ID_EPOCH_MS, type GeneratedHeader } from './generator.js';
import { buildRawMessage, htmlToText, makeSnippet, parseRawMessage, type MailSpec, type ParsedPart } from './mime.js';
import { matchQuery, queryTargetsSpamOrTrash, type QueryContext, type QueryNode, type Searchable } from './query.js';
import { hash32, seededRandom } from './random.js';
import type { TextMatchOptions } from './text-match.js';
import type { GmailMessageSnapshot, NewMessageSpec } from './types.js';

export interface StoredMessage {
  id: string;
  threadId: string;
  internalDate: number;
  labelIds: string[];
  historyId: number;
  from: string;
  to: string;
  subject: string;
  hasAttachment: boolean;
  build: () => MailSpec;
  spec?: MailSpec;
  raw?: Buffer;
  parsed?: ParsedPart;
  snippet?: string;
  searchText?: string;
}

interface LabelDefinition {
  id: string;
  name: string;
  type: 'system' | 'user';
  messageListVisibility?: 'show' | 'hide';
  labelListVisibility?: 'labelShow' | 'labelShowIfUnread' | 'labelHide';
  color?: { textColor: string; backgroundColor: string };
  /** Clients may add/remove it through modify. */
  modifiable: boolean;
}

const SYSTEM_LABELS: LabelDefinition[] = [
  {
    id: 'CHAT',
    name: 'CHAT',
    type: 'system',
    messageListVisibility: 'hide',
    labelListVisibility: 'labelHide',
    modifiable: false,
  },
  {
    id: 'SENT',
    name: 'SENT',
    type: 'system',
    messageListVisibility: 'hide',
    labelListVisibility: 'labelHide',
    modifiable: false,
  },
  {
    id: 'INBOX',
    name: 'INBOX',
    type: 'system',
    messageListVisibility: 'hide',
    labelListVisibility: 'labelShow',
    modifiable: true,
  },
  {
    id: 'IMPORTANT',
    name: 'IMPORTANT',
    type: 'system',
    messageListVisibility: 'hide',
    labelListVisibility: 'labelHide',
    modifiable: true,
  },
  {
    id: 'TRASH',
    name: 'TRASH',
    type: 'system',
    messageListVisibility: 'hide',
    labelListVisibility: 'labelHide',
    modifiable: true,
  },
  {
    id: 'DRAFT',
    name: 'DRAFT',
    type: 'system',
    messageListVisibility: 'hide',
    labelListVisibility: 'labelHide',
    modifiable: false,
  },
  {
    id: 'SPAM',
    name: 'SPAM',
    type: 'system',
    messageListVisibility: 'hide',
    labelListVisibility: 'labelHide',
    modifiable: true,
  },
  { id: 'CATEGORY_FORUMS', name: 'CATEGORY_FORUMS', type: 'system', modifiable: true },
  { id: 'CATEGORY_UPDATES', name: 'CATEGORY_UPDATES', type: 'system', modifiable: true },
  { id: 'CATEGORY_PERSONAL', name: 'CATEGORY_PERSONAL', type: 'system', modifiable: true },
  { id: 'CATEGORY_PROMOTIONS', name: 'CATEGORY_PROMOTIONS', type: 'system', modifiable: true },
  { id: 'CATEGORY_SOCIAL', name: 'CATEGORY_SOCIAL', type: 'system', modifiable: true },
  { id: 'STARRED', name: 'STARRED', type: 'system', modifiable: true },
  { id: 'UNREAD', name: 'UNREAD', type: 'system', modifiable: true },
];

export const USER_LABELS: LabelDefinition[] = [
  {
    id: 'Label_1',
    name: 'Receipts',
    type: 'user',
    messageListVisibility: 'show',
    labelListVisibility: 'labelShow',
    color: { textColor: '#ffffff', backgroundColor: '#16a766' },
    modifiable: true,
  },
  {
    id: 'Label_2',
    name: 'Travel/2026',
    type: 'user',
    messageListVisibility: 'show',
    labelListVisibility: 'labelShow',
    modifiable: true,
  },
];

export type HistoryType = 'messageAdded' | 'messageDeleted' | 'labelAdded' | 'labelRemoved';

interface HistoryRecord {
  id: number;
  message: { id: string; threadId: string; labelIds: string[] };
  added?: true;
  deleted?: true;
  labelsAdded?: string[];
  labelsRemoved?: string[];
}

export interface ListParams {
  labelIds: string[];
  query: QueryNode | undefined;
  includeSpamTrash: boolean;
  maxResults: number;
  /** Position after which to continue (from the page token). */
  after: { internalDate: number; id: string } | undefined;
  /** How `q` words match (the emulator's search options). */
  textMatch?: TextMatchOptions;
}

/** A thread in a threads.list page, with the message that places it (its newest matching one). */
export interface ThreadSummary {
  id: string;
  position: { internalDate: number; id: string };
}

function compareNewestFirst(a: { internalDate: number; id: string }, b: { internalDate: number; id: string }): number {
  return b.internalDate - a.internalDate || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export class Mailbox {
  readonly email: string;
  readonly name: string;
  /** Newest first. */
  private ordered: StoredMessage[] = [];
  private readonly byId = new Map<string, StoredMessage>();
  private history: HistoryRecord[] = [];
  private currentHistoryId: number;
  private oldestValidHistoryId = 1;
  private readonly gapRandom: () => number;
  private arrivals = 0;

  constructor(
    private readonly options: {
      email: string;
      name: string;
      seed: number;
      baseHistoryId: number;
      clock: { now(): number };
    },
    generated: GeneratedHeader[],
  ) {
    this.email = options.email;
    this.name = options.name;
    this.currentHistoryId = options.baseHistoryId;
    this.gapRandom = seededRandom(hash32(options.seed, options.email, 'history-gaps'));
    const me = `${options.name} <${options.email}>`;
    for (const header of generated) {
      const stored: StoredMessage = {
        id: header.id,
        threadId: header.threadId,
        internalDate: header.internalDate,
        labelIds: header.labelIds,
        historyId: header.historyId,
        from: `${header.from.name} <${header.from.email}>`,
        to: me,
        subject: header.subject,
        hasAttachment: header.hasAttachment,
        build: header.build,
      };
      this.ordered.push(stored);
      this.byId.set(stored.id, stored);
    }
    this.ordered.sort(compareNewestFirst);
  }

  // ----- reading ------------------------------------------------------------------------------------

  historyId(): number {
    return this.currentHistoryId;
  }

  get(id: string): StoredMessage | undefined {
    return this.byId.get(id);
  }

  all(): readonly StoredMessage[] {
    return this.ordered;
  }

  spec(message: StoredMessage): MailSpec {
    message.spec ??= message.build();
    return message.spec;
  }

  raw(message: StoredMessage): Buffer {
    message.raw ??= buildRawMessage(this.spec(message));
    return message.raw;
  }

  parsed(message: StoredMessage): ParsedPart {
    message.parsed ??= parseRawMessage(this.raw(message));
    return message.parsed;
  }

  private plainText(message: StoredMessage): string {
    const spec = this.spec(message);
    return spec.text?.content ?? (spec.html ? htmlToText(spec.html.content) : '');
  }

  snippet(message: StoredMessage): string {
    message.snippet ??= makeSnippet(this.plainText(message));
    return message.snippet;
  }

  snapshot(message: StoredMessage): GmailMessageSnapshot {
    return {
      id: message.id,
      threadId: message.threadId,
      labelIds: [...message.labelIds],
      subject: message.subject,
      from: message.from,
      internalDate: String(message.internalDate),
    };
  }

  labels(): LabelDefinition[] {
    return [...SYSTEM_LABELS, ...USER_LABELS];
  }

  label(id: string): LabelDefinition | undefined {
    return this.labels().find((label) => label.id === id);
  }

  resolveLabel(nameOrId: string): string | undefined {
    const wanted = nameOrId.toLowerCase().replace(/[-\s/]+/g, '-');
    return this.labels().find(
      (label) => label.id.toLowerCase() === wanted || label.name.toLowerCase().replace(/[-\s/]+/g, '-') === wanted,
    )?.id;
  }

  labelCounts(id: string): {
    messagesTotal: number;
    messagesUnread: number;
    threadsTotal: number;
    threadsUnread: number;
  } {
    let messagesTotal = 0;
    let messagesUnread = 0;
    const threads = new Set<string>();
    const unreadThreads = new Set<string>();
    for (const message of this.ordered) {
      if (!message.labelIds.includes(id)) continue;
      messagesTotal++;
      threads.add(message.threadId);
      if (message.labelIds.includes('UNREAD')) {
        messagesUnread++;
        unreadThreads.add(message.threadId);
      }
    }
    return { messagesTotal, messagesUnread, threadsTotal: threads.size, threadsUnread: unreadThreads.size };
  }

  threadsTotal(): number {
    return new Set(this.ordered.map((message) => message.threadId)).size;
  }

  list(params: ListParams, now: number): { messages: StoredMessage[]; hasMore: boolean; resultSizeEstimate: number } {
    const context: QueryContext = {
      now,
      resolveLabel: (value) => this.resolveLabel(value),
      ...(params.textMatch ? { textMatch: params.textMatch } : {}),
    };
    const excludeSpamTrash =
      !params.includeSpamTrash &&
      !params.labelIds.some((id) => id === 'SPAM' || id === 'TRASH') &&
      !(params.query && queryTargetsSpamOrTrash(params.query));
    const matches = (message: StoredMessage) =>
      params.labelIds.every((id) => message.labelIds.includes(id)) &&
      !(excludeSpamTrash && (message.labelIds.includes('SPAM') || message.labelIds.includes('TRASH'))) &&
      (!params.query || matchQuery(params.query, this.searchable(message), context));
    const page: StoredMessage[] = [];
    let total = 0;
    let hasMore = false;
    for (const message of this.ordered) {
      if (!matches(message)) continue;
      total++;
      if (params.after && compareNewestFirst(message, params.after) <= 0) continue;
      if (page.length < params.maxResults) page.push(message);
      else hasMore = true;
    }
    return { messages: page, hasMore, resultSizeEstimate: total };
  }

  /** The messages of a thread, oldest first (as threads.get lists them); empty when there is no such thread. */
  thread(threadId: string): StoredMessage[] {
    const messages: StoredMessage[] = [];
    for (let index = this.ordered.length - 1; index >= 0; index--) {
      const message = this.ordered[index];
      if (message?.threadId === threadId) messages.push(message);
    }
    return messages;
  }

  /**
   * threads.list: the threads with at least one message matching every label id and `q` (UNSOURCED: Gmail
   * documents no thread-level rule; this is how its conversation search behaves in the web UI), newest first
   * by their newest matching message, keyset-paged on that message like `list`.
   */
  listThreads(
    params: ListParams,
    now: number,
  ): { threads: ThreadSummary[]; hasMore: boolean; resultSizeEstimate: number } {
    const matching = this.list({ ...params, maxResults: Number.MAX_SAFE_INTEGER, after: undefined }, now).messages;
    const seen = new Set<string>();
    const threads: ThreadSummary[] = [];
    let hasMore = false;
    for (const message of matching) {
      if (seen.has(message.threadId)) continue;
      seen.add(message.threadId);
      if (params.after && compareNewestFirst(message, params.after) <= 0) continue;
      if (threads.length >= params.maxResults) {
        hasMore = true;
        continue;
      }
      threads.push({ id: message.threadId, position: { internalDate: message.internalDate, id: message.id } });
    }
    return { threads, hasMore, resultSizeEstimate: seen.size };
  }

  /** "The ID of the last history record that modified this thread" (discovery): its messages' newest. */
  threadHistoryId(messages: readonly StoredMessage[]): number {
    return messages.reduce((newest, message) => Math.max(newest, message.historyId), 0);
  }

  /**
   * threads.modify: the label change on every message of the thread, each recorded in history like a
   * messages.modify (UNSOURCED: whether Google writes one record per message or one listing them all).
   */
  modifyThread(threadId: string, add: readonly string[], remove: readonly string[]): StoredMessage[] {
    const messages = this.thread(threadId);
    if (messages.length === 0) throw apiErrors.notFound();
    this.checkModifiableLabels([...add, ...remove]);
    for (const message of messages) this.modify(message.id, add, remove);
    return messages;
  }

  /** One object per message, so the matcher's word cache (keyed by it) lasts across queries. */
  private readonly searchables = new WeakMap<StoredMessage, Searchable>();

  private searchable(message: StoredMessage): Searchable {
    let searchable = this.searchables.get(message);
    if (!searchable) {
      const plainText = () => this.plainText(message);
      searchable = {
        get labelIds() {
          return message.labelIds;
        },
        from: message.from,
        to: message.to,
        subject: message.subject,
        hasAttachment: message.hasAttachment,
        internalDate: message.internalDate,
        text: () => {
          // The snippet is the body's beginning (HTML-escaped, cut mid-word), so the body alone is searched.
          message.searchText ??= plainText();
          return message.searchText;
        },
      };
      this.searchables.set(message, searchable);
    }
    return searchable;
  }

  // ----- changes ------------------------------------------------------------------------------------

  private nextHistoryId(): number {
    // Google: "History IDs increase chronologically but are not contiguous with random gaps".
    this.currentHistoryId += 1 + Math.floor(this.gapRandom() * 4);
    return this.currentHistoryId;
  }

  /** Validates label ids for modify; throws the API's 400 for unknown or system-only labels. */
  checkModifiableLabels(ids: readonly string[]): void {
    for (const id of ids) {
      const label = this.label(id);
      if (!label || !label.modifiable) throw apiErrors.invalidArgument(`Invalid label: ${id}`);
    }
  }

  modify(id: string, add: readonly string[], remove: readonly string[]): StoredMessage {
    const message = this.byId.get(id);
    if (!message) throw apiErrors.notFound();
    this.checkModifiableLabels([...add, ...remove]);
    const added = [...new Set(add)].filter((label) => !message.labelIds.includes(label) && !remove.includes(label));
    const removed = [...new Set(remove)].filter((label) => message.labelIds.includes(label));
    if (added.length === 0 && removed.length === 0) return message;
    message.labelIds = [...message.labelIds.filter((label) => !removed.includes(label)), ...added];
    message.historyId = this.nextHistoryId();
    this.history.push({
      id: message.historyId,
      message: { id: message.id, threadId: message.threadId, labelIds: [...message.labelIds] },
      ...(added.length ? { labelsAdded: added } : {}),
      ...(removed.length ? { labelsRemoved: removed } : {}),
    });
    return message;
  }

  add(partial: Partial<NewMessageSpec> = {}): StoredMessage {
    this.arrivals++;
    const defaults = arrivalDefaults(this.options.seed, this.email, this.arrivals);
    const internalDate = partial.internalDate ?? this.options.clock.now();
    // Arrivals count on from ID_EPOCH_MS (every generated message is older), one second apart, so the n-th
    // arrival of a seed has the same id on every run whatever the wall clock says.
    const idTime = ID_EPOCH_MS + this.arrivals * 1000;
    let salt = hash32(this.options.seed, this.email, 'arrival', this.arrivals);
    let id = gmailStyleId(idTime, salt);
    while (this.byId.has(id)) id = gmailStyleId(idTime, ++salt);
    const from = partial.from ?? defaults.from;
    const to = partial.to ?? { name: this.name, email: this.email };
    const subject = partial.subject ?? defaults.subject;
    const text = partial.text ?? defaults.text;
    const attachments = (partial.attachments ?? []).map((attachment) => ({
      filename: attachment.filename,
      mimeType: attachment.mimeType,
      data: typeof attachment.content === 'string' ? Buffer.from(attachment.content, 'utf8') : attachment.content,
    }));
    const labelIds = [...(partial.labelIds ?? ['INBOX', 'UNREAD'])];
    const threadId =
      partial.threadId && this.ordered.some((message) => message.threadId === partial.threadId) ? partial.threadId : id;
    const spec: MailSpec = {
      from,
      to: [to],
      subject,
      date: internalDate,
      messageId: `${id}.arrival@mail.emulator.example`,
      text: { content: text, charset: 'utf-8' },
      ...(partial.html ? { html: { content: partial.html, charset: 'utf-8' as const } } : {}),
      ...(attachments.length ? { attachments } : {}),
    };
    const message: StoredMessage = {
      id,
      threadId,
      internalDate,
      labelIds,
      historyId: this.nextHistoryId(),
      from: `${from.name} <${from.email}>`,
      to: `${to.name} <${to.email}>`,
      subject,
      hasAttachment: attachments.length > 0,
      build: () => spec,
      ...(partial.raw ? { raw: Buffer.from(partial.raw) } : {}),
    };
    this.byId.set(id, message);
    const position = this.ordered.findIndex((existing) => compareNewestFirst(message, existing) < 0);
    if (position < 0) this.ordered.push(message);
    else this.ordered.splice(position, 0, message);
    this.history.push({ id: message.historyId, message: { id, threadId, labelIds: [...labelIds] }, added: true });
    return message;
  }

  remove(id: string): void {
    const message = this.byId.get(id);
    if (!message) throw new Error(`No message ${id} in ${this.email}'s mailbox.`);
    this.byId.delete(id);
    this.ordered = this.ordered.filter((existing) => existing.id !== id);
    this.history.push({
      id: this.nextHistoryId(),
      message: { id, threadId: message.threadId, labelIds: [...message.labelIds] },
      deleted: true,
    });
  }

  expireHistory(): void {
    this.oldestValidHistoryId = this.currentHistoryId;
    this.history = [];
  }

  // ----- history.list -------------------------------------------------------------------------------

  listHistory(params: {
    startHistoryId: number;
    types: HistoryType[];
    labelId?: string;
    maxResults: number;
    afterRecordId?: number;
  }): {
    history: unknown[];
    nextRecordId?: number;
  } {
    if (params.startHistoryId < this.oldestValidHistoryId) throw apiErrors.notFound();
    const wanted = new Set<HistoryType>(
      params.types.length ? params.types : ['messageAdded', 'messageDeleted', 'labelAdded', 'labelRemoved'],
    );
    const records: unknown[] = [];
    let nextRecordId: number | undefined;
    for (const record of this.history) {
      if (record.id <= params.startHistoryId) continue;
      if (params.afterRecordId !== undefined && record.id <= params.afterRecordId) continue;
      if (params.labelId) {
        const touched = [...record.message.labelIds, ...(record.labelsAdded ?? []), ...(record.labelsRemoved ?? [])];
        if (!touched.includes(params.labelId)) continue;
      }
      const rendered: Record<string, unknown> = {
        id: String(record.id),
        messages: [{ id: record.message.id, threadId: record.message.threadId }],
      };
      const message = { ...record.message, labelIds: [...record.message.labelIds] };
      let any = false;
      if (record.added && wanted.has('messageAdded')) {
        rendered.messagesAdded = [{ message }];
        any = true;
      }
      if (record.deleted && wanted.has('messageDeleted')) {
        rendered.messagesDeleted = [{ message }];
        any = true;
      }
      if (record.labelsAdded && wanted.has('labelAdded')) {
        rendered.labelsAdded = [{ message, labelIds: record.labelsAdded }];
        any = true;
      }
      if (record.labelsRemoved && wanted.has('labelRemoved')) {
        rendered.labelsRemoved = [{ message, labelIds: record.labelsRemoved }];
        any = true;
      }
      if (!any) continue;
      if (records.length >= params.maxResults) {
        nextRecordId = (records.length && Number((records[records.length - 1] as { id: string }).id)) || undefined;
        break;
      }
      records.push(rendered);
    }
    return { history: records, ...(nextRecordId !== undefined ? { nextRecordId } : {}) };
  }
}
