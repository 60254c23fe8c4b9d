/**
 * Logging for the core services. Every line passes through `redact`, so a token, an authorization
 * code, a PKCE verifier, a callback URL's query, an email address or a message's subject or body never
 * reaches a log even if a caller slips, while error codes, errno values and HTTP statuses stay readable.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (level: LogLevel, line: string) => void;

/**
 * A `code` that is an error code, errno or HTTP status (ECONNRESET, UND_ERR_SOCKET, NEEDS_SIGN_IN, 429, -104)
 * is kept: it is what a log is read for. Anything else under that name (an OAuth authorization code such
 * as `4/0AbC…`) is removed.
 */
const DIAGNOSTIC_CODE = /^(?:-?\d{1,5}|[A-Z][A-Z0-9_]{1,40})$/;

const SECRET_PATTERNS: RegExp[] = [
  /ya29\.[A-Za-z0-9._~+/=-]+/g, // Google access tokens
  /1\/\/[A-Za-z0-9._~+/=-]+/g, // Google refresh tokens
  /\b4\/[A-Za-z0-9._~+/=-]+/g, // Google authorization codes
  /4%2F[A-Za-z0-9._~%+/=-]+/gi, // …percent-encoded
  /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, // JWTs (id_token)
  /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi,
  /\b(code_verifier|access_token|refresh_token|id_token|client_secret|token|state)=[^&\s"']+/gi,
  /"(access_token|refresh_token|id_token|code_verifier|client_secret)"\s*:\s*"[^"]*"/gi,
];

/**
 * Email addresses (the person's, their correspondents'): who wrote to whom stays out of logs. Every part
 * is bounded (RFC 5321: 64-character local part, 63-character labels): unbounded, a long run of letters
 * took quadratic time — 200 KB of text held the main process for minutes.
 */
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,16}\.[A-Za-z]{2,63}/g;
/** Mail headers quoted in a message (an error that echoes a message's text). */
const MAIL_HEADER_LINE = /^(Subject|From|To|Cc|Bcc|Reply-To):[^\r\n]*/gim;
/** `code=…` / `"code":"…"` with whatever value; the value is kept only when it is a diagnostic code. */
const CODE_FIELD = /\bcode=([^&\s"',;)]+)/gi;
const CODE_JSON = /"code"\s*:\s*"([^"]*)"/gi;

/** Fields whose values are mail content or identity: logged as their length only. */
const CONTENT_FIELDS = new Set([
  'subject',
  'snippet',
  'body',
  'raw',
  'html',
  'text',
  'from',
  'to',
  'cc',
  'email',
  'query',
  'q',
]);

export function redact(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, key?: string) => {
      if (typeof key === 'string' && match.startsWith('"')) return `"${key}":"[redacted]"`;
      if (typeof key === 'string' && /=/.test(match)) return `${key}=[redacted]`;
      if (typeof key === 'string') return `${key} [redacted]`;
      return '[redacted]';
    });
  }
  out = out.replace(CODE_FIELD, (match, value: string) => (DIAGNOSTIC_CODE.test(value) ? match : 'code=[redacted]'));
  out = out.replace(CODE_JSON, (match, value: string) => (DIAGNOSTIC_CODE.test(value) ? match : '"code":"[redacted]"'));
  out = out.replace(MAIL_HEADER_LINE, (_match, name: string) => `${name}: [redacted]`);
  out = out.replace(EMAIL, '[email]');
  return out;
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export function createLogger(sink: LogSink, scope = 'glance'): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    const extra = fields
      ? ' ' +
        Object.entries(fields)
          .map(([key, value]) =>
            CONTENT_FIELDS.has(key.toLowerCase())
              ? `${key}=[${typeof value === 'string' ? `${value.length} chars` : 'redacted'}]`
              : `${key}=${describe(value)}`,
          )
          .join(' ')
      : '';
    sink(level, redact(`[${scope}] ${message}${extra}`));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** True when a line of `level` is written at the `minimum` level. */
export function isLogged(level: LogLevel, minimum: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(minimum);
}

/** The console half of a sink (stderr for warnings and errors). */
export const consoleSink: LogSink = (level, line) => {
  if (level === 'warn' || level === 'error') console.error(line);
  else console.log(line);
};

/** Writes every line at or above `minimum` to each sink (already redacted by the logger). */
export function teeSink(minimum: LogLevel, ...sinks: LogSink[]): LogSink {
  return (level, line) => {
    if (!isLogged(level, minimum)) return;
    for (const sink of sinks) sink(level, line);
  };
}

/** A logger that writes to the console (stderr for warnings and errors). */
export function consoleLogger(scope?: string, minimum: LogLevel = 'info'): Logger {
  return createLogger(teeSink(minimum, consoleSink), scope);
}

/** Collects log lines in memory: used by tests that assert no secret reaches a log. */
export function memoryLogger(scope?: string): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`), scope);
  return Object.assign(logger, { lines });
}
