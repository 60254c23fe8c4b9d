// @vitest-environment jsdom
/**
 * The proxy sign-in dialog: the main process asks (`proxy:signInRequested`), the person answers or cancels,
 * and the answer goes back with `proxy:answerSignIn`. Over the signed-out screen too: signing in goes
 * through the proxy as well.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { defaultSettings, googleAppInfo, inboxHandlers, installFakeGlance, ok, signedOutState } from './fake-glance.js';
import type { FakeGlance, Handlers } from './fake-glance.js';
import type { IpcResult, ProxySignInRequest } from '../../../electron/shared/ipc-contract.js';
import { renderApp } from './render-app.js';

let glance: FakeGlance;
afterEach(() => {
  expect(glance.violations).toEqual([]);
  cleanup();
  document.body.innerHTML = '';
});

async function appWithProxy(handlers: Handlers = {}) {
  glance = installFakeGlance({
    ...inboxHandlers([]),
    'app:info': () => ok(googleAppInfo),
    'accounts:get': () => ok(signedOutState),
    'settings:get': () => ok(defaultSettings),
    'proxy:answerSignIn': () => ok(null),
    ...handlers,
  });
  const root = renderApp();
  await waitFor(() => expect(root.dataset.appState).toBe('signed-out'));
  return root;
}

const QUESTION: ProxySignInRequest = { requestId: 'q1', proxy: 'proxy.corp:3128', attempt: 1, rejected: false };

/** `proxy:openQuestions` answering only when the test says so (the list left the main process earlier). */
function openQuestionsLater() {
  let answer: (questions: ProxySignInRequest[]) => void = () => {};
  const handler = () =>
    new Promise<IpcResult<ProxySignInRequest[]>>((resolve) => (answer = (questions) => resolve(ok(questions))));
  return { handler, answer: (questions: ProxySignInRequest[]) => act(async () => answer(questions)) };
}

const dialogs = () => screen.queryAllByRole('dialog', { name: 'Sign in to the proxy' });

/** The main process closed a question without an answer (timed out, its page went away). */
const withdraw = (requestId: string) => act(() => glance.emit('proxy:signInWithdrawn', { requestId }));

const ask = (overrides: Partial<ProxySignInRequest> = {}) =>
  act(() =>
    glance.emit('proxy:signInRequested', {
      requestId: 'q1',
      proxy: 'proxy.corp:3128',
      attempt: 1,
      rejected: false,
      ...overrides,
    }),
  );

describe('proxy sign-in dialog', () => {
  it('names the proxy, sends the user name and password, and closes', async () => {
    await appWithProxy();
    expect(screen.queryByRole('dialog', { name: 'Sign in to the proxy' })).toBeNull();
    ask();
    const dialog = screen.getByRole('dialog', { name: 'Sign in to the proxy' });
    expect(dialog.textContent).toContain('proxy.corp:3128');
    expect(screen.queryByRole('alert')).toBeNull();
    const submit = screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('User name'), { target: { value: 'sam' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(submit);
    await waitFor(() =>
      expect(glance.callsOf('proxy:answerSignIn')).toEqual([
        [{ requestId: 'q1', credentials: { username: 'sam', password: 'secret' } }],
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Sign in to the proxy' })).toBeNull());
  });

  it('after a wrong password it asks again saying the proxy did not accept it, with empty fields', async () => {
    await appWithProxy();
    ask();
    fireEvent.change(screen.getByLabelText('User name'), { target: { value: 'sam' } });
    ask({ requestId: 'q2', attempt: 2, rejected: true });
    expect(screen.getByRole('alert').textContent).toBe('The proxy did not accept that user name and password');
    expect((screen.getByLabelText('User name') as HTMLInputElement).value).toBe('');
    ask({ requestId: 'q3', attempt: 3, rejected: true });
    expect(screen.getByText(/This is the last try/)).toBeTruthy();
  });

  it('Cancel answers with no credentials', async () => {
    await appWithProxy();
    ask();
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'typed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(glance.callsOf('proxy:answerSignIn')).toEqual([[{ requestId: 'q1', credentials: null }]]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Sign in to the proxy' })).toBeNull());
  });

  it('a user name with ":" cannot be sent (Basic authentication cannot carry it)', async () => {
    await appWithProxy();
    ask();
    fireEvent.change(screen.getByLabelText('User name'), { target: { value: 'corp:sam' } });
    expect((screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a question asked while the page was loading (its event reached no listener)', async () => {
    await appWithProxy({ 'proxy:openQuestions': () => ok([QUESTION]) });
    await waitFor(() => expect(dialogs()).toHaveLength(1));
    expect(dialogs()[0]!.textContent).toContain('proxy.corp:3128');
    expect(glance.callsOf('proxy:openQuestions')).not.toHaveLength(0);
    fireEvent.change(screen.getByLabelText('User name'), { target: { value: 'sam' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(glance.callsOf('proxy:answerSignIn')).toEqual([
        [{ requestId: 'q1', credentials: { username: 'sam', password: 'secret' } }],
      ]),
    );
    await waitFor(() => expect(dialogs()).toEqual([]));
  });

  it('a question that comes both as an event and in the open list is shown once, keeping what was typed', async () => {
    const later = openQuestionsLater();
    await appWithProxy({ 'proxy:openQuestions': later.handler });
    ask();
    fireEvent.change(screen.getByLabelText('User name'), { target: { value: 'sam' } });
    await later.answer([QUESTION]);
    expect(dialogs()).toHaveLength(1);
    expect((screen.getByLabelText('User name') as HTMLInputElement).value).toBe('sam');
    // Answered once, it is gone: no second copy of it comes up behind it.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(dialogs()).toEqual([]));
    expect(glance.callsOf('proxy:answerSignIn')).toEqual([[{ requestId: 'q1', credentials: null }]]);
  });

  it('an open list read before the answer reached the main process does not reopen the answered question', async () => {
    const later = openQuestionsLater();
    await appWithProxy({ 'proxy:openQuestions': later.handler });
    ask();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(dialogs()).toEqual([]));
    await later.answer([QUESTION]);
    expect(dialogs()).toEqual([]);
    expect(glance.callsOf('proxy:answerSignIn')).toEqual([[{ requestId: 'q1', credentials: null }]]);
  });

  it('questions from two proxies are shown one after the other', async () => {
    await appWithProxy({ 'proxy:openQuestions': () => ok([QUESTION]) });
    await waitFor(() => expect(dialogs()).toHaveLength(1));
    ask({ requestId: 'q2', proxy: 'backup.corp:8080' });
    expect(dialogs()[0]!.textContent).toContain('proxy.corp:3128');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(dialogs()[0]?.textContent).toContain('backup.corp:8080'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(dialogs()).toEqual([]));
    expect(glance.callsOf('proxy:answerSignIn')).toEqual([
      [{ requestId: 'q1', credentials: null }],
      [{ requestId: 'q2', credentials: null }],
    ]);
  });

  it('a question the main process withdrew disappears; the next one shows, and then the dialog closes', async () => {
    await appWithProxy({ 'proxy:openQuestions': () => ok([QUESTION]) });
    await waitFor(() => expect(dialogs()).toHaveLength(1));
    ask({ requestId: 'q2', proxy: 'backup.corp:8080' });
    withdraw('q1');
    expect(dialogs()).toHaveLength(1);
    expect(dialogs()[0]!.textContent).toContain('backup.corp:8080');
    expect(dialogs()[0]!.textContent).not.toContain('proxy.corp:3128');
    withdraw('q2');
    expect(dialogs()).toEqual([]);
    // Nothing was answered: the questions were closed by the main process.
    expect(glance.callsOf('proxy:answerSignIn')).toEqual([]);
  });

  it('a withdrawn question waiting behind the shown one goes; what was typed in the shown one stays', async () => {
    await appWithProxy();
    ask();
    ask({ requestId: 'q2', proxy: 'backup.corp:8080' });
    fireEvent.change(screen.getByLabelText('User name'), { target: { value: 'sam' } });
    withdraw('q2');
    expect(dialogs()).toHaveLength(1);
    expect(dialogs()[0]!.textContent).toContain('proxy.corp:3128');
    expect((screen.getByLabelText('User name') as HTMLInputElement).value).toBe('sam');
    // Cancelled, the shown one closes, and the withdrawn one does not come up behind it.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(dialogs()).toEqual([]));
    expect(glance.callsOf('proxy:answerSignIn')).toEqual([[{ requestId: 'q1', credentials: null }]]);
  });

  it('an open list read before a question was withdrawn does not bring it back', async () => {
    const later = openQuestionsLater();
    await appWithProxy({ 'proxy:openQuestions': later.handler });
    ask();
    withdraw('q1');
    expect(dialogs()).toEqual([]);
    await later.answer([QUESTION]);
    expect(dialogs()).toEqual([]);
  });
});
