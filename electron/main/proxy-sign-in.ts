/**
 * A proxy between this computer and Google that asks for a user name and password (HTTP 407, Basic or
 * Digest) for Glance's own requests. Chromium answers Kerberos/NTLM by itself; a password proxy reaches
 * Glance as a `login` event of each request (electron/main/network.ts), and this module answers it: with
 * what the person typed for that proxy earlier in this session, or by asking the window once for every
 * request waiting on that proxy. The password lives in this object's memory only, per proxy host:port, until
 * Glance quits: never logged, never written, never sent anywhere but to Chromium's network stack for that proxy.
 *
 * No Electron import: the unit tests drive it with fake challenges.
 */
import { randomUUID } from 'node:crypto';
import { createDispatch, type Handlers } from '../core/ipc/dispatch.js';
import type { Logger } from '../core/logging.js';
import type { MainProcessChannel, ProxySignInAnswer, ProxySignInRequest } from '../shared/ipc-contract.js';
import type { MainProcessChannels } from './startup-gate.js';

/** What Chromium says about a challenge (Electron's AuthInfo). */
export interface AuthChallenge {
  isProxy: boolean;
  scheme: string;
  host: string;
  port: number;
  realm: string;
}

/** Electron's login callback: with a user name and password to answer, with nothing to cancel. */
export type LoginCallback = (username?: string, password?: string) => void;

interface ProxyCredentials {
  username: string;
  password: string;
}

/** Questions for one proxy before Glance gives up on a wrong password (then it cancels). */
export const MAX_PROXY_SIGN_IN_ASKS = 3;
/**
 * After Cancel (or the last wrong password), the proxy's challenges are cancelled without a question for this
 * long: the background sync retries every few seconds and must not reopen the dialog each time.
 */
export const PROXY_ASK_PAUSE_MS = 2 * 60_000;
/**
 * A question nobody answered in this long is withdrawn (the window may never have shown it): the requests
 * waiting on it fail as a proxy failure and the next challenge asks again, instead of waiting for ever.
 */
export const PROXY_QUESTION_TIMEOUT_MS = 3 * 60_000;

export interface ProxySignInOptions {
  /**
   * Shows the question in the window; resolves false when there is no window to ask (the challenge is then
   * cancelled). The answer comes back through `answer`.
   */
  ask(request: ProxySignInRequest): Promise<boolean>;
  /**
   * Tells the window that a question it may be showing closed without its answer (timed out, its page went away,
   * or it could not be shown), so the dialog drops it instead of taking an answer that would reach no one.
   */
  withdrawn(requestId: string): void;
  logger: Logger;
  now?: () => number;
  newRequestId?: () => string;
  /** Timers for withdrawing unanswered questions (tests pass a fake). */
  setTimer?: (run: () => void, ms: number) => { unref?: () => void };
}

/** One request's view of its challenges: the `login` listener, and word that it got an answer. */
export interface RequestChallenges {
  onLogin(challenge: AuthChallenge, callback: LoginCallback): void;
  /** The request got a response (not a 407): the credentials it sent, if any, were accepted. */
  onResponse(): void;
  /** The proxy that challenged this request, as host:port, or null when none did. */
  readonly proxy: string | null;
}

export class ProxySignIn {
  private readonly saved = new Map<string, ProxyCredentials>();
  /** Wrong answers in a row per proxy; a response to a request that sent the saved ones ends the run. */
  private readonly refusals = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();
  /** The question open for a proxy: every request challenged meanwhile waits for the same answer. */
  private readonly asking = new Map<string, Promise<ProxyCredentials | null>>();
  /** Open questions by request id, in the order asked: what the window shows comes from here. */
  private readonly waiting = new Map<
    string,
    { request: ProxySignInRequest; resolve: (answer: ProxyCredentials | null | 'withdrawn') => void }
  >();
  private readonly now: () => number;
  private readonly newRequestId: () => string;

  constructor(private readonly options: ProxySignInOptions) {
    this.now = options.now ?? Date.now;
    this.newRequestId = options.newRequestId ?? randomUUID;
  }

  /** A new request's challenge handler; give its `onLogin` to the request's `login` event. */
  forRequest(): RequestChallenges {
    let sent: { proxy: string; credentials: ProxyCredentials } | null = null;
    let proxy: string | null = null;
    return {
      onLogin: (challenge, callback) => {
        if (!challenge.isProxy) {
          // A server asking for a password is not Google: Glance never signs in to one.
          this.options.logger.warn('Refused a server’s request for a password', { host: challenge.host });
          callback();
          return;
        }
        proxy = `${challenge.host}:${challenge.port}`;
        const refused = sent !== null && sent.proxy === proxy ? sent.credentials : null;
        sent = null;
        void this.credentialsFor(proxy, challenge.scheme, refused).then(
          (credentials) => {
            if (credentials && proxy) {
              sent = { proxy, credentials };
              callback(credentials.username, credentials.password);
            } else callback();
          },
          () => callback(),
        );
      },
      onResponse: () => {
        if (sent) this.refusals.delete(sent.proxy);
      },
      get proxy() {
        return proxy;
      },
    };
  }

  /** The window's answer (`proxy:answerSignIn`); an unknown or already answered id is ignored. */
  answer(answer: ProxySignInAnswer): void {
    const waiting = this.waiting.get(answer.requestId);
    if (!waiting) {
      this.options.logger.info('A proxy sign-in answer came for no open question');
      return;
    }
    this.waiting.delete(answer.requestId);
    waiting.resolve(answer.credentials ? { ...answer.credentials } : null);
  }

  /**
   * The questions waiting for an answer, oldest first (`proxy:openQuestions`): the window's dialog asks for them
   * when it starts listening, since a question sent while the page was still loading reached no listener.
   */
  openQuestions(): ProxySignInRequest[] {
    return [...this.waiting.values()].map(({ request }) => ({ ...request }));
  }

  /**
   * Withdraws every open question: the window that showed them is gone or loading again (a reload, a crash), so
   * no answer will come. Not a Cancel: the next challenge asks again at once.
   */
  withdrawQuestions(): void {
    for (const requestId of [...this.waiting.keys()]) this.withdraw(requestId);
  }

  /** Closes an open question without an answer, and tells the window; false when it was no longer open. */
  private withdraw(requestId: string): boolean {
    const waiting = this.waiting.get(requestId);
    if (!waiting) return false;
    this.waiting.delete(requestId);
    waiting.resolve('withdrawn');
    this.options.withdrawn(requestId);
    return true;
  }

  private async credentialsFor(
    proxy: string,
    scheme: string,
    refused: ProxyCredentials | null,
  ): Promise<ProxyCredentials | null> {
    if (refused && this.saved.get(proxy) === refused) {
      // The proxy did not take them: forget them, and count the wrong answer once (other requests that sent
      // the same ones find them gone already).
      this.saved.delete(proxy);
      const refusals = (this.refusals.get(proxy) ?? 0) + 1;
      this.refusals.set(proxy, refusals);
      this.options.logger.warn('The proxy refused the user name and password', { proxy, refusals });
      if (refusals >= MAX_PROXY_SIGN_IN_ASKS) {
        this.refusals.delete(proxy);
        this.pause(proxy);
        return null;
      }
    }
    const saved = this.saved.get(proxy);
    if (saved) return saved;
    if ((this.pausedUntil.get(proxy) ?? 0) > this.now()) return null;
    let question = this.asking.get(proxy);
    if (!question) {
      question = this.ask(proxy, scheme).finally(() => this.asking.delete(proxy));
      this.asking.set(proxy, question);
    }
    return question;
  }

  private async ask(proxy: string, scheme: string): Promise<ProxyCredentials | null> {
    const refusals = this.refusals.get(proxy) ?? 0;
    const requestId = this.newRequestId();
    const request: ProxySignInRequest = { requestId, proxy, attempt: refusals + 1, rejected: refusals > 0 };
    const answered = new Promise<ProxyCredentials | null | 'withdrawn'>((resolve) =>
      this.waiting.set(requestId, { request, resolve }),
    );
    const timer = (this.options.setTimer ?? setTimeout)(() => {
      if (this.withdraw(requestId))
        this.options.logger.warn('Nobody answered the proxy’s sign-in question; withdrawn', { proxy });
    }, PROXY_QUESTION_TIMEOUT_MS);
    timer.unref?.();
    this.options.logger.info('A proxy asks for a user name and password', { proxy, scheme, attempt: refusals + 1 });
    const shown = await this.options.ask({ ...request }).catch(() => false);
    if (!shown) {
      // The window may have listed it meanwhile (`proxy:openQuestions` while it was opening).
      this.withdraw(requestId);
      this.options.logger.warn('No window to ask for the proxy’s user name and password; cancelled', { proxy });
      return null;
    }
    const credentials = await answered;
    if (credentials === 'withdrawn') return null;
    if (!credentials) {
      this.options.logger.info('The person cancelled the proxy sign-in', { proxy });
      this.refusals.delete(proxy);
      this.pause(proxy);
      return null;
    }
    this.saved.set(proxy, credentials);
    return credentials;
  }

  private pause(proxy: string): void {
    this.pausedUntil.set(proxy, this.now() + PROXY_ASK_PAUSE_MS);
  }
}

const PROXY_SIGN_IN_CHANNELS = ['proxy:answerSignIn', 'proxy:openQuestions'] as const satisfies MainProcessChannel[];

/**
 * Answers the window's proxy sign-in channels, two of MAIN_PROCESS_CHANNELS (arguments checked against the contract):
 * this process owns the questions, so the dialog gets and answers them even while the core is still starting;
 * before `current` exists there are none.
 */
export function proxySignInDispatch(current: () => ProxySignIn | null, logger: Logger): MainProcessChannels {
  const handlers: Pick<Handlers, (typeof PROXY_SIGN_IN_CHANNELS)[number]> = {
    'proxy:answerSignIn': (answer) => {
      current()?.answer(answer);
      return null;
    },
    'proxy:openQuestions': () => current()?.openQuestions() ?? [],
  };
  return { channels: PROXY_SIGN_IN_CHANNELS, dispatch: createDispatch(handlers, logger) };
}
