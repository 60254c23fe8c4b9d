/**
 * The Gmail v1 calls Glance makes, with the response shapes checked by zod (a truncated or odd body is
 * retried as a transient failure instead of corrupting the local view).
 */
import { z } from 'zod';
import type { GmailTransport } from './transport.js';

/** Headers asked for with format=metadata. Content-Type lets us guess attachments (multipart/mixed). */
export const METADATA_HEADERS = ['From', 'Subject', 'Date', 'Content-Type'];
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
});
const rawSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  labelIds: z.array(z.string()).optional(),
  raw: z.string(),
});
const anything = z.unknown();

export class GmailApi {
  constructor(private readonly transport: GmailTransport) {}

  listMessages(args: {
    labelIds?: string[];
    q?: string;
    maxResults: number;
    pageToken?: string | null;
  }): Promise<ListResponse> {
    return this.transport.call(
      'messages.list',
      {
        httpMethod: 'GET',
        path: 'messages',
        query: {
          labelIds: args.labelIds,
          q: args.q || undefined,
          maxResults: args.maxResults,
          pageToken: args.pageToken ?? undefined,
        },
      },
      listSchema,
    );
  }

  /** One batch (per 50) of format=metadata gets. Returns null for messages that no longer exist. */
  async getMetadata(ids: string[]): Promise<Map<string, MetadataMessage | null>> {
    const result = new Map<string, MetadataMessage | null>();
    if (ids.length === 0) return result;
    const unique = [...new Set(ids)];
    const parts = unique.map((id, index) => ({
      id: `m${index}`,
      path: `messages/${encodeURIComponent(id)}`,
      query: { format: 'metadata', metadataHeaders: METADATA_HEADERS, fields: METADATA_FIELDS },
    }));
    const responses = await this.transport.batchGet('messages.get', parts);
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
      { httpMethod: 'GET', path: `messages/${encodeURIComponent(id)}`, query: { format: 'raw' } },
      rawSchema,
    );
  }

  async modify(ids: string[], addLabelIds: string[], removeLabelIds: string[]): Promise<void> {
    if (ids.length === 1) {
      await this.transport.call(
        'messages.modify',
        {
          httpMethod: 'POST',
          path: `messages/${encodeURIComponent(ids[0]!)}/modify`,
          body: { addLabelIds, removeLabelIds },
        },
        anything,
      );
      return;
    }
    for (let start = 0; start < ids.length; start += 1000) {
      await this.transport.call(
        'messages.batchModify',
        {
          httpMethod: 'POST',
          path: 'messages/batchModify',
          body: { ids: ids.slice(start, start + 1000), addLabelIds, removeLabelIds },
        },
        anything,
      );
    }
  }

  history(startHistoryId: string, pageToken?: string): Promise<HistoryResponse> {
    return this.transport.call(
      'history.list',
      {
        httpMethod: 'GET',
        path: 'history',
        query: {
          startHistoryId,
          historyTypes: ['messageAdded', 'messageDeleted', 'labelAdded', 'labelRemoved'],
          maxResults: 500,
          pageToken,
        },
      },
      historySchema,
    );
  }

  profile(): Promise<z.infer<typeof profileSchema>> {
    return this.transport.call('getProfile', { httpMethod: 'GET', path: 'profile' }, profileSchema);
  }

  inboxLabel(): Promise<z.infer<typeof labelSchema>> {
    return this.transport.call('labels.get', { httpMethod: 'GET', path: 'labels/INBOX' }, labelSchema);
  }
}
