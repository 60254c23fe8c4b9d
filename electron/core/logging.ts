/**
 * Logging for the core services. Every line passes through `redact`, so a token, an authorization
 * code, a PKCE verifier or a callback URL's query never reaches a log even if a caller slips.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (level: LogLevel, line: string) => void;

const SECRET_PATTERNS: RegExp[] = [
  /ya29\.[A-Za-z0-9._~+/=-]+/g, // Google access tokens
  /1\/\/[A-Za-z0-9._~+/=-]+/g, // Google refresh tokens
  /4\/[A-Za-z0-9._~+/=-]+/g, // Google authorization codes
  /4%2F[A-Za-z0-9._~%+/=-]+/gi, // …percent-encoded
  /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, // JWTs (id_token)
  /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi,
  /\b(code|code_verifier|access_token|refresh_token|id_token|client_secret|token|state)=[^&\s"']+/gi,
  /"(access_token|refresh_token|id_token|code|code_verifier|client_secret)"\s*:\s*"[^"]*"/gi,
];

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
          .map(([key, value]) => `${key}=${describe(value)}`)
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

/** A logger that writes to the console (stderr for warnings and errors). */
export function consoleLogger(scope?: string, minimum: LogLevel = 'info'): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  return createLogger((level, line) => {
    if (order.indexOf(level) < order.indexOf(minimum)) return;
    if (level === 'warn' || level === 'error') console.error(line);
    else console.log(line);
  }, scope);
}

/** Collects log lines in memory: used by tests that assert no secret reaches a log. */
export function memoryLogger(scope?: string): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`), scope);
  return Object.assign(logger, { lines });
}
