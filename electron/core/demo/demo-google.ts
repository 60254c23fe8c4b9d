/**
 * Demo mode: with no Google OAuth client configured, Glance signs in to its own Google emulator running
 * in-process on 127.0.0.1, with a seeded mailbox. The sign-in still goes through the system browser and
 * the loopback redirect, so the demo exercises the real flow; the UI labels it "Demo mailbox".
 */
import { startGoogleEmulator, type GoogleEmulator } from '../../google-emulator/index.js';
import type { OAuthClientConfig } from '../config/client-secrets.js';

export interface DemoGoogle {
  client: OAuthClientConfig;
  gmailRootUrl: string;
  emulator: GoogleEmulator;
  close(): Promise<void>;
}

export const DEMO_USERS = [
  { email: 'demo@glance.example', name: 'Demo Reader', unread: 240, read: 120 },
  { email: 'inbox-zero@glance.example', name: 'Zero Inbox', unread: 0, read: 25 },
];

export async function startDemoGoogle(): Promise<DemoGoogle> {
  const emulator = await startGoogleEmulator({ seed: 2026, users: DEMO_USERS });
  return {
    client: oauthClientFor(emulator),
    gmailRootUrl: emulator.endpoints.gmailRootUrl,
    emulator,
    close: () => emulator.close(),
  };
}

/** The OAuth client configuration that points Glance at an emulator (demo mode, tests, benchmark). */
export function oauthClientFor(emulator: GoogleEmulator): OAuthClientConfig {
  return {
    clientId: emulator.defaultClient.clientId,
    clientSecret: emulator.defaultClient.clientSecret,
    endpoints: {
      authorize: emulator.endpoints.authorize,
      token: emulator.endpoints.token,
      revoke: emulator.endpoints.revoke,
      userinfo: emulator.endpoints.userinfo,
      tokeninfo: emulator.endpoints.tokeninfo,
    },
  };
}
