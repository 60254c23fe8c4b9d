/**
 * The HTML a person sees at the emulator's accounts.google.com: the account chooser (users signed in in
 * this browser + "Use another account"), the sign-in page (this test Google has no passwords: pick one of
 * its users), the consent page, and error pages. Each step's <main> carries `data-google-step` so test
 * helpers (HTTP or Playwright) know where they are.
 */
import { escapeHtml } from './http-util.js';

export const BANNER = 'Glance test Google — not the real Google';

export type GoogleStep = 'chooser' | 'signin' | 'consent' | 'signed-in';

export interface PageUser {
  email: string;
  name: string;
}

export interface PageScope {
  scope: string;
  description: string;
  /** Sign-in scopes (openid/email/profile) are listed without a checkbox, like Google's granular consent. */
  required: boolean;
  ticked: boolean;
}

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#202124}
.banner{background:#fde293;border:1px solid #f9ab00;padding:.5rem 1rem;font-weight:600}
fieldset{border:1px solid #dadce0;border-radius:8px;margin:1rem 0}.account{margin:.3rem 0}.name{color:#5f6368}
.accounts{list-style:none;padding:0}.accounts button{width:100%;text-align:left;padding:.6rem 1rem;margin:.2rem 0}
.buttons{display:flex;gap:1rem;justify-content:flex-end}button{font-size:1rem;padding:.5rem 1.5rem}</style>
</head><body>
<p class="banner" role="note">${BANNER}</p>
${body}
</body></html>`;
}

export function errorPageHtml(status: number, code: string, detail: string): string {
  return page(
    `Error ${status}: ${code}`,
    `<h1>Access blocked: this app’s request is invalid</h1>
<p id="error-code"><strong>Error ${status}: ${escapeHtml(code)}</strong></p>
<p id="error-detail">${escapeHtml(detail)}</p>`,
  );
}

const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;

/** Step 1 when the browser has signed-in users: one button per user, plus "Use another account". */
export function chooserPage(input: {
  requestId: string;
  clientId: string;
  signedIn: PageUser[];
  /** The email `login_hint` names (a user not signed in here yet): helpers pick it by default. */
  hintedEmail: string | undefined;
}): string {
  const accounts = input.signedIn
    .map(
      (user) =>
        `<li><button type="submit" name="account" value="${escapeHtml(user.email)}"><span class="name">${escapeHtml(user.name)}</span> <span class="email">${escapeHtml(user.email)}</span></button></li>`,
    )
    .join('\n');
  const hint = input.hintedEmail ? ` data-login-hint="${escapeHtml(input.hintedEmail)}"` : '';
  return page(
    'Choose an account – Glance test Google',
    `<main data-google-step="chooser">
<h1>Choose an account</h1>
<p>to continue to <code>${escapeHtml(input.clientId)}</code></p>
<form method="post" action="/o/oauth2/v2/account"${hint}>
${hidden('request_id', input.requestId)}
<ul class="accounts">
${accounts}
</ul>
</form>
<p><a href="/o/oauth2/v2/signin?request_id=${encodeURIComponent(input.requestId)}">Use another account</a></p>
</main>`,
  );
}

/**
 * "Use another account" (or step 1 in a browser nobody is signed in to): pick one of the emulator's users.
 * Without a `requestId` it is the stand-alone "add an account to this browser" page (/AddSession).
 */
export function signInPage(input: {
  requestId: string | undefined;
  clientId: string | undefined;
  users: PageUser[];
  preselected: PageUser | undefined;
}): string {
  const accounts = input.users
    .map(
      (user) =>
        `<div class="account"><label><input type="radio" name="account" value="${escapeHtml(user.email)}"${user === input.preselected ? ' checked' : ''}>${escapeHtml(user.email)}</label> <span class="name">${escapeHtml(user.name)}</span></div>`,
    )
    .join('\n');
  const action = input.requestId === undefined ? '/AddSession' : '/o/oauth2/v2/account';
  return page(
    'Sign in – Glance test Google',
    `<main data-google-step="signin">
<h1>Sign in</h1>
${input.clientId ? `<p>to continue to <code>${escapeHtml(input.clientId)}</code></p>` : ''}
<form method="post" action="${action}">
${input.requestId === undefined ? '' : hidden('request_id', input.requestId)}
${hidden('sign_in', '1')}
<fieldset><legend>Use another account</legend>
<p>This test Google has no passwords: choose one of its users.</p>
${accounts}
</fieldset>
<p class="buttons"><button type="submit">Next</button></p>
</form>
</main>`,
  );
}

/** Step 2: what the app asks for, one checkbox per non-sign-in scope (granular consent), Allow / Deny. */
export function consentPage(input: {
  requestId: string;
  clientId: string;
  user: PageUser;
  scopes: PageScope[];
}): string {
  const permissions = input.scopes
    .map(({ scope, description, required, ticked }) =>
      required
        ? `<li data-scope="${escapeHtml(scope)}">${escapeHtml(description)}</li>`
        : `<li data-scope="${escapeHtml(scope)}"><label><input type="checkbox" name="granted_scope" value="${escapeHtml(scope)}"${ticked ? ' checked' : ''}>${escapeHtml(description)}</label></li>`,
    )
    .join('\n');
  return page(
    'Sign in – Glance test Google',
    `<main data-google-step="consent">
<form method="post" action="/o/oauth2/v2/consent">
${hidden('request_id', input.requestId)}
${hidden('granular', '1')}
<p class="signed-in-as">Signed in as <strong data-account="${escapeHtml(input.user.email)}">${escapeHtml(input.user.email)}</strong> <span class="name">${escapeHtml(input.user.name)}</span></p>
<h2>The app <code>${escapeHtml(input.clientId)}</code> wants to access your Google Account</h2>
<fieldset><legend>Select what it can access</legend>
<ul>
${permissions}
</ul>
</fieldset>
<p class="buttons"><button type="submit" name="action" value="deny">Deny</button> <button type="submit" name="action" value="allow">Allow</button></p>
</form>
</main>`,
  );
}

/** After /AddSession or /Logout: who is signed in in this browser now. */
export function signedInPage(users: PageUser[]): string {
  const list = users.length
    ? `<ul class="accounts">${users.map((user) => `<li data-account="${escapeHtml(user.email)}">${escapeHtml(user.name)} ${escapeHtml(user.email)}</li>`).join('')}</ul>`
    : '<p>Nobody is signed in in this browser.</p>';
  return page(
    'Accounts – Glance test Google',
    `<main data-google-step="signed-in">\n<h1>Signed in</h1>\n${list}\n</main>`,
  );
}
