// @vitest-environment jsdom
/**
 * The reader's real pipeline — Gmail raw → messageContent (postal-mime, in the main process) → the renderer's
 * sanitizeMailHtml (DOMPurify) → the frame document — over generated hostile MIME: nested and broken multiparts, unknown and mislabelled
 * charsets, every transfer encoding, message/rfc822 parts, and HTML built from the tricks mail uses to run
 * script or reach the network. In Chromium, e2e inbox.spec.ts checks the rendered frame; this checks every
 * generated case at the boundary, 1,000 or more per run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageContent } from '../../../../electron/core/message/message-content.js';
import { cidImageUrls } from '../../../../renderer/src/reader/parse.js';
import { mailFrameDocument, sanitizeMailHtml } from '../../../../renderer/src/reader/sanitize.js';
import { rawMessage } from '../../renderer/fake-glance.js';

const NUM_RUNS = 1000;

/** Pieces of hostile HTML; concatenated in any order they also form broken and nested markup. */
const htmlPiece = fc.constantFrom(
  '<script>parent.pwned=1</script>',
  '<scr<script>ipt>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(1)">',
  '<a href="javascript:alert(1)">a</a>',
  '<a href="  JaVaScRiPt:alert(1)">a</a>',
  '<a href="java&#x09;script:alert(1)">a</a>',
  '<a href="vbscript:msgbox(1)">a</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a>',
  '<a href="https://evil.example/x">link</a>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<form action="https://evil.example"><input name=p><button>go</button></form>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x">',
  '<img src="https://evil.example/p.gif">',
  '<img src="//evil.example/p.gif" width=1 height=1>',
  '<img srcset="https://evil.example/a.png 1x, //evil.example/b.png 2x">',
  '<img src="cid:logo@x">',
  '<picture><source srcset="https://evil.example/s.webp"><img src="x.png"></picture>',
  '<video poster="https://evil.example/p.png"></video>',
  '<audio src="https://evil.example/a.mp3"></audio>',
  '<table background="https://evil.example/bg.png"><tr><td>t</td></tr></table>',
  '<div style="background:url(https://evil.example/bg.png)">d</div>',
  '<div style="background-image:image-set(\'https://evil.example/i.png\' 1x)">d</div>',
  '<div style="background:u\\72l(https://evil.example/esc.png)">d</div>',
  '<style>@import url(https://evil.example/s.css);</style>',
  '<style>@import"https://evil.example/s.css";</style>',
  '<style>body{background:url("https://evil.example/b.png")}</style>',
  '<style>@font-face{font-family:x;src:url(https://evil.example/f.woff)}</style>',
  '<link rel="stylesheet" href="https://evil.example/s.css">',
  '<svg><image href="https://evil.example/s.png"/></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>',
  '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
  '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
  '<svg><use href="https://evil.example/s.svg#x"/></svg>',
  '<svg><foreignObject><img src="https://evil.example/fo.png"></foreignObject></svg>',
  '<math><mtext><a href="javascript:alert(1)">m</a></mtext></math>',
  '<math href="javascript:alert(1)"><mi>x</mi></math>',
  '<div onclick="alert(1)" onmouseover="alert(2)">x</div>',
  '<body onload="alert(1)">',
  '<details open ontoggle="alert(1)">d</details>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<template><script>alert(1)</script></template>',
  '<p>Hello <b>world</b></p>',
  '<!-- comment --><p>',
  '</div></table>',
  'text & more',
);

const html = fc.array(htmlPiece, { minLength: 1, maxLength: 8 }).map((pieces) => pieces.join('\n'));
const charset = fc.constantFrom('utf-8', 'iso-8859-1', 'windows-1252', 'iso-2022-jp', 'x-unknown-charset', 'utf-7', '');
const encoding = fc.constantFrom('7bit', '8bit', 'base64', 'quoted-printable', 'x-broken');

function encodeBody(body: string, transfer: string): string {
  if (transfer === 'base64') return Buffer.from(body, 'utf8').toString('base64').replace(/.{76}/g, '$&\n');
  if (transfer === 'quoted-printable') return body.replace(/=/g, '=3D').replace(/[^\n]{70}/g, '$&=\n');
  return body;
}

interface Leaf {
  kind: 'html' | 'text' | 'image' | 'rfc822';
  html: string;
  charset: string;
  transfer: string;
}

const leaf: fc.Arbitrary<Leaf> = fc.record({
  kind: fc.constantFrom('html', 'html', 'text', 'image', 'rfc822'),
  html,
  charset,
  transfer: encoding,
});

type Part = Leaf | { kind: 'multipart'; subtype: string; boundaryOk: boolean; parts: Part[] };

const part: fc.Arbitrary<Part> = fc.letrec<{ part: Part }>((tie) => ({
  part: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({
      kind: fc.constant('multipart' as const),
      subtype: fc.constantFrom('mixed', 'alternative', 'related'),
      boundaryOk: fc.boolean(),
      parts: fc.array(tie('part'), { minLength: 0, maxLength: 3 }),
    }),
  ),
})).part;

let boundaries = 0;
function renderPart(node: Part): string {
  if (node.kind === 'multipart') {
    const boundary = `b${(boundaries += 1)}`;
    const children = node.parts.map((child) => `--${boundary}\n${renderPart(child)}`).join('\n');
    // A missing closing boundary, as broken mailers send.
    return `Content-Type: multipart/${node.subtype}; boundary="${boundary}"\n\n${children}\n${node.boundaryOk ? `--${boundary}--` : ''}\n`;
  }
  const charsetParam = node.charset === '' ? '' : `; charset=${node.charset}`;
  if (node.kind === 'image') {
    return `Content-Type: image/png\nContent-ID: <logo@x>\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n`;
  }
  if (node.kind === 'rfc822') {
    const inner = `Subject: inner\nContent-Type: text/html${charsetParam}\n\n${node.html}\n`;
    return `Content-Type: message/rfc822\n\n${inner}`;
  }
  const type = node.kind === 'html' ? 'text/html' : 'text/plain';
  return `Content-Type: ${type}${charsetParam}\nContent-Transfer-Encoding: ${node.transfer}\n\n${encodeBody(node.html, node.transfer)}\n`;
}

const headerNoise = fc.constantFrom(
  '',
  `Subject: ${'A'.repeat(5000)}\n`,
  'Subject: =?UTF-8?B?4oCu?= =?x-unknown?Q?=41?=\n',
  'From: "Evil\u202E" <a@b>\n',
  'To: ' + Array.from({ length: 200 }, (_, i) => `u${i}@example.com`).join(', ') + '\n',
  'Content-Type: multipart/mixed\n',
  'X-Folded: a\n b\n  c\n',
);

const message = fc.tuple(headerNoise, part).map(([noise, body]) => {
  boundaries = 0;
  return `From: Sender <sender@example.com>\nTo: alex@example.com\nSubject: Test\n${noise}MIME-Version: 1.0\n${renderPart(body)}`;
});

/** Attribute values that would reach the network or run something if kept. */
const SCRIPT_URL = /^\s*(?:javascript|vbscript|data:(?!image\/(?:png|gif|jpe?g|webp|bmp|x-icon|avif);))/i;
const REMOTE_REF = /(?:^|[\s,(])(?:https?:)?\/\/[^\s]/i;

function assertSafe(sanitized: string, frameDoc: string): void {
  const doc = new DOMParser().parseFromString(`<body>${sanitized}</body>`, 'text/html');
  const all = [...doc.querySelectorAll('*')];
  expect(doc.querySelector('script, form, input, button, iframe, frame, object, embed, base, meta, link')).toBeNull();
  for (const element of all) {
    for (const name of element.getAttributeNames()) {
      const value = element.getAttribute(name) ?? '';
      expect(name.startsWith('on'), `${element.tagName} ${name}`).toBe(false);
      expect(SCRIPT_URL.test(value) && name !== 'alt' && name !== 'title', `${element.tagName} ${name}=${value}`).toBe(
        false,
      );
      // Links may point anywhere (they open only through the link guard); nothing else may name a remote URL.
      const isLink = (element.tagName === 'A' || element.tagName === 'AREA') && name === 'href';
      if (!isLink && name !== 'alt' && name !== 'title') {
        expect(REMOTE_REF.test(value), `${element.tagName} ${name}=${value}`).toBe(false);
      }
    }
  }
  for (const style of doc.querySelectorAll('style')) {
    const css = (style.textContent ?? '').replace(/url\("data:image\/[a-z0-9.+-]+;base64,[a-z0-9+/=]*"\)/gi, '');
    expect(css).not.toMatch(/url\(|image-set|@import|\\/i);
  }
  // The frame document's own head is ours: one CSP meta, no refresh, no base.
  const frame = new DOMParser().parseFromString(frameDoc, 'text/html');
  expect(frame.querySelectorAll('meta[http-equiv="refresh" i], base')).toHaveLength(0);
  expect(frame.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')).toHaveLength(1);
}

describe('MIME → parse → sanitize (fast-check)', () => {
  it(`never throws past the parser and never keeps script, forms, refresh, base or a remote reference (${NUM_RUNS} cases)`, async () => {
    let runs = 0;
    let withHtml = 0;
    await fc.assert(
      fc.asyncProperty(message, async (mime) => {
        runs += 1;
        const parsed = await messageContent({ id: 'm', threadId: 't', labelIds: [], raw: rawMessage(mime) });
        if (parsed.html === null) return;
        withHtml += 1;
        const sanitized = sanitizeMailHtml(parsed.html, {
          allowRemoteImages: false,
          cidUrls: cidImageUrls(parsed.attachments),
        });
        assertSafe(sanitized.html, mailFrameDocument(sanitized.html, false));
      }),
      { numRuns: NUM_RUNS },
    );
    expect(runs).toBe(NUM_RUNS);
    // The generator must exercise the sanitizer, not only the parser.
    expect(withHtml).toBeGreaterThan(NUM_RUNS / 3);
  }, 120_000);
});
