import { describe, expect, it, vi } from 'vitest';
import { createDispatch, type Handlers } from '../../../../electron/core/ipc/dispatch.js';
import { NeedsSignInError, RateLimitedError } from '../../../../electron/core/errors.js';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { CHANNEL_NAMES, type AppInfo } from '../../../../electron/shared/ipc-contract.js';

const appInfo: AppInfo = { name: 'Glance', version: '1.2.3', platform: 'linux', mode: 'demo', clientSource: 'demo' };

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const unexpected = () => {
    throw new Error('not expected in this test');
  };
  const all = Object.fromEntries(CHANNEL_NAMES.map((name) => [name, unexpected])) as unknown as Handlers;
  return { ...all, ...overrides };
}

describe('createDispatch', () => {
  it('runs the handler with parsed arguments and wraps the value', async () => {
    const list = vi.fn(async () => ({
      messages: [],
      nextPageToken: null,
      resultSizeEstimate: 0,
      fromCache: false,
      mailboxes: [],
    }));
    const dispatch = createDispatch(handlersWith({ 'app:info': () => appInfo, 'messages:list': list }), memoryLogger());
    await expect(dispatch('app:info', [])).resolves.toEqual({ ok: true, value: appInfo });
    const result = await dispatch('messages:list', [{ accountId: '1234', scope: 'unread', pageSize: 50 }]);
    expect(result).toEqual({
      ok: true,
      value: { messages: [], nextPageToken: null, resultSizeEstimate: 0, fromCache: false, mailboxes: [] },
    });
    expect(list).toHaveBeenCalledWith({ accountId: '1234', scope: 'unread', pageSize: 50 });
  });

  it.each([
    ['an unknown channel', 'fs:readFile', ['/etc/passwd']],
    ['a missing argument', 'message:get', ['1234']],
    ['a wrong type', 'messages:list', [{ accountId: '1234', scope: 'everything' }]],
    ['an extra field', 'messages:list', [{ accountId: '1234', scope: 'unread', admin: true }]],
    ['a path-like id', 'message:get', ['1234', '../../etc/passwd']],
    ['arguments that are not an array', 'app:info', { length: 0 }],
    ['an unknown message:get option', 'message:get', ['1234', 'abc', { whole: true, raw: true }]],
    ['attachment bytes instead of a part index', 'attachment:save', [{ filename: 'a.txt', contentBase64: 'eA==' }]],
    ['a negative part index', 'attachment:save', ['1234', 'abc', -1]],
    ['a fractional part index', 'attachment:save', ['1234', 'abc', 0.5]],
  ])('rejects %s with INVALID_ARGUMENT and never calls a handler', async (_case, channel, args) => {
    const dispatch = createDispatch(handlersWith({}), memoryLogger());
    const result = await dispatch(channel, args);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INVALID_ARGUMENT');
  });

  it('maps typed errors to their codes and hides internal ones', async () => {
    const logger = memoryLogger();
    const dispatch = createDispatch(
      handlersWith({
        'message:get': () => {
          throw new NeedsSignInError('1234');
        },
        'sync:now': () => {
          throw new RateLimitedError(1_700_000_000_000);
        },
        'settings:get': () => {
          throw new TypeError('secret internals ya29.abcdef');
        },
      }),
      logger,
    );
    expect(await dispatch('message:get', ['1234', 'abc'])).toMatchObject({
      ok: false,
      error: { code: 'NEEDS_SIGN_IN' },
    });
    expect(await dispatch('sync:now', ['1234'])).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', retryAt: 1_700_000_000_000 },
    });
    const internal = await dispatch('settings:get', []);
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('ya29');
    expect(logger.lines.join('\n')).not.toContain('ya29.abcdef');
  });

  it('turns undefined results into null so the payload is plain JSON', async () => {
    const dispatch = createDispatch(handlersWith({ 'auth:cancelSignIn': () => null }), memoryLogger());
    expect(await dispatch('auth:cancelSignIn', [])).toEqual({ ok: true, value: null });
  });
});
