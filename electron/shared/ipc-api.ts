/**
 * The runtime half of the IPC contract that the preload needs: every channel's and event's name, and
 * `buildGlanceApi`. It imports only types from ipc-contract.ts, so the sandboxed preload bundle carries
 * no zod and no schemas. The compile-time check below and a unit test keep the names equal to the
 * contract's channels, so a channel still cannot exist on one side only.
 */
import type { Channel, EventName, GlanceApi, Invoke, Subscribe } from './ipc-contract.js';

export const CHANNEL_NAMES = [
  'app:info',
  'accounts:get',
  'accounts:setActive',
  'accounts:retryKeychain',
  'accounts:usePassphraseFile',
  'accounts:unlockPassphraseFile',
  'auth:signIn',
  'auth:cancelSignIn',
  'auth:openBrowserAgain',
  'auth:copySignInLink',
  'auth:signOut',
  'config:chooseClientFile',
  'config:useDemo',
  'data:openFolder',
  'data:clearLocalCopy',
  'mailboxes:get',
  'messages:list',
  'messages:searchLocal',
  'message:get',
  'messages:modify',
  'conversation:get',
  'conversations:modify',
  'attachment:save',
  'sync:now',
  'labels:list',
  'notifications:test',
  'settings:get',
  'settings:update',
  'settings:dismissResetNotice',
  'shell:openExternal',
  'shell:openInGmail',
  'network:activity',
  'proxy:answerSignIn',
  'proxy:openQuestions',
  'message:takePendingShow',
] as const satisfies readonly Channel[];

// Fails to compile when a channel of the contract is missing from the list above.
type UnlistedChannel = Exclude<Channel, (typeof CHANNEL_NAMES)[number]>;
export const everyChannelListed: [UnlistedChannel] extends [never] ? true : UnlistedChannel = true;

export const EVENT_NAMES = [
  'accounts:changed',
  'signIn:progress',
  'mailbox:changed',
  'settings:changed',
  'message:show',
  'action:fromNotification',
  'command:run',
  'proxy:signInRequested',
  'proxy:signInWithdrawn',
] as const satisfies readonly EventName[];

type UnlistedEvent = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
export const everyEventListed: [UnlistedEvent] extends [never] ? true : UnlistedEvent = true;

/**
 * Builds `window.glance` from the channel list. The preload uses it with `ipcRenderer.invoke`; the
 * end-to-end tests use it with a Playwright binding, so both speak exactly the same contract.
 */
export function buildGlanceApi(invoke: Invoke, subscribe: Subscribe): GlanceApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of CHANNEL_NAMES) {
    const [domain, verb] = channel.split(':') as [string, string];
    api[domain] ??= {};
    api[domain][verb] = (...args: unknown[]) => invoke(channel, args);
  }
  const on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown Glance event: ${String(event)}`);
    return subscribe(event, listener);
  };
  return Object.freeze({ ...api, on }) as unknown as GlanceApi;
}
