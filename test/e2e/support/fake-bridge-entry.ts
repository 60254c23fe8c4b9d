/**
 * Runs in the page before the renderer (Playwright addInitScript) and plays the whole main process with the
 * renderer tests' fake core (test/unit/renderer/fake-glance.ts): `window.glance` from the contract's
 * `buildGlanceApi`, every call checked against the contract's schemas, and `mailbox:changed` published the
 * way the core does. The test describes the mailbox in `window.__fakeScenario` (set by an earlier init
 * script) and reads or drives the fake through `window.__fakeGlance` / `window.__fakeCore`.
 */
import './zod-jitless.js';
import type { MessageContent, MessageSummary, Settings } from '../../../electron/shared/ipc-contract.js';
import {
  defaultSettings,
  fakeCore,
  installFakeGlance,
  ok,
  type FakeCore,
  type FakeGlance,
} from '../../unit/renderer/fake-glance.js';

export interface FakeScenario {
  accountId: string;
  /** The unread view, any order. */
  unread: MessageSummary[];
  /** Messages of the same threads that the unread view does not list (read, or archived). */
  others: MessageSummary[];
  settings: Partial<Settings>;
}

declare global {
  interface Window {
    __fakeScenario: FakeScenario;
    __fakeGlance: FakeGlance;
    __fakeCore: FakeCore;
  }
}

/** `message:get`'s answer for a small plain-text message, as the main process would parse it. */
function contentOf(message: MessageSummary): MessageContent {
  return {
    id: message.id,
    threadId: message.threadId,
    labelIds: ['INBOX'],
    subject: message.subject,
    from: message.from,
    to: [{ name: 'Alex Rivera', address: 'alex@example.com' }],
    cc: [],
    toCount: 1,
    ccCount: 0,
    date: new Date(message.date).toISOString(),
    html: null,
    text: `Body of ${message.id}: ${message.snippet}`,
    attachments: [],
    truncated: null,
  };
}

const scenario = window.__fakeScenario;
const core = fakeCore({ [scenario.accountId]: scenario.unread }, {}, scenario.others);
let settings: Settings = { ...defaultSettings, ...scenario.settings };
const everyMessage = new Map([...scenario.unread, ...scenario.others].map((message) => [message.id, message]));
const glance = installFakeGlance({
  ...core.handlers,
  'accounts:get': () =>
    ok({
      accounts: [
        { id: scenario.accountId, email: 'alex@example.com', name: 'Alex Rivera', pictureUrl: null, status: 'ready' },
      ],
      activeAccountId: scenario.accountId,
      keychainUnavailable: false,
    }),
  'settings:get': () => ok(settings),
  'settings:update': (patch) => {
    settings = { ...settings, ...patch } as Settings;
    glance.emit('settings:changed', settings);
    return ok(settings);
  },
  'message:get': (_accountId, id) => {
    const message = everyMessage.get(id);
    if (!message) return { ok: false, error: { code: 'NOT_FOUND', message: 'No such message in the fake core.' } };
    return ok(contentOf(message));
  },
});
core.connect(glance);
window.__fakeGlance = glance;
window.__fakeCore = core;
