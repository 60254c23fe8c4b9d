/**
 * Generated hostile MIME for the reader pipeline's property tests: the same messages are checked in jsdom
 * (test/unit/core/message/mail-pipeline-property.test.ts) and rendered in Chromium
 * (test/e2e/mail-render-property.spec.ts). Nested and broken multiparts, unknown and mislabelled charsets,
 * every transfer encoding, message/rfc822 parts, huge headers, and HTML built from the tricks mail uses to
 * run script or reach the network.
 */
import fc from 'fast-check';

/** Pieces of hostile HTML; concatenated in any order they also form broken and nested markup. */
function htmlPiece(R: string): fc.Arbitrary<string> {
  const P = R.replace(/^https?:/, '');
  return fc.constantFrom(
    '<script>parent.pwned=1</script>',
    '<scr<script>ipt>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<IMG SRC="javascript:alert(1)">',
    '<a href="javascript:alert(1)">a</a>',
    '<a href="  JaVaScRiPt:alert(1)">a</a>',
    '<a href="java&#x09;script:alert(1)">a</a>',
    '<a href="vbscript:msgbox(1)">a</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a>',
    `<a href="${R}/x">link</a>`,
    `<meta http-equiv="refresh" content="0;url=${R}">`,
    `<base href="${R}/">`,
    `<form action="${R}"><input name=p><button>go</button></form>`,
    `<iframe src="${R}"></iframe>`,
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    `<object data="${R}/x.swf"></object>`,
    `<embed src="${R}/x">`,
    `<img src="${R}/p.gif">`,
    `<img src="${P}/p.gif" width=1 height=1>`,
    `<img srcset="${R}/a.png 1x, ${P}/b.png 2x">`,
    '<img src="cid:logo@x">',
    `<picture><source srcset="${R}/s.webp"><img src="x.png"></picture>`,
    `<video poster="${R}/p.png"></video>`,
    `<audio src="${R}/a.mp3"></audio>`,
    `<table background="${R}/bg.png"><tr><td>t</td></tr></table>`,
    `<div style="background:url(${R}/bg.png)">d</div>`,
    `<div style="background-image:image-set('${R}/i.png' 1x)">d</div>`,
    `<div style="background:u\\72l(${R}/esc.png)">d</div>`,
    `<style>@import url(${R}/s.css);</style>`,
    `<style>@import"${R}/s.css";</style>`,
    `<style>body{background:url("${R}/b.png")}</style>`,
    `<style>@font-face{font-family:x;src:url(${R}/f.woff)}</style>`,
    `<link rel="stylesheet" href="${R}/s.css">`,
    `<svg><image href="${R}/s.png"/></svg>`,
    '<svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>',
    '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
    '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
    `<svg><use href="${R}/s.svg#x"/></svg>`,
    `<svg><foreignObject><img src="${R}/fo.png"></foreignObject></svg>`,
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
}

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

const leaf = (html: fc.Arbitrary<string>): fc.Arbitrary<Leaf> =>
  fc.record({
    kind: fc.constantFrom('html', 'html', 'text', 'image', 'rfc822'),
    html,
    charset,
    transfer: encoding,
  });

type Part = Leaf | { kind: 'multipart'; subtype: string; boundaryOk: boolean; parts: Part[] };

const part = (html: fc.Arbitrary<string>): fc.Arbitrary<Part> =>
  fc.letrec<{ part: Part }>((tie) => ({
    part: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf(html),
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

/**
 * A generated hostile message (RFC 822 source as a string): header noise, then a MIME tree of text, HTML,
 * inline-image and message/rfc822 parts, nested multiparts with and without their closing boundary, and
 * HTML built from the pieces above, whose remote references all point at `remote`.
 */
export function hostileMimeMessage(remote: string): fc.Arbitrary<string> {
  const html = fc.array(htmlPiece(remote), { minLength: 1, maxLength: 8 }).map((pieces) => pieces.join('\n'));
  return fc.tuple(headerNoise, part(html)).map(([noise, body]) => {
    boundaries = 0;
    return `From: Sender <sender@example.com>\nTo: alex@example.com\nSubject: Test\n${noise}MIME-Version: 1.0\n${renderPart(body)}`;
  });
}
