/**
 * A proxy asking for a user name and password (electron/main/proxy-sign-in.ts), driven with fake challenges
 * the way Chromium sends them through each request's `login` event.
 */
import { describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../electron/core/logging.js';
import {
  MAX_PROXY_SIGN_IN_ASKS,
  PROXY_ASK_PAUSE_MS,
  PROXY_QUESTION_TIMEOUT_MS,
  ProxySignIn,
  proxySignInDispatch,
  type AuthChallenge,
} from '../../../electron/main/proxy-sign-in.js';
import type { ProxySignInRequest } from '../../../electron/shared/ipc-contract.js';

const PROXY: AuthChallenge = { isProxy: true, scheme: 'basic', host: 'proxy.corp', port: 3128, realm: 'corp' };

function setup(options: { windowOpen?: boolean; windowShown?: Promise<void> } = {}) {
  const asked: ProxySignInRequest[] = [];
  /** Questions the window was told are no longer open (`proxy:signInWithdrawn`). */
  const withdrawn: string[] = [];
  let now = 1_000;
  let id = 0;
  const logger = memoryLogger();
  const timers: Array<{ run: () => void; ms: number }> = [];
  const proxySignIn = new ProxySignIn({
    ask: async (request) => {
      if (options.windowOpen === false) return false;
      await options.windowShown;
      asked.push(request);
      return true;
    },
    withdrawn: (requestId) => withdrawn.push(requestId),
    logger,
    now: () => now,
    newRequestId: () => `q${++id}`,
    setTimer: (run, ms) => {
      timers.push({ run, ms });
      return {};
    },
  });
  /** One challenge on a request; resolves with what the callback got. */
  const challenge = (request = proxySignIn.forRequest(), info: AuthChallenge = PROXY) =>
    new Promise<string[]>((resolve) =>
      request.onLogin(info, (...args: Array<string | undefined>) => resolve(args.filter((a) => a !== undefined))),
    );
  const lastAsk = async () => {
    await vi.waitFor(() => expect(asked.length).toBeGreaterThan(0));
    return asked[asked.length - 1]!;
  };
  /** Runs the timers that are due after `ms` (only question time-outs are set). */
  const elapse = (ms: number) => {
    for (const timer of timers.splice(0)) {
      if (timer.ms <= ms) timer.run();
      else timers.push(timer);
    }
  };
  return {
    proxySignIn,
    asked,
    withdrawn,
    challenge,
    lastAsk,
    logger,
    elapse,
    advance: (ms: number) => (now += ms),
  };
}

describe('ProxySignIn', () => {
  it('asks the window once, answers with what the person typed, and remembers it for that proxy', async () => {
    const { proxySignIn, asked, challenge, lastAsk } = setup();
    const first = challenge();
    const question = await lastAsk();
    expect(question).toEqual({ requestId: 'q1', proxy: 'proxy.corp:3128', attempt: 1, rejected: false });
    proxySignIn.answer({ requestId: 'q1', credentials: { username: 'sam', password: 'secret' } });
    expect(await first).toEqual(['sam', 'secret']);
    // Another request challenged later: answered from memory, no new question.
    expect(await challenge()).toEqual(['sam', 'secret']);
    expect(asked).toHaveLength(1);
  });

  it('requests challenged while the question is open all wait for the one answer', async () => {
    const { proxySignIn, asked, challenge, lastAsk } = setup();
    const answers = [challenge(), challenge(), challenge()];
    await lastAsk();
    proxySignIn.answer({ requestId: 'q1', credentials: { username: 'sam', password: 'pw' } });
    expect(await Promise.all(answers)).toEqual([
      ['sam', 'pw'],
      ['sam', 'pw'],
      ['sam', 'pw'],
    ]);
    expect(asked).toHaveLength(1);
  });

  it(`a wrong password asks again saying so, at most ${MAX_PROXY_SIGN_IN_ASKS} times, then cancels and pauses`, async () => {
    const { proxySignIn, asked, challenge, lastAsk, advance } = setup();
    const request = proxySignIn.forRequest();
    for (let attempt = 1; attempt <= MAX_PROXY_SIGN_IN_ASKS; attempt++) {
      const answered = challenge(request);
      const question = await vi.waitFor(async () => {
        const last = await lastAsk();
        expect(last.attempt).toBe(attempt);
        return last;
      });
      expect(question.rejected).toBe(attempt > 1);
      proxySignIn.answer({
        requestId: question.requestId,
        credentials: { username: 'sam', password: `wrong${attempt}` },
      });
      expect(await answered).toEqual(['sam', `wrong${attempt}`]);
    }
    // The proxy challenges the same request again after the third answer: cancelled, no fourth question.
    expect(await challenge(request)).toEqual([]);
    expect(asked).toHaveLength(MAX_PROXY_SIGN_IN_ASKS);
    expect(await challenge()).toEqual([]);
    advance(PROXY_ASK_PAUSE_MS + 1);
    void challenge();
    await vi.waitFor(() => expect(asked).toHaveLength(MAX_PROXY_SIGN_IN_ASKS + 1));
    expect(asked.at(-1)).toMatchObject({ attempt: 1, rejected: false });
  });

  it('credentials that worked and stop working (a changed password) are asked for again', async () => {
    const { proxySignIn, challenge, lastAsk } = setup();
    const request = proxySignIn.forRequest();
    const first = challenge(request);
    proxySignIn.answer({ requestId: (await lastAsk()).requestId, credentials: { username: 'sam', password: 'old' } });
    expect(await first).toEqual(['sam', 'old']);
    request.onResponse();
    const again = challenge(request);
    await vi.waitFor(async () => expect((await lastAsk()).requestId).toBe('q2'));
    expect(await lastAsk()).toMatchObject({ attempt: 2, rejected: true });
    proxySignIn.answer({ requestId: 'q2', credentials: { username: 'sam', password: 'new' } });
    expect(await again).toEqual(['sam', 'new']);
  });

  it('Cancel answers the challenge with nothing and does not ask again for a while', async () => {
    const { proxySignIn, asked, challenge, lastAsk } = setup();
    const answered = challenge();
    proxySignIn.answer({ requestId: (await lastAsk()).requestId, credentials: null });
    expect(await answered).toEqual([]);
    expect(await challenge()).toEqual([]);
    expect(asked).toHaveLength(1);
  });

  it('a question the page lost (reload, crash, closed) is withdrawn: the waiting requests fail, the next asks at once', async () => {
    const { proxySignIn, asked, challenge, lastAsk } = setup();
    const waiting = challenge();
    await lastAsk();
    proxySignIn.withdrawQuestions();
    expect(await waiting).toEqual([]);
    // Not a Cancel: no pause, the next challenge asks again.
    const next = challenge();
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    proxySignIn.answer({ requestId: asked[1]!.requestId, credentials: { username: 'sam', password: 'pw' } });
    expect(await next).toEqual(['sam', 'pw']);
  });

  it('a question nobody answers is withdrawn after its time limit instead of holding requests for ever', async () => {
    const { asked, challenge, lastAsk, elapse } = setup();
    const waiting = challenge();
    await lastAsk();
    elapse(PROXY_QUESTION_TIMEOUT_MS - 1);
    elapse(PROXY_QUESTION_TIMEOUT_MS);
    expect(await waiting).toEqual([]);
    void challenge();
    await vi.waitFor(() => expect(asked).toHaveLength(2));
  });

  it('lists the open question for a page that missed it, until it is answered', async () => {
    const { proxySignIn, challenge, lastAsk } = setup();
    expect(proxySignIn.openQuestions()).toEqual([]);
    const answered = challenge();
    const question = await lastAsk();
    // The event reached no listener (the page was still loading): the dialog asks for the open questions.
    expect(proxySignIn.openQuestions()).toEqual([question]);
    proxySignIn.answer({ requestId: question.requestId, credentials: { username: 'sam', password: 'pw' } });
    expect(await answered).toEqual(['sam', 'pw']);
    expect(proxySignIn.openQuestions()).toEqual([]);
  });

  it('lists a question while its window is still opening, and takes the answer given to the listed one', async () => {
    let windowShown = () => {};
    const { proxySignIn, asked, challenge } = setup({ windowShown: new Promise((resolve) => (windowShown = resolve)) });
    const answered = challenge();
    await vi.waitFor(() => expect(proxySignIn.openQuestions()).toHaveLength(1));
    expect(asked).toEqual([]);
    const [listed] = proxySignIn.openQuestions();
    expect(listed).toEqual({ requestId: 'q1', proxy: 'proxy.corp:3128', attempt: 1, rejected: false });
    proxySignIn.answer({ requestId: listed!.requestId, credentials: { username: 'sam', password: 'pw' } });
    // The event that follows carries the same question (the dialog shows it once).
    windowShown();
    await vi.waitFor(() => expect(asked).toEqual([listed]));
    expect(await answered).toEqual(['sam', 'pw']);
    expect(proxySignIn.openQuestions()).toEqual([]);
  });

  it('lists one question per proxy, oldest first; withdrawn, timed-out and cancelled ones are gone from the list', async () => {
    const { proxySignIn, challenge, lastAsk, elapse, asked } = setup();
    void challenge();
    const first = await lastAsk();
    void challenge();
    const backup = challenge(undefined, { ...PROXY, host: 'backup.corp' });
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    expect(proxySignIn.openQuestions().map((question) => question.proxy)).toEqual([
      'proxy.corp:3128',
      'backup.corp:3128',
    ]);
    proxySignIn.answer({ requestId: first.requestId, credentials: null });
    expect(proxySignIn.openQuestions().map((question) => question.proxy)).toEqual(['backup.corp:3128']);
    elapse(PROXY_QUESTION_TIMEOUT_MS);
    expect(proxySignIn.openQuestions()).toEqual([]);
    expect(await backup).toEqual([]);
    void challenge(undefined, { ...PROXY, host: 'backup.corp' });
    await vi.waitFor(() => expect(proxySignIn.openQuestions()).toHaveLength(1));
    proxySignIn.withdrawQuestions();
    expect(proxySignIn.openQuestions()).toEqual([]);
  });

  it('tells the window when a question closes without its answer: timed out, or its page went away', async () => {
    const { proxySignIn, asked, withdrawn, challenge, lastAsk, elapse } = setup();
    const timedOut = challenge();
    await lastAsk();
    expect(withdrawn).toEqual([]);
    elapse(PROXY_QUESTION_TIMEOUT_MS);
    expect(withdrawn).toEqual(['q1']);
    expect(await timedOut).toEqual([]);
    // A reload, a crash or the window closed: every open question, each once.
    void challenge();
    void challenge(undefined, { ...PROXY, host: 'backup.corp' });
    await vi.waitFor(() => expect(asked).toHaveLength(3));
    proxySignIn.withdrawQuestions();
    proxySignIn.withdrawQuestions();
    expect(withdrawn).toEqual(['q1', 'q2', 'q3']);
    // Their time limits passing afterwards say nothing more.
    elapse(PROXY_QUESTION_TIMEOUT_MS);
    expect(withdrawn).toEqual(['q1', 'q2', 'q3']);
  });

  it('tells the window when a question it may have listed while opening could not be shown after all', async () => {
    let noWindow = () => {};
    const withdrawn: string[] = [];
    const proxySignIn = new ProxySignIn({
      ask: () => new Promise<boolean>((resolve) => (noWindow = () => resolve(false))),
      withdrawn: (requestId) => withdrawn.push(requestId),
      logger: memoryLogger(),
      newRequestId: () => 'q1',
      setTimer: () => ({}),
    });
    const cancelled = new Promise<unknown[]>((resolve) =>
      proxySignIn.forRequest().onLogin(PROXY, (...args) => resolve(args.filter((a) => a !== undefined))),
    );
    await vi.waitFor(() => expect(proxySignIn.openQuestions()).toHaveLength(1));
    noWindow();
    expect(await cancelled).toEqual([]);
    expect(withdrawn).toEqual(['q1']);
    expect(proxySignIn.openQuestions()).toEqual([]);
  });

  it('an answered question is not reported withdrawn (the window closed it itself)', async () => {
    const { proxySignIn, withdrawn, challenge, lastAsk, elapse } = setup();
    const answered = challenge();
    proxySignIn.answer({ requestId: (await lastAsk()).requestId, credentials: null });
    await answered;
    elapse(PROXY_QUESTION_TIMEOUT_MS);
    proxySignIn.withdrawQuestions();
    expect(withdrawn).toEqual([]);
  });

  it('with no window to ask, the challenge is cancelled', async () => {
    const { proxySignIn, challenge } = setup({ windowOpen: false });
    expect(await challenge()).toEqual([]);
    expect(proxySignIn.openQuestions()).toEqual([]);
  });

  it("refuses a server's (non-proxy) request for a password without asking", async () => {
    const { challenge, asked, logger } = setup();
    expect(await challenge(undefined, { ...PROXY, isProxy: false, host: 'evil.example' })).toEqual([]);
    expect(asked).toEqual([]);
    expect(logger.lines.join('\n')).toMatch(/Refused a server/);
  });

  it('each proxy has its own credentials', async () => {
    const { proxySignIn, asked, challenge, lastAsk } = setup();
    const first = challenge();
    proxySignIn.answer({ requestId: (await lastAsk()).requestId, credentials: { username: 'a', password: '1' } });
    await first;
    const other = challenge(undefined, { ...PROXY, host: 'backup.corp' });
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1]).toMatchObject({ proxy: 'backup.corp:3128' });
    proxySignIn.answer({ requestId: asked[1]!.requestId, credentials: { username: 'b', password: '2' } });
    expect(await other).toEqual(['b', '2']);
  });

  it('never logs the password or the user name', async () => {
    const { proxySignIn, challenge, lastAsk, logger } = setup();
    const request = proxySignIn.forRequest();
    const answered = challenge(request);
    proxySignIn.answer({
      requestId: (await lastAsk()).requestId,
      credentials: { username: 'sam.user', password: 'Tr0ub4dor' },
    });
    await answered;
    void challenge(request); // refused once
    await vi.waitFor(() => expect(logger.lines.join('\n')).toMatch(/refused the user name/));
    expect(logger.lines.join('\n')).not.toMatch(/Tr0ub4dor|sam\.user/);
    expect(logger.lines.join('\n')).toContain('proxy.corp:3128');
  });

  it('ignores an answer to no open question', () => {
    const { proxySignIn } = setup();
    expect(() => proxySignIn.answer({ requestId: 'nope', credentials: null })).not.toThrow();
  });

  it('its channels are answered in the main process, arguments checked against the contract', async () => {
    const { proxySignIn, challenge, lastAsk } = setup();
    let current: ProxySignIn | null = null;
    const { channels, dispatch } = proxySignInDispatch(() => current, memoryLogger());
    expect([...channels].sort()).toEqual(['proxy:answerSignIn', 'proxy:openQuestions']);
    // Before start-up made it: no questions, answers go nowhere.
    expect(await dispatch('proxy:openQuestions', [])).toEqual({ ok: true, value: [] });
    current = proxySignIn;
    const answered = challenge();
    const question = await lastAsk();
    expect(await dispatch('proxy:openQuestions', [])).toEqual({ ok: true, value: [question] });
    expect(await dispatch('proxy:answerSignIn', [{ requestId: question.requestId, credentials: 'pw' }])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await dispatch('accounts:get', [])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(
      await dispatch('proxy:answerSignIn', [
        { requestId: question.requestId, credentials: { username: 'sam', password: 'pw' } },
      ]),
    ).toEqual({ ok: true, value: null });
    expect(await answered).toEqual(['sam', 'pw']);
  });
});
