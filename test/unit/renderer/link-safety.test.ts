import { describe, expect, it } from 'vitest';
import {
  decideLink,
  describeConcern,
  describeLink,
  otherDomainNamedIn,
  scriptsOf,
  type LinkDecision,
} from '../../../renderer/src/reader/link-safety.js';

const kinds = (decision: LinkDecision) => (decision.action === 'confirm' ? decision.concerns.map((c) => c.kind) : []);

describe('describeLink: the status line shows the real destination', () => {
  it('shows scheme and host, with a non-default port', () => {
    expect(describeLink('https://shop.example/deal?id=1')?.label).toBe('https://shop.example');
    expect(describeLink('http://shop.example:8080/x')?.label).toBe('http://shop.example:8080');
  });

  it('shows an IDN host in Unicode and punycode', () => {
    const destination = describeLink('https://bücher.example/')!;
    expect(destination.host).toBe('xn--bcher-kva.example');
    expect(destination.unicodeHost).toBe('bücher.example');
    expect(destination.label).toBe('https://bücher.example (xn--bcher-kva.example)');
    // Written in punycode by the sender: the same two forms.
    expect(describeLink('https://xn--bcher-kva.example/')?.label).toBe(destination.label);
  });

  it('shows a mailto link by its address', () => {
    expect(describeLink('mailto:help@shop.example?subject=Hi')?.label).toBe('mailto:help@shop.example');
  });

  it('returns null for something that is not a URL', () => {
    expect(describeLink('not a url')).toBeNull();
  });
});

describe('decideLink', () => {
  it('opens a link whose text names the same registrable domain, or names no site', () => {
    expect(decideLink('https://www.paypal.com/signin', 'paypal.com', []).action).toBe('open');
    expect(decideLink('https://accounts.example.co.uk/', 'https://www.example.co.uk/login', []).action).toBe('open');
    expect(decideLink('https://shop.example/deal', 'See the deal', []).action).toBe('open');
    expect(decideLink('mailto:help@shop.example', 'help@shop.example', []).action).toBe('open');
  });

  it('asks, naming both sites, when the visible text names another registrable domain', () => {
    const decision = decideLink('https://paypal.com.evil.example/login', 'https://www.paypal.com/login', []);
    expect(decision.action).toBe('confirm');
    if (decision.action !== 'confirm') return;
    expect(decision.concerns).toEqual([{ kind: 'text-names-other-domain', shownDomain: 'paypal.com' }]);
    expect(decision.destination.unicodeHost).toBe('paypal.com.evil.example');
    expect(describeConcern(decision.concerns[0]!, decision.destination)).toBe(
      'The link says paypal.com but goes to paypal.com.evil.example.',
    );
    // Same-suffix siblings are different sites: the public-suffix list knows co.uk is a suffix.
    expect(kinds(decideLink('https://evil.co.uk/', 'bank.co.uk', []))).toEqual(['text-names-other-domain']);
    // A mail address in the text against another mailbox's domain.
    expect(kinds(decideLink('mailto:support@evil.example', 'support@paypal.com', []))).toEqual([
      'text-names-other-domain',
    ]);
  });

  it('sees through invisible characters and full-width letters in the text', () => {
    expect(otherDomainNamedIn('pay\u200bpal.com', 'evil.example')).toBe('paypal.com');
    expect(otherDomainNamedIn('ｐａｙｐａｌ．ｃｏｍ', 'evil.example')).toBe('paypal.com');
  });

  it('does not mistake file names or version numbers for sites', () => {
    expect(otherDomainNamedIn('Download report.pdf (v1.2.3)', 'shop.example')).toBeNull();
    expect(otherDomainNamedIn('Node.js release notes', 'shop.example')).toBeNull();
  });

  it('asks for homoglyph hosts: punycode and mixed scripts, showing both forms', () => {
    // "pаypal.com" with a Cyrillic а.
    const decision = decideLink('https://p\u0430ypal.com/', 'Your account', []);
    expect(kinds(decision)).toEqual(['punycode-host', 'mixed-scripts']);
    if (decision.action !== 'confirm') return;
    expect(decision.destination.host).toBe('xn--pypal-4ve.com');
    expect(decision.destination.label).toBe('https://p\u0430ypal.com (xn--pypal-4ve.com)');
    expect(decision.concerns[1]).toEqual({ kind: 'mixed-scripts', scripts: ['Latin', 'Cyrillic'] });
    // And when the text names the real paypal.com, that is said too.
    expect(kinds(decideLink('https://p\u0430ypal.com/', 'paypal.com', []))).toEqual([
      'punycode-host',
      'mixed-scripts',
      'text-names-other-domain',
    ]);
  });

  it('asks for an IDN in one script, without calling it mixed', () => {
    expect(kinds(decideLink('https://bücher.example/', 'Bücher', []))).toEqual(['punycode-host']);
    expect(scriptsOf('例え.テスト')).toEqual(['Han', 'Hiragana', 'Katakana']);
    expect(kinds(decideLink('https://例え.テスト/', 'x', []))).toEqual(['punycode-host']);
  });

  it('asks for IP hosts, however they are written', () => {
    expect(kinds(decideLink('http://192.0.2.7/login', 'Log in', []))).toEqual(['ip-host']);
    // The URL parser reads 0xC0.0.2.7 as 192.0.2.7, as the browser would.
    const hex = decideLink('http://0xC0.0.2.7/', 'Log in', []);
    expect(kinds(hex)).toEqual(['ip-host']);
    expect(hex.action === 'confirm' && hex.destination.host).toBe('192.0.2.7');
    expect(kinds(decideLink('http://[2001:db8::1]/', 'Log in', []))).toEqual(['ip-host']);
  });

  it('blocks javascript:, vbscript:, data: and file: links outright, even when trusted', () => {
    for (const href of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
    ]) {
      const decision = decideLink(href, 'Click', ['example.com']);
      expect(decision.action, href).toBe('block');
    }
    expect(decideLink('file:///etc/passwd', 'x', [])).toMatchObject({ label: 'file: link (blocked)' });
  });

  it('blocks a user name hidden before the host', () => {
    expect(decideLink('https://paypal.com@evil.example/', 'paypal.com', []).action).toBe('block');
  });

  it('asks for schemes other than http, https and mailto, and trust never silences that', () => {
    expect(kinds(decideLink('ftp://files.example/x', 'files', []))).toEqual(['unusual-scheme']);
    expect(kinds(decideLink('ftp://files.example/x', 'files', ['files.example']))).toEqual(['unusual-scheme']);
    expect(kinds(decideLink('tel:+15551234', 'Call us', []))).toEqual(['unusual-scheme']);
  });

  it('opens without asking once the person trusted the destination domain', () => {
    const trusted = ['evil.example'];
    expect(decideLink('https://paypal.com.evil.example/', 'paypal.com', trusted).action).toBe('open');
    const idn = decideLink('https://p\u0430ypal.com/', 'paypal.com', ['xn--pypal-4ve.com']);
    expect(idn.action).toBe('open');
    expect(decideLink('http://192.0.2.7/', 'x', ['192.0.2.7']).action).toBe('open');
    // Trusting one domain trusts no other.
    expect(decideLink('https://paypal.com.evil2.example/', 'paypal.com', trusted).action).toBe('confirm');
  });

  it('remembers registrable domains, so a subdomain shares its site’s trust', () => {
    expect(describeLink('https://mail.example.co.uk/')?.trustKey).toBe('example.co.uk');
    expect(describeLink('https://a.b.shop.example/')?.trustKey).toBe('shop.example');
    expect(describeLink('http://[2001:db8::1]/')?.trustKey).toBe('2001:db8::1');
  });
});
