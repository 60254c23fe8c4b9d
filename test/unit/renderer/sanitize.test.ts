// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { mailFrameCsp, mailFrameDocument, sanitizeMailHtml } from '../../../renderer/src/reader/sanitize.js';

const noCid = new Map<string, string>();
const blocked = { allowRemoteImages: false, cidUrls: noCid };

function parse(html: string): Document {
  return new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
}

describe('sanitizeMailHtml', () => {
  it('removes scripts, event handlers and javascript: links', () => {
    const { html } = sanitizeMailHtml(
      '<p>Hi</p><script>window.pwned = 1</script><img src="x.png" onerror="window.pwned = 2"><a href="javascript:alert(1)">click</a><a href="JaVaScRiPt:alert(2)">again</a><div onclick="x()" onmouseover="y()">d</div><svg onload="z()"></svg>',
      blocked,
    );
    const doc = parse(html);
    expect(doc.querySelector('script')).toBeNull();
    expect(doc.querySelector('svg')).toBeNull();
    expect(html).not.toMatch(/onerror|onclick|onmouseover|onload/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(doc.querySelectorAll('a')).toHaveLength(2);
    for (const anchor of doc.querySelectorAll('a')) expect(anchor.hasAttribute('href')).toBe(false);
    expect(doc.querySelector('p')?.textContent).toBe('Hi');
  });

  it('holds back remote images, backgrounds, srcset and CSS url() until allowed', () => {
    const dirty =
      '<img src="https://tracker.example/pixel.gif?u=1" alt="pixel"><img srcset="http://cdn.example/a.png 1x, //cdn.example/b.png 2x">' +
      '<table background="https://cdn.example/bg.png"><tr><td style="background-image:url(\'https://cdn.example/td.png\'); color: red">x</td></tr></table>' +
      '<style>.hero{background:url(https://cdn.example/hero.png)} @import url("https://cdn.example/x.css");</style>' +
      '<link rel="stylesheet" href="https://cdn.example/remote.css">';
    const hidden = sanitizeMailHtml(dirty, blocked);
    expect(hidden.html).not.toMatch(/cdn\.example|tracker\.example/);
    expect(hidden.remoteImages).toBe(6); // img, two srcset candidates, table background, td style, <style> url()
    expect(hidden.removedStylesheets).toBe(2);
    const doc = parse(hidden.html);
    expect(doc.querySelector('img')?.hasAttribute('src')).toBe(false);
    expect(doc.querySelector('img')?.hasAttribute('data-glance-blocked')).toBe(true);
    expect(doc.querySelector('link')).toBeNull();
    expect(doc.querySelector('td')?.getAttribute('style')).toContain('color: red');

    const shown = sanitizeMailHtml(dirty, { allowRemoteImages: true, cidUrls: noCid });
    const shownDoc = parse(shown.html);
    expect(shownDoc.querySelector('img')?.getAttribute('src')).toBe('https://tracker.example/pixel.gif?u=1');
    expect(shownDoc.querySelectorAll('img')[1]?.getAttribute('srcset')).toBe('http://cdn.example/a.png 1x, https://cdn.example/b.png 2x');
    expect(shownDoc.querySelector('table')?.getAttribute('background')).toBe('https://cdn.example/bg.png');
    // Remote stylesheets stay out even when images are shown.
    expect(shown.html).not.toContain('x.css');
    expect(shownDoc.querySelector('link')).toBeNull();
  });

  it('replaces cid: images with the data: URLs of their parts and drops unknown ones', () => {
    const cidUrls = new Map([['logo@example', 'data:image/png;base64,AAAA']]);
    const { html, remoteImages } = sanitizeMailHtml('<img src="cid:logo@example" alt="logo"><img src="cid:missing@example" alt="gone">', { allowRemoteImages: false, cidUrls });
    const images = parse(html).querySelectorAll('img');
    expect(images[0]?.getAttribute('src')).toBe('data:image/png;base64,AAAA');
    expect(images[1]?.hasAttribute('src')).toBe(false);
    expect(remoteImages).toBe(0);
  });

  it('opens every kept link in a new window without referrer or opener', () => {
    const { html } = sanitizeMailHtml('<a href="https://example.com/a">a</a><a href="mailto:x@example.com">m</a><a href="file:///etc/passwd">f</a><a href="https://example.com" target="_self">s</a>', blocked);
    const anchors = [...parse(html).querySelectorAll('a')];
    expect(anchors.map((anchor) => anchor.getAttribute('href'))).toEqual(['https://example.com/a', 'mailto:x@example.com', null, 'https://example.com']);
    for (const anchor of anchors) {
      expect(anchor.getAttribute('target')).toBe('_blank');
      expect(anchor.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('removes forms, frames, objects and meta refresh', () => {
    const { html } = sanitizeMailHtml(
      '<form action="https://evil.example"><input name="password"><button>Go</button></form><iframe src="https://evil.example"></iframe><object data="x"></object><meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">',
      blocked,
    );
    expect(html).not.toMatch(/<form|<input|<iframe|<object|<meta|<base|evil\.example/i);
  });
});

describe('the mail frame document', () => {
  it('carries a policy that blocks remote loads unless remote images were allowed', () => {
    expect(mailFrameCsp(false)).toContain("img-src data:;");
    expect(mailFrameCsp(false)).not.toMatch(/https?:/);
    expect(mailFrameCsp(false)).toContain("default-src 'none'");
    expect(mailFrameCsp(false)).not.toContain('script-src');
    expect(mailFrameCsp(true)).toContain('img-src data: https: http:');
    const doc = new DOMParser().parseFromString(mailFrameDocument('<p>Body</p>', false), 'text/html');
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe(mailFrameCsp(false));
    expect(doc.body.innerHTML).toBe('<p>Body</p>');
  });
});
