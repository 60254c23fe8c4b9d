/**
 * The one access-token refresh after a 401. The Gmail client is built with forceRefreshOnFailure off (it would
 * refresh and replay on every 403, rate limits included), so a 401 comes here: one refresh, one replay, and a
 * second 401 means the person must sign in again.
 */
import type { OAuth2Client } from 'google-auth-library';
import type { Logger } from '../logging.js';

export class AccessTokenRefresher {
  /** Bumped by every successful refresh: a 401 on a request sent before it is replayed without another. */
  private tokenGeneration = 0;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly client: () => OAuth2Client,
    private readonly logger: Logger,
  ) {}

  /** The token generation a request is sent with; handed back to `refreshAfter401` if it gets a 401. */
  get generation(): number {
    return this.tokenGeneration;
  }

  /**
   * After a 401: refreshes the access token once (concurrent 401s share one refresh; a request sent with a
   * token older than the last refresh is simply replayed). Resolves true when the request should be sent
   * again, false when this request already had its one refresh (the caller reports the auth failure).
   * A refresh Google refuses (invalid_grant) throws the auth failure; a refresh that cannot reach Google
   * throws the failure for the usual retry policy.
   */
  async refreshAfter401(sentWithGeneration: number, alreadyRefreshed: boolean): Promise<boolean> {
    if (sentWithGeneration !== this.tokenGeneration) return true;
    if (alreadyRefreshed) return false;
    if (!this.refreshing) {
      this.logger.info('gmail: access token refused (401); refreshing it once');
      this.refreshing = this.client()
        .refreshAccessToken()
        .then(() => {
          this.tokenGeneration += 1;
        })
        .finally(() => {
          this.refreshing = null;
        });
    }
    await this.refreshing;
    return true;
  }
}

const withoutRetries = new WeakSet<OAuth2Client>();

/**
 * Switches off google-auth-library's own retries on an account's client (it retries token requests three
 * times with its own back-off, ~5 s per refresh during an outage, unseen by the transport's policy). The
 * transport's policy (retry-decision.ts) is then the only one, for Gmail calls and token refreshes alike.
 */
export function withoutLibraryRetries(client: OAuth2Client): OAuth2Client {
  if (withoutRetries.has(client)) return client;
  withoutRetries.add(client);
  client.transporter.interceptors.request.add({
    resolved: async (options) => {
      options.retry = false;
      options.retryConfig = { ...options.retryConfig, retry: 0, noResponseRetries: 0 };
      return options;
    },
  });
  return client;
}
