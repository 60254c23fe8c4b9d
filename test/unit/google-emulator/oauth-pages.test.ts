import { describe, expect, it } from 'vitest';
import { BANNER, chooserPage, consentPage, signInPage } from '../../../electron/google-emulator/oauth-pages.js';

const alex = { email: 'alex@example.com', name: 'Alex Rivera' };
const odd = { email: 'o"dd@example.com', name: '<b>Odd</b>' };

describe('the emulator’s Google pages', () => {
  it('chooser: one submit button per signed-in user, the hint, "Use another account" for this request', () => {
    const html = chooserPage({
      requestId: 'r/1',
      clientId: 'c',
      signedIn: [alex, odd],
      hintedEmail: 'sam@example.com',
    });
    expect(html).toContain('<main data-google-step="chooser">');
    expect(html).toContain(BANNER);
    expect(html).toContain('<button type="submit" name="account" value="alex@example.com">');
    expect(html).toContain('value="o&quot;dd@example.com"');
    expect(html).toContain('&lt;b&gt;Odd&lt;/b&gt;');
    expect(html).not.toContain('<b>Odd</b>');
    expect(html).toContain('data-login-hint="sam@example.com"');
    expect(html).toContain('<a href="/o/oauth2/v2/signin?request_id=r%2F1">Use another account</a>');
  });

  it('sign-in: a radio per user with the preselected one checked, posting to the request or to /AddSession', () => {
    const forRequest = signInPage({ requestId: 'r1', clientId: 'c', users: [alex, odd], preselected: odd });
    expect(forRequest).toContain('<main data-google-step="signin">');
    expect(forRequest).toContain('action="/o/oauth2/v2/account"');
    expect(forRequest).toContain('<input type="hidden" name="request_id" value="r1">');
    expect(forRequest).toContain('<input type="radio" name="account" value="alex@example.com">');
    expect(forRequest).toContain('<input type="radio" name="account" value="o&quot;dd@example.com" checked>');
    const standalone = signInPage({ requestId: undefined, clientId: undefined, users: [alex], preselected: undefined });
    expect(standalone).toContain('action="/AddSession"');
    expect(standalone).not.toContain('request_id');
    expect(standalone).not.toContain(' checked');
  });

  it('consent: the account, sign-in scopes listed, other scopes as checkboxes with their defaults, Allow and Deny', () => {
    const html = consentPage({
      requestId: 'r1',
      clientId: 'c',
      user: alex,
      scopes: [
        { scope: 'openid', description: 'Associate you', required: true, ticked: true },
        { scope: 'https://mail.google.com/', description: 'All mail', required: false, ticked: false },
      ],
    });
    expect(html).toContain('<main data-google-step="consent">');
    expect(html).toContain('Signed in as <strong data-account="alex@example.com">');
    expect(html).toContain('<li data-scope="openid">Associate you</li>');
    expect(html).toContain('<input type="checkbox" name="granted_scope" value="https://mail.google.com/">');
    expect(html).toContain('<button type="submit" name="action" value="allow">Allow</button>');
    expect(html).toContain('<button type="submit" name="action" value="deny">Deny</button>');
  });
});
