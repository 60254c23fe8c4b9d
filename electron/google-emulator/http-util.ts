/** Small HTTP helpers shared by the OAuth, Gmail and batch handlers. */
import type { IncomingMessage } from 'node:http';

export interface HandlerResult {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  /** Email of the authenticated user, for the request log and quota counters. */
  user?: string;
  quotaUnits?: number;
}

/** A request as the handlers see it: also used for the parts of a batch. */
export interface InternalRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
}

export const GOOGLE_JSON = 'application/json; charset=UTF-8';

/** Headers Google sends on token-endpoint responses. */
export const NO_CACHE_HEADERS = {
  'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
  Pragma: 'no-cache',
  Expires: 'Mon, 01 Jan 1990 00:00:00 GMT',
};

export function jsonResult(status: number, body: unknown, headers: Record<string, string> = {}): HandlerResult {
  return {
    status,
    headers: { 'Content-Type': GOOGLE_JSON, ...headers },
    body: status === 204 ? '' : JSON.stringify(body, null, 2),
  };
}

export function oauthJson(status: number, body: unknown, headers: Record<string, string> = {}): HandlerResult {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...NO_CACHE_HEADERS, ...headers },
    body: JSON.stringify(body, null, 2),
  };
}

export function htmlResult(status: number, html: string): HandlerResult {
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, body: html };
}

export function redirectResult(location: string): HandlerResult {
  return {
    status: 302,
    headers: { Location: location, 'Cache-Control': 'no-store', 'Content-Type': 'text/html; charset=utf-8' },
    body: '',
  };
}

/** Google front-end style 404 for paths that exist nowhere. */
export function notFoundPage(path: string): HandlerResult {
  return htmlResult(
    404,
    `<!DOCTYPE html><html lang=en><title>Error 404 (Not Found)!!1</title><p><b>404.</b> That’s an error.<p>The requested URL <code>${escapeHtml(path)}</code> was not found on this server. That’s all we know.</html>`,
  );
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('Request body too large for the emulator (20 MB).');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function lowerCaseHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

export function bearerToken(headers: Record<string, string>): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * DNS rebinding: a web page whose own name resolves to 127.0.0.1 reaches the emulator with its name in
 * `Host`, and the browser then treats the emulator's consent page and tokens as that page's own. Only
 * the emulator's own address is accepted: `bindHost:port`, and on a loopback bind the other loopback
 * spellings of the same port. Bound to every interface (`0.0.0.0`, `::`), the emulator cannot know its
 * names, so any host on its port is accepted.
 */
export function isOwnHost(hostHeader: string | undefined, bindHost: string, port: number): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.trim().toLowerCase();
  const bracketed = bindHost.includes(':') ? `[${bindHost.toLowerCase()}]` : bindHost.toLowerCase();
  if (host === `${bracketed}:${port}`) return true;
  const loopbackBind = LOOPBACK_NAMES.includes(bracketed) || /^127(\.\d{1,3}){3}$/.test(bracketed);
  if (loopbackBind) return LOOPBACK_NAMES.some((name) => host === `${name}:${port}`);
  if (bindHost === '0.0.0.0' || bindHost === '::') return host.endsWith(`:${port}`);
  return false;
}
