/**
 * Plays a person's web browser on the emulator's Google pages over plain HTTP: the account chooser,
 * "Use another account", the consent page. It keeps the session cookie, so users signed in during one
 * authorization are offered by the chooser in the next, as in a real browser.
 */
import type { ConsentChoice, GoogleBrowser, GoogleStep } from './types.js';

const MAX_PAGES = 4;

function htmlText(html: string): string {
  return html
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

function unescapeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

interface PageResponse {
  status: number;
  location: string | null;
  text: string;
}

class HttpGoogleBrowser implements GoogleBrowser {
  private readonly cookies = new Map<string, string>();
  lastSteps: GoogleStep[] = [];

  constructor(private readonly origin: string) {}

  private async load(url: string, form?: URLSearchParams): Promise<PageResponse> {
    const target = new URL(url, this.origin);
    const headers: Record<string, string> = {};
    // Cookies go only to the emulator's own origin, never to the app's redirect URI.
    if (target.origin === new URL(this.origin).origin && this.cookies.size > 0)
      headers.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(target, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers,
      ...(form ? { body: form.toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const separator = pair.indexOf('=');
      if (separator > 0) this.cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
    }
    return { status: response.status, location: response.headers.get('location'), text: await response.text() };
  }

  async authorize(authUrl: string, choice: ConsentChoice = {}): Promise<string> {
    this.lastSteps = [];
    let response = await this.load(authUrl);
    for (let pageCount = 0; pageCount <= MAX_PAGES; pageCount++) {
      if (response.status === 302 && response.location) return this.finish(response.location, choice);
      if (response.status !== 200)
        throw new Error(`The authorization page refused the request: ${htmlText(response.text)}`);
      const step = /<main data-google-step="([a-z-]+)"/.exec(response.text)?.[1];
      const requestId = unescapeAttribute(/name="request_id" value="([^"]+)"/.exec(response.text)?.[1] ?? '');
      if (step === 'chooser') {
        this.lastSteps.push('chooser');
        response = await this.pickInChooser(response.text, requestId, choice);
      } else if (step === 'signin') {
        this.lastSteps.push('signin');
        const checked = /<input type="radio" name="account" value="([^"]+)" checked>/.exec(response.text)?.[1];
        const account = choice.email ?? (checked ? unescapeAttribute(checked) : undefined);
        if (!account) throw new Error('consent(): no account to sign in with; pass choice.email.');
        response = await this.load(
          `${this.origin}/o/oauth2/v2/account`,
          new URLSearchParams({ request_id: requestId, sign_in: '1', account }),
        );
      } else if (step === 'consent') {
        this.lastSteps.push('consent');
        response = await this.answerConsent(response.text, requestId, choice);
      } else {
        throw new Error(`The authorization flow showed an unexpected page: ${htmlText(response.text).slice(0, 200)}`);
      }
    }
    throw new Error(`The authorization flow did not redirect back to the app after ${MAX_PAGES} pages.`);
  }

  private pickInChooser(html: string, requestId: string, choice: ConsentChoice): Promise<PageResponse> {
    const listed = [...html.matchAll(/<button type="submit" name="account" value="([^"]+)">/g)].map((match) =>
      unescapeAttribute(match[1] ?? ''),
    );
    const hinted = /data-login-hint="([^"]+)"/.exec(html)?.[1];
    const wanted = choice.email ?? (hinted ? unescapeAttribute(hinted) : listed[0]);
    const signedIn = listed.find((email) => email.toLowerCase() === wanted?.toLowerCase());
    if (signedIn)
      return this.load(
        `${this.origin}/o/oauth2/v2/account`,
        new URLSearchParams({ request_id: requestId, account: signedIn }),
      );
    const another = /<a href="([^"]+)">Use another account<\/a>/.exec(html)?.[1];
    if (!another) throw new Error('The account chooser had no “Use another account” link.');
    return this.load(unescapeAttribute(another));
  }

  private answerConsent(html: string, requestId: string, choice: ConsentChoice): Promise<PageResponse> {
    const form = new URLSearchParams({ request_id: requestId, granular: '1', action: choice.action ?? 'allow' });
    const offered = [...html.matchAll(/<input type="checkbox" name="granted_scope" value="([^"]+)"( checked)?>/g)];
    for (const [, value, checked] of offered) {
      const scope = unescapeAttribute(value ?? '');
      const tick = choice.grantScopes ? choice.grantScopes.includes(scope) : checked !== undefined;
      if (tick) form.append('granted_scope', scope);
    }
    return this.load(`${this.origin}/o/oauth2/v2/consent`, form);
  }

  private finish(location: string, choice: ConsentChoice): string {
    const skippedConsent = !this.lastSteps.includes('consent') && new URL(location).searchParams.has('code');
    if (skippedConsent && (choice.action === 'deny' || choice.grantScopes)) {
      throw new Error(
        'The consent page was skipped (this user already granted every requested scope), so there was nothing to ' +
          `${choice.action === 'deny' ? 'deny' : 'untick'}: send prompt=consent or start the emulator with ` +
          "consentForGrantedScopes: 'always'.",
      );
    }
    return location;
  }

  async signIn(email: string): Promise<void> {
    const response = await this.load(`${this.origin}/AddSession`, new URLSearchParams({ account: email }));
    if (response.status !== 200) throw new Error(`Could not sign ${email} in: ${htmlText(response.text)}`);
  }

  async signedIn(): Promise<string[]> {
    const response = await this.load(`${this.origin}/ListAccounts`);
    const body = JSON.parse(response.text) as { accounts: Array<{ email: string }> };
    return body.accounts.map((account) => account.email);
  }

  async signOut(): Promise<void> {
    await this.load(`${this.origin}/Logout`);
  }
}

/** A new browser (empty cookie jar) on the emulator at `origin`. Also `GoogleEmulator.browser()`. */
export function googleBrowserOverHttp(origin: string): GoogleBrowser {
  return new HttpGoogleBrowser(origin);
}

/**
 * Runs `authUrl` in a fresh browser, as a person would: sign in as `choice.email` (or the hinted /
 * preselected user), then Allow/Deny with the default ticks (or `grantScopes`) unless Google skips consent.
 * Returns the redirect Location. `origin` is the emulator's origin. Also `GoogleEmulator.consent`.
 */
export function consentOverHttp(origin: string, authUrl: string, choice: ConsentChoice = {}): Promise<string> {
  return googleBrowserOverHttp(origin).authorize(authUrl, choice);
}
