/** Google API error envelopes ({"error":{code,message,errors[],status,details?}}) as Gmail sends them. */

export interface GoogleErrorItem {
  message: string;
  domain: string;
  reason: string;
  location?: string;
  locationType?: string;
}

export class GoogleApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GoogleApiError';
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export function envelope(
  code: number,
  message: string,
  errors: GoogleErrorItem[],
  status?: string,
  details?: unknown[],
): unknown {
  return {
    error: { code, message, errors, status: status ?? STATUS_TEXT[code] ?? 'UNKNOWN', ...(details ? { details } : {}) },
  };
}

function apiError(
  code: number,
  message: string,
  item: Omit<GoogleErrorItem, 'message'> & { message?: string },
  options?: { status?: string; details?: unknown[]; headers?: Record<string, string> },
): GoogleApiError {
  return new GoogleApiError(
    code,
    message,
    envelope(code, message, [{ message: item.message ?? message, ...item }], options?.status, options?.details),
    options?.headers,
  );
}

const REALM = 'Bearer realm="https://accounts.google.com/"';

export const apiErrors = {
  notFound: () => apiError(404, 'Requested entity was not found.', { domain: 'global', reason: 'notFound' }),
  invalidArgument: (message: string) => apiError(400, message, { domain: 'global', reason: 'invalidArgument' }),
  badRequest: (message: string) => apiError(400, message, { domain: 'global', reason: 'badRequest' }),
  /** `fields` that do not parse or name an unknown field. The message is sourced, reason and location guessed. */
  invalidFieldSelection: (message: string) =>
    apiError(400, message, {
      domain: 'global',
      reason: 'invalidParameter',
      location: 'fields',
      locationType: 'parameter',
    }),
  loginRequired: () =>
    apiError(
      401,
      'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      {
        message: 'Login Required.',
        domain: 'global',
        reason: 'required',
        location: 'Authorization',
        locationType: 'header',
      },
      {
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'CREDENTIALS_MISSING',
            domain: 'googleapis.com',
            metadata: { service: 'gmail.googleapis.com' },
          },
        ],
        headers: { 'WWW-Authenticate': REALM },
      },
    ),
  invalidCredentials: () =>
    apiError(
      401,
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      {
        message: 'Invalid Credentials',
        domain: 'global',
        reason: 'authError',
        location: 'Authorization',
        locationType: 'header',
      },
      { headers: { 'WWW-Authenticate': `${REALM}, error="invalid_token"` } },
    ),
  insufficientScope: (acceptable: readonly string[], method: string) =>
    apiError(
      403,
      'Request had insufficient authentication scopes.',
      { message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' },
      {
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
            domain: 'googleapis.com',
            metadata: { service: 'gmail.googleapis.com', method: `caribou.api.proto.MailboxService.${method}` },
          },
        ],
        headers: { 'WWW-Authenticate': `${REALM}, error="insufficient_scope", scope="${acceptable.join(' ')}"` },
      },
    ),
  forbidden: (message: string) => apiError(403, message, { domain: 'global', reason: 'forbidden' }),
  rateLimited: (retryAt: number, status: 429 | 403, retryAfterHeader: boolean, now: number) =>
    apiError(
      status,
      `User-rate limit exceeded.  Retry after ${new Date(retryAt).toISOString()}`,
      { message: 'User-rate limit exceeded.', domain: 'usageLimits', reason: 'rateLimitExceeded' },
      { headers: retryAfterHeader ? { 'Retry-After': String(Math.max(1, Math.ceil((retryAt - now) / 1000))) } : {} },
    ),
  tooManyConcurrent: () =>
    apiError(429, 'Too many concurrent requests for user', { domain: 'usageLimits', reason: 'rateLimitExceeded' }),
};

/** Default envelope for a fault-injected status with no body given. */
export function defaultFaultBody(status: number): unknown {
  switch (status) {
    case 400:
      return envelope(400, 'Bad Request', [{ message: 'Bad Request', domain: 'global', reason: 'badRequest' }]);
    case 401:
      return apiErrors.invalidCredentials().body;
    case 403:
      return envelope(403, 'Forbidden', [{ message: 'Forbidden', domain: 'global', reason: 'forbidden' }]);
    case 404:
      return apiErrors.notFound().body;
    case 429:
      return envelope(429, 'Resource has been exhausted (e.g. check quota).', [
        { message: 'Resource has been exhausted (e.g. check quota).', domain: 'global', reason: 'rateLimitExceeded' },
      ]);
    case 500:
      return envelope(500, 'Backend Error', [{ message: 'Backend Error', domain: 'global', reason: 'backendError' }]);
    case 503:
      return envelope(503, 'The service is currently unavailable.', [
        { message: 'The service is currently unavailable.', domain: 'global', reason: 'backendError' },
      ]);
    default:
      return envelope(status, `Error ${status}`, [{ message: `Error ${status}`, domain: 'global', reason: 'unknown' }]);
  }
}
