// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { AccountView, IpcResult } from '../../../electron/shared/ipc-contract.js';
import {
  defaultSettings,
  fail,
  googleAppInfo,
  inboxHandlers,
  installFakeGlance,
  ok,
  signedInState,
  signedOutState,
  testAccount,
} from './fake-glance.js';
import type { FakeGlance, Handlers } from './fake-glance.js';
import { renderApp } from './render-app.js';

let glance: FakeGlance;
afterEach(() => {
  expect(glance.violations).toEqual([]);
  cleanup();
  document.body.innerHTML = '';
});

function signedOut(overrides: Handlers = {}) {
  glance = installFakeGlance({
    ...inboxHandlers([]),
    'app:info': () => ok(googleAppInfo),
    'accounts:get': () => ok(signedOutState),
    'settings:get': () => ok(defaultSettings),
    'auth:cancelSignIn': () => ok(null),
    ...overrides,
  });
  const root = renderApp();
  return root;
}

describe('sign-in screen', () => {
  it('signs in through the browser, shows the manual URL when needed, and lands in the inbox', async () => {
    let finish: (result: IpcResult<AccountView>) => void = () => undefined;
    let signedIn = false;
    const root = signedOut({
      'auth:signIn': () => new Promise((resolve) => (finish = resolve)),
      'accounts:get': () => ok(signedIn ? signedInState : signedOutState),
    });
    await waitFor(() => expect(root.dataset.appState).toBe('signed-out'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Google' }));
    await waitFor(() => expect(root.dataset.appState).toBe('signing-in'));
    expect(glance.callsOf('auth:signIn')).toEqual([[{}]]);
    expect(screen.getByText('Waiting for your browser…')).toBeTruthy();
    act(() =>
      glance.emit('signIn:progress', {
        phase: 'waiting-for-browser',
        canCopyLink: true,
        manualUrl: 'http://127.0.0.1:1/o/oauth2/v2/auth?client_id=x',
      }),
    );
    expect((screen.getByLabelText(/Copy this address/) as HTMLInputElement).value).toBe(
      'http://127.0.0.1:1/o/oauth2/v2/auth?client_id=x',
    );
    // One copy control: the address's own. Opening the browser again may still work the second time.
    expect(screen.queryByRole('button', { name: 'Copy the sign-in link' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Open the browser again' })).toBeTruthy();
    // Copy works without the clipboard permission the app denies: it copies the selected address.
    const execCommand = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();
    signedIn = true;
    // The core announces the new account list before it answers the sign-in; nothing asks for it again.
    await act(async () => {
      glance.emit('accounts:changed', signedInState);
      finish(ok(testAccount));
    });
    await waitFor(() => expect(root.dataset.appState).toBe('ready'));
    await waitFor(() => expect(glance.callsOf('messages:list')).toHaveLength(1));
    expect(glance.callsOf('accounts:get')).toHaveLength(1);
    expect(glance.callsOf('accounts:setActive')).toHaveLength(0);
  });

  it('Cancel asks the main process to stop waiting', async () => {
    let finish: (result: IpcResult<AccountView>) => void = () => undefined;
    const root = signedOut({
      'auth:signIn': () => new Promise((resolve) => (finish = resolve)),
      'auth:cancelSignIn': () => {
        finish(fail('SIGN_IN_CANCELLED', 'Cancelled.'));
        return ok(null);
      },
    });
    await waitFor(() => expect(root.dataset.appState).toBe('signed-out'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Google' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(root.dataset.appState).toBe('signed-out'));
    expect(glance.callsOf('auth:cancelSignIn')).toHaveLength(1);
    expect(screen.getByText('Sign-in cancelled')).toBeTruthy();
  });

  it('while Google’s page is open, opens it again and copies its link through the main process, and says so', async () => {
    const root = signedOut({
      'auth:signIn': () => new Promise(() => undefined),
      'auth:openBrowserAgain': () => ok(null),
      'auth:copySignInLink': () => ok(null),
    });
    await waitFor(() => expect(root.dataset.appState).toBe('signed-out'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Google' }));
    await waitFor(() => expect(root.dataset.appState).toBe('signing-in'));
    // Not before the browser was sent to Google: there is no page to open again yet.
    expect(screen.queryByRole('button', { name: 'Open the browser again' })).toBeNull();
    act(() => glance.emit('signIn:progress', { phase: 'waiting-for-browser', canCopyLink: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Open the browser again' }));
    await waitFor(() => expect(glance.callsOf('auth:openBrowserAgain')).toEqual([[]]));
    fireEvent.click(screen.getByRole('button', { name: 'Copy the sign-in link' }));
    await waitFor(() => expect(glance.callsOf('auth:copySignInLink')).toEqual([[]]));
    // Said inside the waiting screen, which is a polite live region.
    const said = await screen.findByText('Link copied — paste it into the browser where you use Google.');
    expect(said.closest('[role="status"]')?.getAttribute('aria-live')).toBe('polite');
    act(() => glance.emit('signIn:progress', { phase: 'exchanging' }));
    expect(screen.queryByRole('button', { name: 'Open the browser again' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy the sign-in link' })).toBeNull();
  });

  it('offers no copy where the main process has no clipboard (no desktop), only the browser again', async () => {
    const root = signedOut({ 'auth:signIn': () => new Promise(() => undefined) });
    await waitFor(() => expect(root.dataset.appState).toBe('signed-out'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Google' }));
    act(() => glance.emit('signIn:progress', { phase: 'waiting-for-browser', canCopyLink: false }));
    expect(await screen.findByRole('button', { name: 'Open the browser again' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Copy the sign-in link' })).toBeNull();
  });

  it('says so when the sign-in stopped waiting just before the click', async () => {
    const root = signedOut({
      'auth:signIn': () => new Promise(() => undefined),
      'auth:copySignInLink': () => fail('SIGN_IN_CANCELLED', 'No sign-in is waiting for the browser any more.'),
    });
    await waitFor(() => expect(root.dataset.appState).toBe('signed-out'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Google' }));
    act(() => glance.emit('signIn:progress', { phase: 'waiting-for-browser', canCopyLink: true }));
    fireEvent.click(await screen.findByRole('button', { name: 'Copy the sign-in link' }));
    expect(await screen.findByText('This sign-in is no longer waiting for the browser.')).toBeTruthy();
    expect(screen.queryByText(/Link copied/)).toBeNull();
  });

  it.each([
    ['CONSENT_DENIED', 'You declined access on Google’s page', /You chose Deny.*choose Allow/],
    ['SCOPE_MISSING', 'Gmail access wasn’t ticked', /tick the Gmail box/],
    ['SIGN_IN_TIMEOUT', 'The browser did not come back', /Try again/],
    ['KEYCHAIN_UNAVAILABLE', 'The system keychain is not available', /Unlock your keychain/],
    ['CLIENT_CONFIG_INVALID', 'The Google client file is not valid', /client_secret JSON/],
  ] as const)('explains %s with its next step', async (code, title, detail) => {
    const root = signedOut({ 'auth:signIn': () => fail(code, 'The file has no installed.client_id.') });
    await waitFor(() => expect(root.dataset.appState).toBe('signed-out'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Google' }));
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-error-code')).toBe(code);
    expect(alert.textContent).toContain(title);
    expect(alert.textContent).toMatch(detail);
    // The way forward stays on screen.
    expect(screen.getByRole('button', { name: 'Sign in with Google' })).toBeTruthy();
  });

  it('offers Retry for a locked keychain and a file picker for a broken client', async () => {
    const root = signedOut({
      'auth:signIn': () => fail('KEYCHAIN_UNAVAILABLE', 'Locked.'),
      'accounts:retryKeychain': () => ok(signedOutState),
      'config:chooseClientFile': () => ok({ ...googleAppInfo, clientSource: 'data-folder' }),
    });
    await waitFor(() => expect(root.dataset.appState).toBe('signed-out'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Google' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(glance.callsOf('accounts:retryKeychain')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Use my Google client…' }));
    await waitFor(() => expect(screen.getByText('Your Google client is ready. Sign in to continue.')).toBeTruthy());
    expect(screen.getByText('Google client: your client_secret.json')).toBeTruthy();
  });

  it('signs out from the account menu', async () => {
    let state = signedInState;
    glance = installFakeGlance({
      ...inboxHandlers([]),
      'accounts:get': () => ok(state),
      'auth:signOut': () => {
        state = signedOutState;
        glance.emit('accounts:changed', state);
        return ok({ revoked: true });
      },
    });
    const root = renderApp();
    await waitFor(() => expect(root.dataset.appState).toBe('ready'));
    fireEvent.click(screen.getByRole('button', { name: `Account: ${testAccount.email}` }));
    expect(screen.getByRole('menu').textContent).toContain('Alex Rivera');
    fireEvent.click(screen.getByRole('menuitem', { name: 'Sign out' }));
    await waitFor(() => expect(root.dataset.appState).toBe('signed-out'));
    expect(glance.callsOf('auth:signOut')).toEqual([[testAccount.id]]);
    expect(glance.callsOf('accounts:get')).toHaveLength(1);
  });
});

describe('a configured client file that can’t be used', () => {
  it('says what to fix, that this is the demo, and offers another file', async () => {
    const root = signedOut({
      'app:info': () =>
        ok({
          ...googleAppInfo,
          mode: 'demo',
          clientSource: 'demo',
          clientConfigProblem: {
            code: 'CLIENT_CONFIG_INVALID',
            message: 'client.json is missing installed.client_id — download the JSON again.',
            reason: 'missing-field',
            field: 'installed.client_id',
            file: 'client.json',
          },
        }),
      'config:chooseClientFile': () => ok(googleAppInfo),
    });
    await waitFor(() => expect(root.dataset.appState).toBe('signed-out'));
    const alert = screen.getByTestId('client-config-error');
    expect(alert.textContent).toContain('client.json is missing installed.client_id.');
    expect(alert.textContent).toContain('demo mailbox');
    fireEvent.click(screen.getByRole('button', { name: 'Choose another file…' }));
    await waitFor(() => expect(glance.callsOf('config:chooseClientFile')).toEqual([[]]));
  });
});
