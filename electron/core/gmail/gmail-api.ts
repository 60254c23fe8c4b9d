/**
 * The Gmail v1 calls Glance makes, sent by Google's own client (`@googleapis/gmail`, `gmail_v1`) through
 * the transport's policy, with the response shapes checked by zod (a truncated or odd body is retried as a
 * transient failure instead of corrupting the local view). The metadata gets go in one hand-written batch
 * (the Node client has none), built from the same `gmail_v1` parameter type.
 */
import { gmail, type gmail_v1 } from '@googleapis/gmail';
import type { OAuth2Client } from 'google-auth-library';
import { z } from 'zod';
import { messagesGetPart } from './batch.js';
import type { BudgetWait, GmailTransport } from './transport.js';

/**
 * Headers asked for with format=metadata. Content-Type lets us guess attachments (multipart/mixed); To is
 * for offline search (`to:`). METADATA_FIELDS keeps `payload(headers)`, so all of them come back.
 */
export const METADATA_HEADERS = ['From', 'To', 'Subject', 'Date', 'Content-Type'];
/** Partial response: only what a list row needs. */
export const METADATA_FIELDS = 'id,threadId,labelIds,snippet,historyId,internalDate,payload(mimeType,headers)';

export const metadataMessageSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  labelIds: z.array(z.string()).optional(),
  snippet: z.string().optional(),
  historyId: z.string().optional(),
  internalDate: z.string().optional(),
  payload: z
    .object({
      mimeType: z.string().optional(),
      headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
    })
    .optional(),
});
export type MetadataMessage = z.infer<typeof metadataMessageSchema>;
// What zod lets through is a gmail_v1 message (checked at compile time).
metadataMessageSchema satisfies z.ZodType<gmail_v1.Schema$Message>;

const listSchema = z.object({
  messages: z.array(z.object({ id: z.string(), threadId: z.string() })).optional(),
  nextPageToken: z.string().optional(),
  resultSizeEstimate: z.number().optional(),
});
export type ListResponse = z.infer<typeof listSchema>;

const historyMessage = z.object({
  id: z.string(),
  threadId: z.string().optional(),
  labelIds: z.array(z.string()).optional(),
});
const historySchema = z.object({
  history: z
    .array(
      z.object({
        id: z.string(),
        messagesAdded: z.array(z.object({ message: historyMessage })).optional(),
        messagesDeleted: z.array(z.object({ message: historyMessage })).optional(),
        labelsAdded: z.array(z.object({ message: historyMessage, labelIds: z.array(z.string()) })).optional(),
        labelsRemoved: z.array(z.object({ message: historyMessage, labelIds: z.array(z.string()) })).optional(),
      }),
    )
    .optional(),
  historyId: z.string(),
  nextPageToken: z.string().optional(),
});
export type HistoryResponse = z.infer<typeof historySchema>;
export type HistoryRecord = NonNullable<HistoryResponse['history']>[number];

const profileSchema = z.object({ emailAddress: z.string(), historyId: z.string() });
const labelSchema = z.object({
  id: z.string(),
  messagesUnread: z.number().optional(),
  messagesTotal: z.number().optional(),
  /** Conversations with unread mail under the label: the number Gmail shows next to Inbox. */
  threadsUnread: z.number().optional(),
  threadsTotal: z.number().optional(),
});
labelSchema satisfies z.ZodType<gmail_v1.Schema$Label>;
const labelsListSchema = z.object({
  labels: z.array(z.object({ id: z.string(), name: z.string(), type: z.string().optional() })).optional(),
});
labelsListSchema satisfies z.ZodType<gmail_v1.Schema$ListLabelsResponse>;
const rawSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  labelIds: z.array(z.string()).optional(),
  raw: z.string(),
});
const threadSchema = z.object({
  id: z.string(),
  messages: z.array(metadataMessageSchema).optional(),
});
threadSchema satisfies z.ZodType<gmail_v1.Schema$Thread>;
export type ThreadResponse = z.infer<typeof threadSchema>;
/** Partial response of threads.get: each message as a list row needs it (the same as messages.get's). */
const THREAD_FIELDS = `id,messages(${METADATA_FIELDS})`;
const anything = z.unknown();

// What zod lets through is what gmail_v1 says Gmail answers.
historySchema satisfies z.ZodType<gmail_v1.Schema$ListHistoryResponse>;
listSchema satisfies z.ZodType<gmail_v1.Schema$ListMessagesResponse>;

const HISTORY_TYPES = ['messageAdded', 'messageDeleted', 'labelAdded', 'labelRemoved'];

export class GmailApi {
  private client: OAuth2Client | null = null;
  private api: gmail_v1.Gmail | null = null;

  constructor(
    private readonly transport: GmailTransport,
    private readonly authClient: () => OAuth2Client,
    /** Origin with a trailing slash, e.g. `https://gmail.googleapis.com/`. */
    private readonly rootUrl: string,
  ) {}

  /** Google's client on the account's current OAuth2Client (rebuilt if the auth layer replaced it). */
  private users(): gmail_v1.Resource$Users {
    const client = this.authClient();
    if (this.api === null || this.client !== client) {
      this.client = client;
      this.api = gmail({ version: 'v1', auth: client, rootUrl: this.rootUrl });
    }
    return this.api.users;
  }

  /** `budgetWait`: how long it may wait for the quota budget (default: the transport's policy). */
  listMessages(
    args: {
      labelIds?: string[];
      q?: string;
      maxResults: number;
      pageToken?: string | null;
    },
    budgetWait?: BudgetWait,
  ): Promise<ListResponse> {
    const params: gmail_v1.Params$Resource$Users$Messages$List = {
      userId: 'me',
      maxResults: args.maxResults,
      ...(args.labelIds ? { labelIds: args.labelIds } : {}),
      ...(args.q ? { q: args.q } : {}),
      ...(args.pageToken ? { pageToken: args.pageToken } : {}),
    };
    return this.transport.call(
      'messages.list',
      (options) => this.users().messages.list(params, options),
      listSchema,
      budgetWait,
    );
  }

  /** One batch (per 50) of format=metadata gets. Returns null for messages that no longer exist. */
  async getMetadata(ids: string[], budgetWait?: BudgetWait): Promise<Map<string, MetadataMessage | null>> {
    const result = new Map<string, MetadataMessage | null>();
    if (ids.length === 0) return result;
    const unique = [...new Set(ids)];
    const parts = unique.map((id, index) => ({
      id: `m${index}`,
      ...messagesGetPart({
        userId: 'me',
        id,
        format: 'metadata',
        metadataHeaders: METADATA_HEADERS,
        fields: METADATA_FIELDS,
      }),
    }));
    const responses = await this.transport.batchGet('messages.get', parts, budgetWait);
    unique.forEach((id, index) => {
      const response = responses.get(`m${index}`);
      const parsed = response && response.status < 300 ? metadataMessageSchema.safeParse(response.body) : undefined;
      result.set(id, parsed?.success ? parsed.data : null);
    });
    return result;
  }

  getRaw(id: string): Promise<z.infer<typeof rawSchema>> {
    return this.transport.call(
      'messages.get',
      (options) => this.users().messages.get({ userId: 'me', id, format: 'raw' }, options),
      rawSchema,
    );
  }

  async modify(ids: string[], addLabelIds: string[], removeLabelIds: string[]): Promise<void> {
    if (ids.length === 1) {
      await this.transport.call(
        'messages.modify',
        (options) =>
          this.users().messages.modify(
            { userId: 'me', id: ids[0]!, requestBody: { addLabelIds, removeLabelIds } },
            options,
          ),
        anything,
      );
      return;
    }
    for (let start = 0; start < ids.length; start += 1000) {
      const requestBody: gmail_v1.Schema$BatchModifyMessagesRequest = {
        ids: ids.slice(start, start + 1000),
        addLabelIds,
        removeLabelIds,
      };
      await this.transport.call(
        'messages.batchModify',
        (options) => this.users().messages.batchModify({ userId: 'me', requestBody }, options),
        anything,
      );
    }
  }

  /** One thread's messages (format=metadata, the list's headers), in Gmail's order (oldest first). */
  getThread(id: string): Promise<ThreadResponse> {
    const params: gmail_v1.Params$Resource$Users$Threads$Get = {
      userId: 'me',
      id,
      format: 'metadata',
      metadataHeaders: METADATA_HEADERS,
      fields: THREAD_FIELDS,
    };
    return this.transport.call('threads.get', (options) => this.users().threads.get(params, options), threadSchema);
  }

  /**
   * A label change on every message of each thread: one threads.modify per thread (10 units each, against
   * batchModify's 50 a call that would also need every message id of the thread; see README.md).
   */
  async modifyThreads(threadIds: readonly string[], addLabelIds: string[], removeLabelIds: string[]): Promise<void> {
    await Promise.all(
      threadIds.map((id) =>
        this.transport.call(
          'threads.modify',
          (options) =>
            this.users().threads.modify({ userId: 'me', id, requestBody: { addLabelIds, removeLabelIds } }, options),
          anything,
        ),
      ),
    );
  }

  history(startHistoryId: string, pageToken?: string): Promise<HistoryResponse> {
    const params: gmail_v1.Params$Resource$Users$History$List = {
      userId: 'me',
      startHistoryId,
      historyTypes: HISTORY_TYPES,
      maxResults: 500,
      ...(pageToken ? { pageToken } : {}),
    };
    return this.transport.call('history.list', (options) => this.users().history.list(params, options), historySchema);
  }

  profile(): Promise<z.infer<typeof profileSchema>> {
    return this.transport.call(
      'getProfile',
      (options) => this.users().getProfile({ userId: 'me' }, options),
      profileSchema,
    );
  }

  /** Every label of the account (system and user), names and types only. */
  labels(): Promise<z.infer<typeof labelsListSchema>> {
    return this.transport.call(
      'labels.list',
      (options) => this.users().labels.list({ userId: 'me' }, options),
      labelsListSchema,
    );
  }

  inboxLabel(): Promise<z.infer<typeof labelSchema>> {
    return this.transport.call(
      'labels.get',
      (options) => this.users().labels.get({ userId: 'me', id: 'INBOX' }, options),
      labelSchema,
    );
  }
}
