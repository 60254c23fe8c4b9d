/**
 * google-auth-library's HTTP client (gaxios) sends through the core's fetch port: gaxios takes a
 * `fetchImplementation`, and every OAuth2Client Glance makes is given one (auth/oauth-client.ts), so the
 * token endpoint, userinfo, revocation and every Gmail call (`@googleapis/gmail` and the batch transport
 * send through the account's OAuth2Client) use the platform's network stack.
 */
import type { OAuth2ClientOptions } from 'google-auth-library';
import type { HttpFetch } from '../ports.js';

/** gaxios' `fetchImplementation` option, as google-auth-library 11 types it. */
export type GaxiosFetch = NonNullable<NonNullable<OAuth2ClientOptions['transporterOptions']>['fetchImplementation']>;

/**
 * gaxios hands its whole options object to fetch as the init (its retry settings, `agent`, `url`…): only
 * the fields of a standard fetch cross to the port, so Electron's net.fetch and Node's fetch see the
 * same request.
 */
export function gaxiosFetchOver(port: HttpFetch): GaxiosFetch {
  return (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const request: RequestInit = {
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
    };
    if (init.body !== undefined && init.body !== null) request.body = init.body;
    if (init.signal) request.signal = init.signal;
    if (init.redirect) request.redirect = init.redirect;
    return port(url, request);
  };
}
