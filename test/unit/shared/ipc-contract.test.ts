import { describe, expect, it, vi } from 'vitest';
import { buildGlanceApi, CHANNEL_NAMES, EVENT_NAMES, type EventName } from '../../../electron/shared/ipc-contract.js';

describe('buildGlanceApi', () => {
  it('exposes one action per channel, grouped by domain, and nothing else', () => {
    const api = buildGlanceApi(vi.fn(), vi.fn()) as unknown as Record<string, Record<string, unknown>>;
    const exposed = Object.entries(api).flatMap(([domain, verbs]) =>
      typeof verbs === 'function' ? [domain] : Object.keys(verbs).map((verb) => `${domain}:${verb}`),
    );
    expect(exposed.sort()).toEqual([...CHANNEL_NAMES, 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('forwards calls with the channel name and the argument list', async () => {
    const invoke = vi.fn(async () => ({ ok: true as const, value: 'x' }));
    const api = buildGlanceApi(invoke, vi.fn());
    await api.message.get('acct', 'abc123');
    expect(invoke).toHaveBeenCalledWith('message:get', ['acct', 'abc123']);
  });

  it('subscribes to known events only', () => {
    const unsubscribe = vi.fn();
    const subscribe = vi.fn(() => unsubscribe);
    const api = buildGlanceApi(vi.fn(), subscribe);
    const listener = vi.fn();
    expect(api.on('mailbox:changed', listener)).toBe(unsubscribe);
    expect(subscribe).toHaveBeenCalledWith('mailbox:changed', listener);
    expect(() => api.on('ipc:anything' as EventName, listener)).toThrow(/Unknown Glance event/);
    expect(EVENT_NAMES.length).toBeGreaterThan(0);
  });
});

describe('the preload’s channel list', () => {
  it('names exactly the contract’s channels, so none exists on one side only', async () => {
    const { channels } = await import('../../../electron/shared/ipc-contract.js');
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(channels).sort());
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length);
  });
});
