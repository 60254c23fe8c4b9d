/**
 * RFC 822/2045 message builder and parser, and the Gmail `payload` tree derived from a parsed message.
 * The emulator stores every message as real MIME source (what `format=raw` returns) and derives
 * `full`/`metadata` from it, so clients see the same bytes either way.
 */
import { createHash } from 'node:crypto';
import { decodeText, encodeText, type Charset } from './charsets.js';
import { base64UrlPadded } from './random.js';

export interface Address {
  name: string;
  email: string;
}

export interface TextBody {
  content: string;
  charset: Charset;
}

export interface BinaryPart {
  filename: string;
  mimeType: string;
  data: Uint8Array;
}

export interface MailSpec {
  from: Address;
  to: Address[];
  subject: string;
  /** Charset of the encoded-word used when the subject is not ASCII (default UTF-8). */
  subjectCharset?: Charset;
  date: number;
  messageId: string;
  inReplyTo?: string;
  extraHeaders?: Array<[string, string]>;
  text?: TextBody;
  html?: TextBody;
  /** Images referenced from the HTML as `cid:<cid>` (multipart/related). */
  inlineImages?: Array<BinaryPart & { cid: string }>;
  attachments?: BinaryPart[];
}

const CRLF = '\r\n';
const CHARSET_LABEL: Record<Charset, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'windows-1252',
  'iso-8859-2': 'ISO-8859-2',
  'iso-2022-jp': 'ISO-2022-JP',
};
/** How each charset's text travels: exercise quoted-printable, base64 and 7bit across the special mails. */
const TEXT_TRANSFER: Record<Charset, 'quoted-printable' | 'base64' | '7bit'> = {
  'utf-8': 'quoted-printable',
  'windows-1252': 'quoted-printable',
  'iso-8859-2': 'base64',
  'iso-2022-jp': '7bit',
};

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function encodeHeaderWord(text: string, charset: Charset = 'utf-8'): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  if (charset !== 'utf-8') {
    return `=?${CHARSET_LABEL[charset]}?B?${encodeText(text, charset).toString('base64')}?=`;
  }
  // Split UTF-8 words on character boundaries so each encoded-word stays short (RFC 2047 §2).
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > 42) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

export function formatAddress(address: Address): string {
  if (!address.name) return address.email;
  const name = PRINTABLE_ASCII.test(address.name)
    ? /[(),.:;<>@[\]"\\]/.test(address.name)
      ? `"${address.name.replace(/(["\\])/g, '\\$1')}"`
      : address.name
    : encodeHeaderWord(address.name);
  return `${name} <${address.email}>`;
}

export function rfc2822Date(epochMs: number): string {
  return new Date(epochMs).toUTCString().replace('GMT', '+0000');
}

export function encodeQuotedPrintable(bytes: Uint8Array): string {
  const lines: string[] = [];
  let line = '';
  const push = (token: string) => {
    if (line.length + token.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += token;
  };
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] ?? 0;
    if (byte === 0x0d && bytes[index + 1] === 0x0a) {
      lines.push(line);
      line = '';
      index++;
      continue;
    }
    const nextIsLineEnd = index + 1 >= bytes.length || bytes[index + 1] === 0x0d;
    const literal = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !nextIsLineEnd);
    push(literal ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  lines.push(line);
  return lines.join(CRLF);
}

function base64Lines(bytes: Uint8Array): string {
  return (
    Buffer.from(bytes)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join(CRLF);
}

function boundaryFor(messageId: string, level: number): string {
  return `000000000000${createHash('sha1').update(`${messageId}/${level}`).digest('hex').slice(0, 12)}`;
}

interface Node {
  headers: string[];
  /** Encoded body (already transfer-encoded), for leaves. */
  body?: string;
  children?: Node[];
  boundary?: string;
}

function textNode(kind: 'plain' | 'html', body: TextBody): Node {
  const withCrlf = body.content.replace(/\r?\n/g, CRLF);
  const bytes = encodeText(withCrlf, body.charset);
  const transfer = TEXT_TRANSFER[body.charset];
  const encoded =
    transfer === 'base64'
      ? base64Lines(bytes)
      : transfer === 'quoted-printable'
        ? encodeQuotedPrintable(bytes)
        : bytes.toString('latin1');
  return {
    headers: [
      `Content-Type: text/${kind}; charset="${CHARSET_LABEL[body.charset]}"`,
      `Content-Transfer-Encoding: ${transfer}`,
    ],
    body: encoded,
  };
}

function binaryNode(part: BinaryPart, disposition: 'attachment' | 'inline', cid?: string): Node {
  const headers = [
    `Content-Type: ${part.mimeType}; name="${part.filename}"`,
    `Content-Disposition: ${disposition}; filename="${part.filename}"`,
    'Content-Transfer-Encoding: base64',
  ];
  if (cid) headers.push(`Content-ID: <${cid}>`, `X-Attachment-Id: ${cid}`);
  return { headers, body: base64Lines(part.data) };
}

function multipart(subtype: 'mixed' | 'alternative' | 'related', children: Node[], boundary: string): Node {
  return { headers: [`Content-Type: multipart/${subtype}; boundary="${boundary}"`], children, boundary };
}

function serialize(node: Node): string {
  const head = node.headers.join(CRLF);
  if (node.children && node.boundary) {
    const parts = node.children.map((child) => `--${node.boundary}${CRLF}${serialize(child)}${CRLF}`).join('');
    return `${head}${CRLF}${CRLF}${parts}--${node.boundary}--`;
  }
  return `${head}${CRLF}${CRLF}${node.body ?? ''}`;
}

/** Builds the message source. Returned as a Buffer of bytes (headers are ASCII; 7bit bodies may hold ESC). */
export function buildRawMessage(spec: MailSpec): Buffer {
  let level = 0;
  const nextBoundary = () => boundaryFor(spec.messageId, level++);
  let htmlNode = spec.html ? textNode('html', spec.html) : undefined;
  if (htmlNode && spec.inlineImages?.length) {
    htmlNode = multipart(
      'related',
      [htmlNode, ...spec.inlineImages.map((image) => binaryNode(image, 'inline', image.cid))],
      nextBoundary(),
    );
  }
  const textPart = spec.text ? textNode('plain', spec.text) : undefined;
  let bodyNode: Node;
  if (textPart && htmlNode) bodyNode = multipart('alternative', [textPart, htmlNode], nextBoundary());
  else bodyNode = textPart ?? htmlNode ?? textNode('plain', { content: '', charset: 'utf-8' });
  if (spec.attachments?.length) {
    bodyNode = multipart(
      'mixed',
      [bodyNode, ...spec.attachments.map((attachment) => binaryNode(attachment, 'attachment'))],
      nextBoundary(),
    );
  }
  const headers = [
    'MIME-Version: 1.0',
    `Date: ${rfc2822Date(spec.date)}`,
    `Message-ID: <${spec.messageId}>`,
    ...(spec.inReplyTo ? [`In-Reply-To: <${spec.inReplyTo}>`, `References: <${spec.inReplyTo}>`] : []),
    `Subject: ${encodeHeaderWord(spec.subject, spec.subjectCharset)}`,
    `From: ${formatAddress(spec.from)}`,
    `To: ${spec.to.map(formatAddress).join(', ')}`,
    ...(spec.extraHeaders ?? []).map(([name, value]) => `${name}: ${value}`),
  ];
  return Buffer.from(serialize({ ...bodyNode, headers: [...headers, ...bodyNode.headers] }) + CRLF, 'latin1');
}

// ---------------------------------------------------------------------------------------------------
// Parsing

export interface ParsedHeader {
  name: string;
  /** Unfolded, still RFC 2047-encoded value. */
  value: string;
}

export interface ParsedPart {
  headers: ParsedHeader[];
  mimeType: string;
  params: Record<string, string>;
  filename: string;
  /** Transfer-decoded body bytes (in the part's own charset). Empty for multiparts. */
  body: Buffer;
  parts?: ParsedPart[];
}

export function parseHeaderParams(value: string): { value: string; params: Record<string, string> } {
  const [first = '', ...rest] = splitOutsideQuotes(value, ';');
  const params: Record<string, string> = {};
  for (const piece of rest) {
    const equals = piece.indexOf('=');
    if (equals < 0) continue;
    const key = piece.slice(0, equals).trim().toLowerCase();
    let paramValue = piece.slice(equals + 1).trim();
    if (paramValue.startsWith('"') && paramValue.endsWith('"'))
      paramValue = paramValue.slice(1, -1).replace(/\\(.)/g, '$1');
    params[key] = paramValue;
  }
  return { value: first.trim().toLowerCase(), params };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  pieces.push(current);
  return pieces;
}

function parseHeaderBlock(block: string): ParsedHeader[] {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const headers: ParsedHeader[] = [];
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return headers;
}

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const withoutSoftBreaks = text.replace(/=\r?\n/g, '');
  for (let index = 0; index < withoutSoftBreaks.length; index++) {
    const char = withoutSoftBreaks[index] ?? '';
    const hex = withoutSoftBreaks.slice(index + 1, index + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(char.charCodeAt(0) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** Parses one entity from its latin1 (byte-preserving) string form. */
function parseEntity(source: string): ParsedPart {
  const split = source.search(/\r?\n\r?\n/);
  const headerBlock = split < 0 ? source : source.slice(0, split);
  const bodyText = split < 0 ? '' : source.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = parseHeaderBlock(headerBlock);
  const header = (name: string) => headers.find((candidate) => candidate.name.toLowerCase() === name)?.value;
  const contentType = parseHeaderParams(header('content-type') ?? 'text/plain; charset=us-ascii');
  const disposition = header('content-disposition');
  const filename =
    (disposition ? parseHeaderParams(disposition).params.filename : undefined) ?? contentType.params.name ?? '';
  const boundary = contentType.params.boundary;
  if (contentType.value.startsWith('multipart/') && boundary) {
    const parts: ParsedPart[] = [];
    const delimiter = `--${boundary}`;
    const sections = bodyText.split(new RegExp(`(?:^|\\r?\\n)${escapeRegExp(delimiter)}`));
    // sections[0] is the preamble; the last section starts with "--" (the close delimiter).
    for (const section of sections.slice(1)) {
      if (section.startsWith('--')) break;
      parts.push(parseEntity(section.replace(/^[ \t]*\r?\n/, '')));
    }
    return {
      headers,
      mimeType: contentType.value,
      params: contentType.params,
      filename: decodeHeaderValue(filename),
      body: Buffer.alloc(0),
      parts,
    };
  }
  const transfer = (header('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body =
    transfer === 'base64'
      ? Buffer.from(bodyText.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64')
      : transfer === 'quoted-printable'
        ? decodeQuotedPrintable(bodyText)
        : Buffer.from(bodyText, 'latin1');
  return {
    headers,
    mimeType: contentType.value,
    params: contentType.params,
    filename: decodeHeaderValue(filename),
    body,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function parseRawMessage(raw: Uint8Array): ParsedPart {
  return parseEntity(Buffer.from(raw).toString('latin1'));
}

/** Decodes RFC 2047 encoded-words (B and Q); raw 8-bit header bytes are read as UTF-8. */
export function decodeHeaderValue(value: string): string {
  // Header text arrives as latin1-read bytes; bare 8-bit bytes are UTF-8 in practice (RFC 6532).
  // eslint-disable-next-line no-control-regex -- the latin1 byte range is exactly what is tested
  const onlyBytes = !/[^\x00-\xff]/.test(value);
  const text = /[\x80-\xff]/.test(value) && onlyBytes ? Buffer.from(value, 'latin1').toString('utf8') : value;
  const joined = text.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1');
  return joined.replace(
    /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
    (_match, charset: string, encoding: string, encoded: string) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(encoded, 'base64')
          : decodeQuotedPrintable(encoded.replace(/_/g, ' '));
      return decodeText(bytes, charset);
    },
  );
}

// ---------------------------------------------------------------------------------------------------
// Gmail payload

export interface GmailHeader {
  name: string;
  value: string;
}

export interface GmailPartBody {
  size: number;
  data?: string;
  attachmentId?: string;
}

export interface GmailMessagePart {
  partId: string;
  mimeType: string;
  filename: string;
  headers: GmailHeader[];
  body: GmailPartBody;
  parts?: GmailMessagePart[];
}

/** True for a part Gmail serves through attachments.get rather than inline `data`. */
export function isAttachmentPart(part: ParsedPart): boolean {
  return !part.parts && part.filename !== '';
}

/** The `full` payload tree: partId "" at the top, "0", "1", then "1.0" …; attachments carry only an id. */
export function toGmailPayload(
  part: ParsedPart,
  attachmentIdFor: (partId: string) => string,
  partId = '',
): GmailMessagePart {
  const headers = part.headers.map((header) => ({ name: header.name, value: decodeHeaderValue(header.value) }));
  const base = { partId, mimeType: part.mimeType, filename: part.filename, headers };
  if (part.parts) {
    return {
      ...base,
      body: { size: 0 },
      parts: part.parts.map((child, index) =>
        toGmailPayload(child, attachmentIdFor, partId === '' ? String(index) : `${partId}.${index}`),
      ),
    };
  }
  if (isAttachmentPart(part))
    return { ...base, body: { attachmentId: attachmentIdFor(partId), size: part.body.length } };
  return { ...base, body: { size: part.body.length, data: base64UrlPadded(part.body) } };
}

/** Finds a part by Gmail partId ("" is the root). */
export function findPart(root: ParsedPart, partId: string): ParsedPart | undefined {
  if (partId === '') return root;
  let current: ParsedPart | undefined = root;
  for (const index of partId.split('.')) {
    current = current?.parts?.[Number(index)];
  }
  return current;
}

/** Gmail-style snippet: whitespace collapsed, about 200 characters, HTML-escaped (`&#39;`, `&quot;`, `&amp;`). */
export function makeSnippet(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  const cut = collapsed.length > 200 ? collapsed.slice(0, 200).replace(/\s+\S*$/, '') : collapsed;
  return cut
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}
