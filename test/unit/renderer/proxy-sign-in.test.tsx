// @vitest-environment jsdom
/**
 * The proxy sign-in dialog: the main process asks (`proxy:signInRequested`), the person answers or cancels,
 * and the answer goes back with `proxy:answerSignIn`. Over the signed-out screen too: signing in goes
 * through the proxy as well.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { defaultSettings, googleAppInfo, inboxHandlers, installFakeGlance, ok, signedOutState } from './fake-glance.js';
import type { FakeGlance } from './fake-glance.js';
import { renderApp } from './render-app.js';

let glance: FakeGlance;
afterEach(() => {
  expect(glance.violations).toEqual([]);
  cleanup();
  document.body.innerHTML = '';
});

async function appWithProxy() {
  glance = installFakeGlance({
    ...inboxHandlers([]),
    'app:info': () => ok(googleAppInfo),
    'accounts:get': () => ok(signedOutState),
    'settings:get': () => ok(defaultSettings),
    'proxy:answerSignIn': () => ok(null),
  });
  const root = renderApp();
  await waitFor(() => expect(root.dataset.appState).toBe('signed-out'));
  return root;
}

const ask = (overrides: Partial<{ requestId: string; attempt: number; rejected: boolean }> = {}) =>
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
});
