/**
 * Gmail v1 REST handlers (`/gmail/v1/users/{userId}/…`): auth, delegation, scopes, quota, then the
 * method. Used for direct requests and for each part of a batch.
 */
import { z } from 'zod';
import { apiErrors, GoogleApiError } from './api-errors.js';
import { jsonResult, notFoundPage, type HandlerResult, type InternalRequest } from './http-util.js';
import type { HistoryType, ListParams, Mailbox, StoredMessage } from './mailbox.js';
import { RESPONSE_SHAPES } from './gmail-shapes.js';
import { findPart, isAttachmentPart, toGmailPayload } from './mime.js';
import { SCOPE, type OAuthServer } from './oauth.js';
import {
  applyFieldSelection,
  checkFieldSelection,
  FieldSelectionError,
  parseFieldSelection,
  type FieldSelection,
} from './partial-response.js';
import { parseQuery } from './query.js';
import type { GmailMethod, RollingQuota } from './quota.js';
import { base64UrlPadded, randomToken } from './random.js';
import type { TextMatchOptions } from './text-match.js';

export interface GmailSettings {
  batchModifyStatus: 204 | 200;
  maxResultsOver500: 'clamp' | 'error';
  rateLimitStatus: 429 | 403;
  retryAfterHeader: boolean;
  maxConcurrentPerUser: number | undefined;
  latencyMs: number;
  textMatch: TextMatchOptions;
  /** Units each method costs under the emulator's quota regime. */
  quotaUnits: Readonly<Record<GmailMethod, number>>;
}

export interface GmailContext {
  oauth: OAuthServer;
  mailboxFor(email: string): Mailbox | undefined;
  clock: { now(): number };
  quota: RollingQuota;
  settings: GmailSettings;
}

const READ_FULL = [SCOPE.mailFull, SCOPE.gmailModify, SCOPE.gmailReadonly];
const READ_METADATA = [...READ_FULL, SCOPE.gmailMetadata];
const WRITE = [SCOPE.mailFull, SCOPE.gmailModify];

interface Route {
  method: GmailMethod;
  httpMethod: 'GET' | 'POST';
  scopes: readonly string[];
  /** Name of the backend method, for the insufficient-scope ErrorInfo. */
  rpc: string;
  params: Record<string, string>;
}

function matchRoute(httpMethod: string, rest: string[]): Route | undefined {
  const [collection, id, sub, subId, ...extra] = rest;
  if (extra.length) return undefined;
  const route = (
    method: GmailMethod,
    verb: 'GET' | 'POST',
    scopes: readonly string[],
    rpc: string,
    params: Record<string, string> = {},
  ): Route | undefined => (verb === httpMethod ? { method, httpMethod: verb, scopes, rpc, params } : undefined);
  if (collection === 'profile' && id === undefined)
    return route('users.getProfile', 'GET', [...READ_METADATA, SCOPE.gmailCompose, SCOPE.gmailLabels], 'GetProfile');
  if (collection === 'labels' && sub === undefined) {
    return id === undefined
      ? route('users.labels.list', 'GET', [...READ_METADATA, SCOPE.gmailLabels], 'ListLabels')
      : route('users.labels.get', 'GET', [...READ_METADATA, SCOPE.gmailLabels], 'GetLabel', { id });
  }
  if (collection === 'history' && id === undefined)
    return route('users.history.list', 'GET', READ_METADATA, 'ListHistory');
  if (collection === 'threads') {
    if (id === undefined) return route('users.threads.list', 'GET', READ_METADATA, 'ListThreads');
    if (sub === undefined) return route('users.threads.get', 'GET', READ_METADATA, 'GetThread', { id });
    if (sub === 'modify' && subId === undefined)
      return route('users.threads.modify', 'POST', WRITE, 'ModifyThread', { id });
    return undefined;
  }
  if (collection !== 'messages') return undefined;
  if (id === undefined) return route('users.messages.list', 'GET', READ_METADATA, 'ListMessages');
  if (id === 'batchModify' && sub === undefined)
    return route('users.messages.batchModify', 'POST', WRITE, 'BatchModifyMessages');
  if (sub === undefined) return route('users.messages.get', 'GET', READ_METADATA, 'GetMessage', { id });
  if (sub === 'modify' && subId === undefined)
    return route('users.messages.modify', 'POST', WRITE, 'ModifyMessage', { id });
  if (sub === 'attachments' && subId !== undefined)
    return route('users.messages.attachments.get', 'GET', READ_FULL, 'GetAttachment', { id, attachmentId: subId });
  return undefined;
}

function errorResult(error: GoogleApiError, user?: string): HandlerResult {
  return { ...jsonResult(error.status, error.body, error.headers), ...(user ? { user } : {}) };
}

const inFlight = new WeakMap<GmailContext, Map<string, number>>();

export async function handleGmail(
  context: GmailContext,
  request: InternalRequest,
  options: { applyLatency: boolean },
): Promise<HandlerResult> {
  const latency = options.applyLatency ? context.settings.latencyMs : 0;
  const wait = () => (latency > 0 ? new Promise<void>((resolve) => setTimeout(resolve, latency)) : Promise.resolve());
  const segments = request.path.split('/').slice(1);
  // ['gmail', 'v1', 'users', userId, ...rest]
  if (segments[0] !== 'gmail' || segments[1] !== 'v1' || segments[2] !== 'users' || !segments[3])
    return notFoundPage(request.path);
  const route = matchRoute(
    request.method,
    segments.slice(4).map((segment) => decodeURIComponent(segment)),
  );
  if (!route) return notFoundPage(request.path);
  const refused = async (result: HandlerResult) => {
    await wait();
    return result;
  };
  const access = context.oauth.checkAccess(request.headers);
  if (!access.ok)
    return refused(
      errorResult(access.reason === 'missing' ? apiErrors.loginRequired() : apiErrors.invalidCredentials()),
    );
  const email = access.user.email;
  const userId = decodeURIComponent(segments[3]);
  if (userId !== 'me' && userId.toLowerCase() !== email.toLowerCase())
    return refused(errorResult(apiErrors.forbidden(`Delegation denied for ${email}`), email));
  if (!route.scopes.some((scope) => access.scopes.includes(scope)))
    return refused(errorResult(apiErrors.insufficientScope(route.scopes, route.rpc), email));
  let selection: FieldSelection | undefined;
  try {
    selection = fieldSelectionFor(route, request.query.get('fields'));
  } catch (error) {
    if (error instanceof GoogleApiError) return refused(errorResult(error, email));
    throw error;
  }
  const units = context.settings.quotaUnits[route.method];
  const now = context.clock.now();
  const decision = context.quota.charge(email, units, now);
  if (!decision.allowed) {
    return refused(
      errorResult(
        apiErrors.rateLimited(
          decision.retryAt ?? now + 60_000,
          context.settings.rateLimitStatus,
          context.settings.retryAfterHeader,
          now,
        ),
        email,
      ),
    );
  }
  const running = inFlight.get(context) ?? new Map<string, number>();
  inFlight.set(context, running);
  const cap = context.settings.maxConcurrentPerUser;
  if (cap !== undefined && (running.get(email) ?? 0) >= cap)
    return refused({ ...errorResult(apiErrors.tooManyConcurrent(), email), quotaUnits: units });
  // The request holds a concurrency slot while its latency elapses, as a slow backend would.
  running.set(email, (running.get(email) ?? 0) + 1);
  try {
    await wait();
    const mailbox = context.mailboxFor(email);
    if (!mailbox) throw apiErrors.notFound();
    const metadataOnly = access.scopes.includes(SCOPE.gmailMetadata);
    const fullAllowed = READ_FULL.some((scope) => access.scopes.includes(scope));
    const result = runMethod(context, mailbox, route, request, { metadataOnly, fullAllowed }, selection);
    return { ...result, user: email, quotaUnits: units };
  } catch (error) {
    if (error instanceof GoogleApiError) return { ...errorResult(error, email), quotaUnits: units };
    throw error;
  } finally {
    running.set(email, (running.get(email) ?? 1) - 1);
  }
}

/**
 * The request's partial-response selection, checked against the method's response resource. UNSOURCED:
 * where Google checks it among auth, scope and quota; here after the scope check and before quota, so a
 * refused selection costs nothing. An empty `fields` selects everything.
 */
function fieldSelectionFor(route: Route, fields: string | null): FieldSelection | undefined {
  const shape = RESPONSE_SHAPES[route.method];
  if (fields === null || fields.trim() === '' || !shape) return undefined;
  try {
    const selection = parseFieldSelection(fields);
    checkFieldSelection(selection, shape);
    return selection;
  } catch (error) {
    if (error instanceof FieldSelectionError) throw apiErrors.invalidFieldSelection(error.message);
    throw error;
  }
}

function parseMaxResults(context: GmailContext, raw: string | null, fallback: number): number {
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw apiErrors.invalidArgument(`Invalid value for maxResults: ${raw}`);
  const value = Number(raw);
  if (value === 0) return fallback;
  if (value > 500) {
    if (context.settings.maxResultsOver500 === 'error')
      throw apiErrors.invalidArgument(`Invalid maxResults: ${value} (at most 500)`);
    return 500;
  }
  return value;
}

const ModifyRequest = z.object({
  addLabelIds: z.array(z.string()).max(100, 'You can add up to 100 labels with each update.').optional(),
  removeLabelIds: z.array(z.string()).optional(),
});
const ModifyThreadRequest = ModifyRequest.extend({
  removeLabelIds: z.array(z.string()).max(100, 'You can remove up to 100 labels with each update.').optional(),
});
const BatchModifyRequest = ModifyRequest.extend({
  ids: z.array(z.string()).min(1, 'give at least one id').max(1000, 'at most 1000 ids per request'),
});

/** Parses a JSON request body with a zod schema; failures become Google's 400 invalidArgument. */
function readJson<T>(request: InternalRequest, schema: z.ZodType<T>): T {
  let parsed: unknown = {};
  const text = request.body.toString('utf8').trim();
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw apiErrors.invalidArgument('Invalid JSON payload received.');
    }
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw apiErrors.invalidArgument(
      `Invalid value at '${issue?.path.join('.') ?? ''}': ${issue?.message ?? 'invalid request body'}`,
    );
  }
  return result.data;
}

/**
 * The list parameters messages.list and threads.list share, and the fingerprint a page token is bound to
 * (a token from one list does not continue the other).
 */
function listRequest(
  context: GmailContext,
  query: URLSearchParams,
  scopes: { metadataOnly: boolean },
  list: 'messages' | 'threads',
): { params: ListParams; fingerprint: string } {
  const q = query.get('q');
  if (q !== null && q !== '' && scopes.metadataOnly)
    throw apiErrors.forbidden("Metadata scope does not support 'q' parameter");
  const labelIds = query
    .getAll('labelIds')
    .flatMap((value) => value.split(','))
    .filter(Boolean);
  const includeSpamTrash = query.get('includeSpamTrash') === 'true';
  const maxResults = parseMaxResults(context, query.get('maxResults'), 100);
  const fingerprint = JSON.stringify(
    list === 'messages' ? [labelIds, q ?? '', includeSpamTrash] : [list, labelIds, q ?? '', includeSpamTrash],
  );
  const pageToken = query.get('pageToken');
  const cursor = pageToken ? decodePageToken(pageToken, isListCursor) : undefined;
  if (cursor && cursor.f !== fingerprint) throw apiErrors.invalidArgument('Invalid pageToken');
  return {
    params: {
      labelIds,
      query: q ? parseQuery(q) : undefined,
      includeSpamTrash,
      maxResults,
      after: cursor ? { internalDate: cursor.d, id: cursor.i } : undefined,
      textMatch: context.settings.textMatch,
    },
    fingerprint,
  };
}

/** Message and thread ids alike: Gmail's are 16 hex digits. */
const MESSAGE_ID = /^[0-9a-f]{1,16}$/i;

function checkMessageId(id: string): void {
  if (!MESSAGE_ID.test(id)) throw apiErrors.invalidArgument('Invalid id value');
}

function encodePageToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodePageToken<T>(token: string, check: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    // fall through
  }
  throw apiErrors.invalidArgument('Invalid pageToken');
}

interface ListCursor {
  d: number;
  i: string;
  f: string;
}

function isListCursor(value: unknown): value is ListCursor {
  const candidate = value as ListCursor;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.d === 'number' &&
    typeof candidate.i === 'string' &&
    typeof candidate.f === 'string'
  );
}

function isHistoryCursor(value: unknown): value is { r: number; s: number } {
  const candidate = value as { r: number; s: number };
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.r === 'number' &&
    typeof candidate.s === 'number'
  );
}

/** Attachment ids are ephemeral in Gmail: each get mints a new one, and every minted id keeps working. */
function mintAttachmentId(messageId: string, partId: string): string {
  return `ANGjdJ${Buffer.from(`${messageId}:${partId}:${randomToken(12)}`).toString('base64url')}`;
}

function parseAttachmentId(attachmentId: string): { messageId: string; partId: string } | undefined {
  if (!attachmentId.startsWith('ANGjdJ')) return undefined;
  const [messageId, partId] = Buffer.from(attachmentId.slice(6), 'base64url').toString('utf8').split(':');
  return messageId !== undefined && partId !== undefined ? { messageId, partId } : undefined;
}

function renderMessage(
  mailbox: Mailbox,
  message: StoredMessage,
  format: string,
  metadataHeaders: string[],
): Record<string, unknown> {
  const common = {
    id: message.id,
    threadId: message.threadId,
    labelIds: [...message.labelIds],
    snippet: mailbox.snippet(message),
  };
  const tail = {
    sizeEstimate: mailbox.raw(message).length,
    historyId: String(message.historyId),
    internalDate: String(message.internalDate),
  };
  switch (format) {
    case 'minimal':
      return { ...common, ...tail };
    case 'raw':
      return { ...common, ...tail, raw: base64UrlPadded(mailbox.raw(message)) };
    case 'metadata': {
      const root = mailbox.parsed(message);
      const wanted = new Set(metadataHeaders.map((name) => name.toLowerCase()));
      const payload = toGmailPayload({ ...root, parts: undefined, body: Buffer.alloc(0) }, () => '');
      const headers = wanted.size
        ? payload.headers.filter((header) => wanted.has(header.name.toLowerCase()))
        : payload.headers;
      return { ...common, payload: { partId: '', mimeType: root.mimeType, filename: '', headers }, ...tail };
    }
    default:
      return {
        ...common,
        payload: toGmailPayload(mailbox.parsed(message), (partId) => mintAttachmentId(message.id, partId)),
        ...tail,
      };
  }
}

function labelSummary(label: ReturnType<Mailbox['labels']>[number]): Record<string, unknown> {
  return {
    id: label.id,
    name: label.name,
    ...(label.messageListVisibility ? { messageListVisibility: label.messageListVisibility } : {}),
    ...(label.labelListVisibility ? { labelListVisibility: label.labelListVisibility } : {}),
    type: label.type,
  };
}

const HISTORY_TYPES: HistoryType[] = ['messageAdded', 'messageDeleted', 'labelAdded', 'labelRemoved'];

function runMethod(
  context: GmailContext,
  mailbox: Mailbox,
  route: Route,
  request: InternalRequest,
  scopes: { metadataOnly: boolean; fullAllowed: boolean },
  selection: FieldSelection | undefined,
): HandlerResult {
  const query = request.query;
  // A 200's JSON trimmed to the `fields` selection; errors are never trimmed.
  const ok = (body: unknown): HandlerResult => jsonResult(200, selection ? applyFieldSelection(body, selection) : body);
  switch (route.method) {
    case 'users.getProfile':
      return ok({
        emailAddress: mailbox.email,
        messagesTotal: mailbox.all().length,
        threadsTotal: mailbox.threadsTotal(),
        historyId: String(mailbox.historyId()),
      });

    case 'users.labels.list':
      return ok({ labels: mailbox.labels().map(labelSummary) });

    case 'users.labels.get': {
      const label = mailbox.label(route.params.id ?? '');
      if (!label) throw apiErrors.notFound();
      return ok({
        ...labelSummary(label),
        ...mailbox.labelCounts(label.id),
        ...(label.color ? { color: label.color } : {}),
      });
    }

    case 'users.messages.list': {
      const { params, fingerprint } = listRequest(context, query, scopes, 'messages');
      const page = mailbox.list(params, context.clock.now());
      const last = page.messages[page.messages.length - 1];
      if (page.messages.length === 0) return ok({ resultSizeEstimate: 0 });
      return ok({
        messages: page.messages.map((message) => ({ id: message.id, threadId: message.threadId })),
        ...(page.hasMore && last
          ? { nextPageToken: encodePageToken({ d: last.internalDate, i: last.id, f: fingerprint }) }
          : {}),
        resultSizeEstimate: page.resultSizeEstimate,
      });
    }

    case 'users.threads.list': {
      const { params, fingerprint } = listRequest(context, query, scopes, 'threads');
      const page = mailbox.listThreads(params, context.clock.now());
      const last = page.threads[page.threads.length - 1];
      // Like messages.list: no `threads` key at all when nothing matches.
      if (page.threads.length === 0) return ok({ resultSizeEstimate: 0 });
      return ok({
        threads: page.threads.map((summary) => {
          const messages = mailbox.thread(summary.id);
          const newest = messages[messages.length - 1];
          // UNSOURCED: the snippet is the thread's newest message's, as Gmail's conversation list shows it.
          return {
            id: summary.id,
            snippet: newest ? mailbox.snippet(newest) : '',
            historyId: String(mailbox.threadHistoryId(messages)),
          };
        }),
        ...(page.hasMore && last
          ? { nextPageToken: encodePageToken({ d: last.position.internalDate, i: last.position.id, f: fingerprint }) }
          : {}),
        resultSizeEstimate: page.resultSizeEstimate,
      });
    }

    case 'users.threads.get': {
      const id = route.params.id ?? '';
      checkMessageId(id);
      // threads.get has no `raw` format (discovery: full, metadata, minimal).
      const format = (query.get('format') ?? 'full').toLowerCase();
      if (!['minimal', 'metadata', 'full'].includes(format))
        throw apiErrors.invalidArgument(`Invalid value at 'format' (TYPE_ENUM), "${query.get('format') ?? ''}"`);
      if (format === 'full' && !scopes.fullAllowed)
        throw apiErrors.forbidden(`Metadata scope doesn't allow format ${format.toUpperCase()}`);
      const messages = mailbox.thread(id);
      if (messages.length === 0) throw apiErrors.notFound();
      const metadataHeaders = query.getAll('metadataHeaders');
      // UNSOURCED: no thread-level `snippet` here (threads.list carries it); the messages carry their own.
      return ok({
        id,
        historyId: String(mailbox.threadHistoryId(messages)),
        messages: messages.map((message) => renderMessage(mailbox, message, format, metadataHeaders)),
      });
    }

    case 'users.threads.modify': {
      const id = route.params.id ?? '';
      checkMessageId(id);
      const body = readJson(request, ModifyThreadRequest);
      const messages = mailbox.modifyThread(id, body.addLabelIds ?? [], body.removeLabelIds ?? []);
      // UNSOURCED: which fields the returned Thread has; here its id, historyId and each message's labels.
      return ok({
        id,
        historyId: String(mailbox.threadHistoryId(messages)),
        messages: messages.map((message) => ({
          id: message.id,
          threadId: message.threadId,
          labelIds: [...message.labelIds],
        })),
      });
    }

    case 'users.messages.get': {
      const id = route.params.id ?? '';
      checkMessageId(id);
      const format = (query.get('format') ?? 'full').toLowerCase();
      if (!['minimal', 'metadata', 'full', 'raw'].includes(format))
        throw apiErrors.invalidArgument(`Invalid value at 'format' (TYPE_ENUM), "${query.get('format') ?? ''}"`);
      if ((format === 'full' || format === 'raw') && !scopes.fullAllowed)
        throw apiErrors.forbidden(`Metadata scope doesn't allow format ${format.toUpperCase()}`);
      const message = mailbox.get(id);
      if (!message) throw apiErrors.notFound();
      return ok(renderMessage(mailbox, message, format, query.getAll('metadataHeaders')));
    }

    case 'users.messages.attachments.get': {
      const id = route.params.id ?? '';
      checkMessageId(id);
      const message = mailbox.get(id);
      if (!message) throw apiErrors.notFound();
      const reference = parseAttachmentId(route.params.attachmentId ?? '');
      const part =
        reference && reference.messageId === id ? findPart(mailbox.parsed(message), reference.partId) : undefined;
      if (!part || !isAttachmentPart(part)) throw apiErrors.invalidArgument('Invalid attachment token');
      return ok({ size: part.body.length, data: base64UrlPadded(part.body) });
    }

    case 'users.messages.modify': {
      const id = route.params.id ?? '';
      checkMessageId(id);
      const body = readJson(request, ModifyRequest);
      const message = mailbox.modify(id, body.addLabelIds ?? [], body.removeLabelIds ?? []);
      return ok({ id: message.id, threadId: message.threadId, labelIds: [...message.labelIds] });
    }

    case 'users.messages.batchModify': {
      const { ids, addLabelIds: add = [], removeLabelIds: remove = [] } = readJson(request, BatchModifyRequest);
      ids.forEach(checkMessageId);
      mailbox.checkModifiableLabels([...add, ...remove]);
      // Unknown ids are skipped, so one deleted message does not fail the whole batch.
      for (const id of ids) if (mailbox.get(id)) mailbox.modify(id, add, remove);
      return context.settings.batchModifyStatus === 204
        ? { status: 204, headers: {}, body: '' }
        : { status: 200, headers: { 'Content-Type': 'application/json; charset=UTF-8' }, body: '' };
    }

    case 'users.history.list': {
      const rawStart = query.get('startHistoryId');
      if (!rawStart || !/^\d+$/.test(rawStart))
        throw apiErrors.invalidArgument('Missing/invalid parameter: startHistoryId');
      const startHistoryId = Number(rawStart);
      const types = query.getAll('historyTypes');
      for (const type of types) {
        if (!HISTORY_TYPES.includes(type as HistoryType))
          throw apiErrors.invalidArgument(`Invalid value at 'history_types' (TYPE_ENUM), "${type}"`);
      }
      const maxResults = parseMaxResults(context, query.get('maxResults'), 100);
      const pageToken = query.get('pageToken');
      const cursor = pageToken ? decodePageToken(pageToken, isHistoryCursor) : undefined;
      if (cursor && cursor.s !== startHistoryId) throw apiErrors.invalidArgument('Invalid pageToken');
      const labelId = query.get('labelId') ?? undefined;
      const result = mailbox.listHistory({
        startHistoryId,
        types: types as HistoryType[],
        maxResults,
        ...(labelId ? { labelId } : {}),
        ...(cursor ? { afterRecordId: cursor.r } : {}),
      });
      return ok({
        ...(result.history.length ? { history: result.history } : {}),
        ...(result.nextRecordId !== undefined
          ? { nextPageToken: encodePageToken({ r: result.nextRecordId, s: startHistoryId }) }
          : {}),
        historyId: String(mailbox.historyId()),
      });
    }
  }
}
