/**
 * A corpus of known hostile-mail tricks, one named case each: the raw RFC 822 source, the text a person must
 * see, and what must not happen. MIME-structure tricks (mislabelled and unknown charsets, deep and broken
 * multiparts, forwarded messages, huge headers) and HTML tricks (every place CSS hides a url(), srcset and
 * image-set, SVG, MathML, <base>, frames, refresh). Every case also must run no script, open no dialog and
 * reach no remote host while remote content is blocked: the spec checks those for all cases alike.
 * `remote` is the origin of the host that counts hits (the emulator's remote-content server).
 */

export interface MimeTrick {
  name: string;
  /** The message's source, bytes as sent (CRLF line ends). */
  raw: Buffer;
  /** Where the body must appear: the sandboxed mail frame (HTML) or the reader's plain-text view. */
  view: 'html' | 'text';
  /** Text a person must see in the body, each string whole. */
  visible: string[];
  /** Text that must not be shown (a script's source, mojibake, a forwarded script's payload…). */
  hidden: string[];
  /** The start of the subject the reader's heading must show. */
  subject: string;
}

/** What every script in the corpus would do if it ran; the spec looks for each of these. */
export const RAN = "top.__glanceRan=(top.__glanceRan||0)+1;console.log('glance-script-ran')";
export const RAN_ALERT = "alert('glance-script-ran')";

const CRLF = '\r\n';

/**
 * Joins header lines and a body into a message; strings are written as UTF-8 unless given as bytes. With no
 * headers, the body's own first lines (a Content-Type and a blank line) end the header block.
 */
function message(subject: string, headers: string[], body: string | Buffer): Buffer {
  const head = [
    'From: Mallory <mallory@example.net>',
    'To: Alex Rivera <alex@example.com>',
    `Subject: ${subject}`,
    'Date: Mon, 07 Dec 2026 10:00:00 +0000',
    `Message-ID: <${subject.replace(/[^a-z0-9]/gi, '').slice(0, 40)}@example.net>`,
    'MIME-Version: 1.0',
    ...headers,
  ].join(CRLF);
  const bodyBytes = typeof body === 'string' ? Buffer.from(body.replace(/\r?\n/g, CRLF), 'utf8') : body;
  return Buffer.concat([Buffer.from(head + CRLF + (headers.length === 0 ? '' : CRLF), 'utf8'), bodyBytes]);
}

/** A well-formed HTML message; `text` is a plain alternative a reader must not show instead. */
function htmlMessage(subject: string, html: string): Buffer {
  return message(subject, ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit'], html);
}

function page(head: string, body: string): string {
  return `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
}

export function mimeTricks(remote: string): MimeTrick[] {
  const R = remote;
  const cases: MimeTrick[] = [];
  const add = (trick: Omit<MimeTrick, 'hidden' | 'subject'> & { hidden?: string[]; subject?: string }) =>
    cases.push({ hidden: [], subject: `Trick ${trick.name}`, ...trick });
  const html = (name: string, head: string, body: string, visible: string[], hidden: string[] = []) =>
    add({
      name,
      raw: htmlMessage(`Trick ${name}`, page(head, body)),
      view: 'html',
      visible,
      hidden,
    });

  // ----- Charsets -----------------------------------------------------------------------------------
  add({
    name: 'windows-1252 labelled utf-8',
    raw: message(
      'Trick windows-1252 labelled utf-8',
      ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'],
      Buffer.from('The invoice total is \x8042.50 \x93paid\x94 at Caf\xe9 Zo\xeb.\r\n', 'latin1'),
    ),
    view: 'text',
    visible: ['The invoice total is €42.50 “paid” at Café Zoë.'],
    hidden: ['\ufffd'],
  });
  add({
    name: 'windows-1252 html labelled utf-8',
    raw: message(
      'Trick windows-1252 html labelled utf-8',
      ['Content-Type: text/html; charset="UTF-8"', 'Content-Transfer-Encoding: quoted-printable'],
      '<p>Price: =8099 at Caf=E9 M=FCller</p>\r\n',
    ),
    view: 'html',
    visible: ['Price: €99 at Café Müller'],
    hidden: ['\ufffd'],
  });
  add({
    name: 'unlabelled 8-bit html',
    raw: message(
      'Trick unlabelled 8-bit html',
      ['Content-Type: text/html', 'Content-Transfer-Encoding: 8bit'],
      Buffer.from('<p>No charset named: na\xefve r\xe9sum\xe9 \x96 \xa345.</p>\r\n', 'latin1'),
    ),
    view: 'html',
    visible: ['No charset named: naïve résumé – £45.'],
    hidden: ['\ufffd'],
  });
  add({
    name: 'ISO-2022-JP',
    raw: message(
      'Trick ISO-2022-JP',
      ['Content-Type: text/plain; charset=ISO-2022-JP', 'Content-Transfer-Encoding: 7bit'],
      // こんにちは、世界 in ISO-2022-JP (JIS X 0208 between ESC $ B and ESC ( B).
      Buffer.from('\x1b$B$3$s$K$A$O!\x22@$3&\x1b(B hello\r\n', 'latin1'),
    ),
    view: 'text',
    visible: ['こんにちは、世界 hello'],
  });
  add({
    name: 'unknown charset name',
    raw: message(
      'Trick unknown charset name',
      ['Content-Type: text/plain; charset="x-no-such-charset"', 'Content-Transfer-Encoding: 8bit'],
      'Unknown label, UTF-8 bytes: naïve café — 日本語.\r\n',
    ),
    view: 'text',
    visible: ['Unknown label, UTF-8 bytes: naïve café — 日本語.'],
    hidden: ['Ã'],
  });
  add({
    name: 'unknown charset in an encoded-word subject',
    raw: message(
      '=?x-no-such-charset?Q?Trick_unknown_encoded-word?= =?utf-8?B?4oKs?=',
      ['Content-Type: text/plain; charset=us-ascii'],
      'Body of the encoded-word message.\r\n',
    ),
    view: 'text',
    visible: ['Body of the encoded-word message.'],
    subject: 'Trick unknown encoded-word',
  });
  add({
    name: 'utf-7 html',
    raw: message(
      'Trick utf-7 html',
      ['Content-Type: text/html; charset=utf-7'],
      '<p>UTF-7 body is shown.</p>+ADw-script+AD4-top.__glanceRan=1+ADw-/script+AD4-\r\n',
    ),
    view: 'html',
    visible: ['UTF-7 body is shown.'],
  });

  // ----- Structure ----------------------------------------------------------------------------------
  {
    const depth = 100;
    let body = `Content-Type: text/html; charset=utf-8\r\n\r\n<p>The innermost part of 100 nested multiparts.</p><script>${RAN}</script>\r\n`;
    for (let level = depth - 1; level >= 1; level--) {
      body = `Content-Type: multipart/mixed; boundary="level${level}"\r\n\r\n--level${level}\r\n${body}\r\n--level${level}--\r\n`;
    }
    add({
      name: '100 nested multiparts',
      raw: message('Trick 100 nested multiparts', [], Buffer.from(body, 'utf8')),
      view: 'html',
      visible: ['The innermost part of 100 nested multiparts.'],
    });
  }
  {
    const depth = 300;
    let body = 'Content-Type: text/plain; charset=utf-8\r\n\r\nThe innermost part of 300 nested multiparts.\r\n';
    for (let level = depth - 1; level >= 1; level--) {
      body = `Content-Type: multipart/mixed; boundary="deep${level}"\r\n\r\n--deep${level}\r\n${body}\r\n--deep${level}--\r\n`;
    }
    add({
      name: '300 nested multiparts',
      raw: message('Trick 300 nested multiparts', [], Buffer.from(body, 'utf8')),
      view: 'text',
      visible: ['The innermost part of 300 nested multiparts.'],
    });
  }
  add({
    name: 'multipart without a boundary',
    raw: message(
      'Trick multipart without a boundary',
      ['Content-Type: multipart/alternative'],
      'Text of a multipart that names no boundary.\r\n',
    ),
    view: 'text',
    visible: ['Text of a multipart that names no boundary.'],
  });
  add({
    name: 'unterminated boundary',
    raw: message(
      'Trick unterminated boundary',
      ['Content-Type: multipart/alternative; boundary="open"'],
      [
        '--open',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Plain alternative of the unterminated message.',
        '--open',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>HTML of the unterminated message, with no closing boundary.</p><script>' + RAN + '</script>',
        '',
      ].join(CRLF),
    ),
    view: 'html',
    visible: ['HTML of the unterminated message, with no closing boundary.'],
    hidden: ['Plain alternative of the unterminated message.'],
  });
  add({
    name: 'boundary that never appears',
    raw: message(
      'Trick boundary that never appears',
      ['Content-Type: multipart/mixed; boundary="missing"'],
      ['--other', 'Content-Type: text/plain', '', 'Text under a boundary the header did not name.', ''].join(CRLF),
    ),
    view: 'text',
    visible: ['Text under a boundary the header did not name.'],
  });
  add({
    name: 'forwarded message/rfc822',
    raw: message(
      'Trick forwarded message/rfc822',
      ['Content-Type: multipart/mixed; boundary="fwd"'],
      [
        '--fwd',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>See the message below.</p>',
        '--fwd',
        'Content-Type: message/rfc822',
        '',
        'From: Original Sender <orig@example.org>',
        'Subject: The original',
        'Content-Type: text/html; charset=utf-8',
        '',
        `<p>Forwarded words are shown.</p><script>${RAN}</script><img src="${R}/img/forwarded.png" onerror="${RAN}"><iframe src="${R}/forwarded-frame"></iframe>`,
        '--fwd--',
        '',
      ].join(CRLF),
    ),
    view: 'html',
    visible: ['See the message below.', 'Forwarded words are shown.'],
  });
  {
    // A forward of a forward of … 15 deep: postal-mime stops inlining at 10 and keeps the rest as an attachment.
    let inner = `Subject: level 15\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Deepest forward.</p><script>${RAN}</script>\r\n`;
    for (let level = 14; level >= 1; level--) {
      inner = `Subject: level ${level}\r\nContent-Type: multipart/mixed; boundary="f${level}"\r\n\r\n--f${level}\r\nContent-Type: text/plain\r\n\r\nForward level ${level}.\r\n--f${level}\r\nContent-Type: message/rfc822\r\n\r\n${inner}\r\n--f${level}--\r\n`;
    }
    add({
      name: 'nested forwards',
      raw: message('Trick nested forwards', ['Content-Type: message/rfc822'], Buffer.from(inner, 'utf8')),
      view: 'text',
      visible: ['Forward level 1.', 'Forward level 5.'],
    });
  }
  add({
    name: '1 MB subject',
    raw: message(
      `Trick 1 MB subject ${'S'.repeat(1024 * 1024)}`,
      ['Content-Type: text/plain; charset=utf-8'],
      'Body under a 1 MB subject.\r\n',
    ),
    view: 'text',
    visible: ['Body under a 1 MB subject.'],
    subject: 'Trick 1 MB subject SSSS',
  });
  add({
    name: '20,000 header lines',
    raw: message(
      'Trick 20,000 header lines',
      [
        ...Array.from({ length: 20_000 }, (_, i) => `X-Noise-${i}: ${'n'.repeat(40)}`),
        'Content-Type: text/plain; charset=utf-8',
      ],
      'Body under twenty thousand header lines.\r\n',
    ),
    view: 'text',
    visible: ['Body under twenty thousand header lines.'],
  });
  add({
    name: 'one folded header of 1 MB',
    raw: message(
      'Trick one folded header of 1 MB',
      [
        `X-Folded: ${Array.from({ length: 20_000 }, () => 'f'.repeat(50)).join('\r\n ')}`,
        'Content-Type: text/plain; charset=utf-8',
      ],
      'Body under a folded megabyte.\r\n',
    ),
    view: 'text',
    visible: ['Body under a folded megabyte.'],
  });
  add({
    name: 'broken base64 and quoted-printable',
    raw: message(
      'Trick broken base64 and quoted-printable',
      ['Content-Type: multipart/alternative; boundary="enc"'],
      [
        '--enc',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        `${Buffer.from('Plain part, not shown.').toString('base64')}!!!*`,
        '--enc',
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        '<p>Soft=\r\nbreaks and =3Cb=3Ebroken=3C/b=3E escapes =ZZ stay readable.</p>=3Cscript=3E' +
          RAN.replace(/=/g, '=3D') +
          '=3C/script=3E',
        '--enc--',
        '',
      ].join(CRLF),
    ),
    view: 'html',
    visible: ['Softbreaks and broken escapes =ZZ stay readable.'],
  });

  // ----- CSS ----------------------------------------------------------------------------------------
  html(
    'CSS url() in style attributes',
    '',
    [
      `<div style="background:url(${R}/img/attr-bg.png)">Style attribute background.</div>`,
      `<div style="background-image:url('${R}/img/attr-bgi.png')">Quoted url.</div>`,
      `<div style="background:url(&quot;${R}/img/attr-entity.png&quot;)">Entity-quoted url.</div>`,
      `<ul style="list-style:square url(${R}/img/attr-list.png)"><li>List style item.</li></ul>`,
      `<div style="cursor:url(${R}/img/attr-cursor.cur),auto">Cursor url.</div>`,
      `<div style="border:10px solid;border-image:url(${R}/img/attr-border.png) 30 round">Border image.</div>`,
      `<div style="-webkit-mask-image:url(${R}/img/attr-mask.png);mask-image:url(${R}/img/attr-mask2.png)">Mask image.</div>`,
      `<div style="filter:url(${R}/filter.svg#f);shape-outside:url(${R}/img/shape.png)">Filter and shape.</div>`,
      `<div style="background:\\75 rl(${R}/img/attr-escaped.png)">Escaped url.</div>`,
      `<div style="background:URL(${R}/img/attr-upper.png)">Upper-case URL.</div>`,
      `<div style="background:url(//${R.replace(/^https?:\/\//, '')}/img/attr-protocol-relative.png)">Protocol-relative.</div>`,
    ].join(''),
    [
      'Style attribute background.',
      'Quoted url.',
      'Entity-quoted url.',
      'List style item.',
      'Cursor url.',
      'Border image.',
      'Mask image.',
      'Filter and shape.',
      'Escaped url.',
      'Upper-case URL.',
      'Protocol-relative.',
    ],
  );
  html(
    'CSS in style blocks',
    `<style>
      @import url(${R}/css/import.css);
      @import "${R}/css/import-string.css";
      @IMPORT url('${R}/css/import-upper.css') screen;
      @font-face{font-family:Remote;src:url(${R}/font.woff2) format("woff2")}
      body{background:#fff url("${R}/img/style-body.png")}
      p.f{font-family:Remote}
      li{list-style-image:url(${R}/img/style-list.png)}
      .c{cursor:url(${R}/img/style-cursor.cur),pointer}
      .b{border-image:url(${R}/img/style-border.png) 30 round;border:5px solid}
      .a::before{content:url(${R}/img/style-before.png)}
      .s{background-image:image-set("${R}/img/style-imageset.png" 1x, "${R}/img/style-imageset2.png" 2x)}
      .w{background-image:-webkit-image-set(url(${R}/img/style-wis.png) 1x)}
      .e{background:u\\72l(${R}/img/style-escaped.png)}
      .v{--remote:url(${R}/img/style-var.png);background:var(--remote)}
      @media screen{.m{background:url(${R}/img/style-media.png)}}
      @supports (display:grid){.g{background:url(${R}/img/style-supports.png)}}
    </style>`,
    [
      '<p class="f">Remote font paragraph.</p>',
      '<ul><li>Style list item.</li></ul>',
      '<p class="c">Style cursor.</p>',
      '<p class="b">Style border image.</p>',
      '<p class="a">Before content.</p>',
      '<p class="s">Style image-set.</p>',
      '<p class="w">Style webkit image-set.</p>',
      '<p class="e">Style escaped url.</p>',
      '<p class="v">Custom property url.</p>',
      '<p class="m g">Media and supports.</p>',
    ].join(''),
    [
      'Remote font paragraph.',
      'Style list item.',
      'Style cursor.',
      'Style border image.',
      'Before content.',
      'Style image-set.',
      'Style webkit image-set.',
      'Style escaped url.',
      'Custom property url.',
      'Media and supports.',
    ],
    ['@import', '@font-face'],
  );
  html(
    'style in body, svg and a second head',
    '',
    [
      `<style>div.x{background:url(${R}/img/body-style.png)}</style><div class="x">Body style block.</div>`,
      `<svg width="20" height="20"><style>@import url(${R}/css/svg-import.css);rect{fill:url(${R}/pattern.svg#p)}</style><rect width="10" height="10"/></svg>`,
      `<head><style>@import url(${R}/css/second-head.css);</style></head><p>After a second head.</p>`,
    ].join(''),
    ['Body style block.', 'After a second head.'],
  );

  // ----- Images: srcset, image-set, picture ---------------------------------------------------------
  html(
    'srcset, picture and image-set',
    '',
    [
      `<img srcset="${R}/img/srcset-1x.png 1x, ${R}/img/srcset-2x.png 2x" alt="">`,
      `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" srcset="${R}/img/srcset-w.png 100w" sizes="10px" alt="">`,
      `<picture><source srcset="${R}/img/picture.webp" type="image/webp"><source media="(min-width:1px)" srcset="${R}/img/picture-media.png"><img src="${R}/img/picture-img.png" alt=""></picture>`,
      `<img src="${R}/img/lazy.png" loading="lazy" alt="">`,
      `<image src="${R}/img/image-tag.png">`,
      `<input type="image" src="${R}/img/input.png">`,
      `<div style="background-image:image-set('${R}/img/attr-imageset.png' 1x)">Attribute image-set.</div>`,
      `<table background="${R}/img/table.png"><tr><td background="${R}/img/td.png">Table cell.</td></tr></table>`,
      `<video poster="${R}/img/poster.png" src="${R}/video.mp4"><track src="${R}/track.vtt"></video><audio src="${R}/audio.mp3"></audio>`,
      '<p>Images are held back.</p>',
    ].join(''),
    ['Attribute image-set.', 'Table cell.', 'Images are held back.'],
  );

  // ----- SVG -----------------------------------------------------------------------------------------
  html(
    'SVG set, animate, use, foreignObject',
    '',
    [
      `<svg width="200" height="40"><a><set attributeName="href" to="javascript:${RAN}"/><animate attributeName="href" values="javascript:${RAN}" dur="1s"/><text x="0" y="15">SVG link text.</text></a></svg>`,
      `<svg><a xlink:href="javascript:${RAN}"><text y="10">xlink anchor.</text></a></svg>`,
      `<svg><set attributeName="onmouseover" to="${RAN}"/><animate attributeName="onclick" values="${RAN}"/></svg>`,
      `<svg><use href="${R}/img/use.svg#x"/><use xlink:href="data:image/svg+xml;base64,PHN2ZyBpZD0neCcgeG1sbnM9J2h0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnJz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+#x"/></svg>`,
      `<svg><image href="${R}/img/svg-image.png" width="10" height="10"/><filter id="f"><feImage href="${R}/img/feimage.png"/></filter></svg>`,
      `<svg><foreignObject width="300" height="40"><p>Foreign object paragraph.</p><img src="${R}/img/fo.png"><iframe src="${R}/fo-frame"></iframe><script>${RAN}</script></foreignObject></svg>`,
      `<svg onload="${RAN}"><script>${RAN}</script><animate onbegin="${RAN}" attributeName="x" dur="1s"/></svg>`,
      `<svg><a href="${R}/svg-link"><text y="12">SVG remote link.</text></a></svg>`,
      '<p>Text after the SVG.</p>',
    ].join(''),
    // The sanitizer keeps HTML only: SVG goes whole, with its text (as Gmail does); the mail around it stays.
    ['Text after the SVG.'],
    ['SVG link text.', 'Foreign object paragraph.'],
  );

  // ----- MathML --------------------------------------------------------------------------------------
  html(
    'MathML links',
    '',
    [
      `<math href="javascript:${RAN}"><mi>Math href</mi></math>`,
      `<math><mtext><a href="javascript:${RAN}">Math anchor.</a></mtext><mi xlink:href="javascript:${RAN}">x</mi></math>`,
      `<math><maction actiontype="statusline" href="${R}/maction"><mtext>Math action.</mtext><mtext>tip</mtext></maction></math>`,
      `<math><mglyph src="${R}/img/mglyph.png"/><mtext><img src="${R}/img/math-img.png"><style>@import url(${R}/css/math.css)</style></mtext></math>`,
      `<math><mtext><table><mglyph><style><img src=x onerror="${RAN}">Math mXSS.</style></mglyph></table></mtext></math>`,
      '<p>Text after the MathML.</p>',
    ].join(''),
    // MathML goes whole too (DOMPurify keeps no content of math elements: its defence against mXSS).
    ['Text after the MathML.'],
    ['Math anchor.', 'Math mXSS.'],
  );

  // ----- base, frames, objects, refresh --------------------------------------------------------------
  html(
    'base element',
    `<base href="${R}/base/">`,
    `<img src="relative.png" alt=""><a href="relative-link">Relative link.</a><div style="background:url(relative-bg.png)">Relative background.</div><base href="${R}/second-base/"><img src="again.png" alt="">`,
    ['Relative link.', 'Relative background.'],
  );
  html(
    'nested frames, objects and embeds',
    '',
    [
      `<iframe src="${R}/frame"></iframe>`,
      `<iframe srcdoc="&lt;iframe src='${R}/frame-in-srcdoc'&gt;&lt;/iframe&gt;&lt;script&gt;${RAN}&lt;/script&gt;"></iframe>`,
      `<iframe src="javascript:${RAN}"></iframe><iframe src="data:text/html,<script>${RAN}</script>"></iframe>`,
      `<frameset><frame src="${R}/frameset-frame"><frameset><frame src="${R}/nested-frame"></frameset></frameset>`,
      `<object data="${R}/object.swf" type="application/x-shockwave-flash"><param name="movie" value="${R}/param.swf"><p>Object fallback text.</p></object>`,
      `<embed src="${R}/embed.svg" type="image/svg+xml"><applet code="x" codebase="${R}/applet/"></applet>`,
      `<portal src="${R}/portal"></portal><fencedframe src="${R}/fenced"></fencedframe>`,
      '<p>Frames are gone.</p>',
    ].join(''),
    ['Frames are gone.'],
  );
  html(
    'meta refresh',
    `<meta http-equiv="refresh" content="0;url=${R}/refresh"><meta http-equiv="Refresh" content="1; URL='javascript:${RAN}'">`,
    `<p>Refresh must not navigate.</p><meta http-equiv="refresh" content="0;url=${R}/refresh-in-body"><meta http-equiv="set-cookie" content="a=b"><meta http-equiv="content-security-policy" content="default-src *">`,
    ['Refresh must not navigate.'],
  );
  html(
    'links, forms, script and handlers',
    `<link rel="stylesheet" href="${R}/css/link.css"><link rel="preload" as="image" href="${R}/img/preload.png"><link rel="prefetch" href="${R}/prefetch"><link rel="dns-prefetch" href="${R}"><link rel="icon" href="${R}/favicon.ico">`,
    [
      `<form action="${R}/form" method="post"><input name="password" value="x"><button formaction="${R}/formaction">Submit form</button></form>`,
      `<a href="${R}/ping-link" ping="${R}/ping">Pinged link.</a>`,
      `<a href="javascript:${RAN}">Script link.</a> <a href="vbscript:msgbox(1)">VB link.</a> <a href="data:text/html,<script>${RAN}</script>">Data link.</a>`,
      `<a href="java&#x09;script:${RAN}">Tab link.</a> <a href="  JaVaScRiPt:${RAN}">Spaced link.</a>`,
      `<img src="x" onerror="${RAN}" alt=""><body onload="${RAN}"><div onmouseover="${RAN}" onclick="${RAN_ALERT}">Hover target.</div>`,
      `<details open ontoggle="${RAN}"><summary>Details summary.</summary></details>`,
      `<div style="width:expression(${RAN})">Expression style.</div><div style="behavior:url(${R}/b.htc)">Behavior style.</div>`,
      `<script>${RAN}</script><script src="${R}/script.js"></script><template><script>${RAN}</script></template>`,
      `<xmp><script>${RAN}</script></xmp><p>After xmp.</p>`,
      // The noscript mXSS: DOMPurify drops the element and what follows it, so nothing after it is required.
      `<noscript><p title="</noscript><img src=x onerror=${RAN}>"></noscript>`,
    ].join(''),
    [
      'Pinged link.',
      'Script link.',
      'VB link.',
      'Data link.',
      'Tab link.',
      'Spaced link.',
      'Hover target.',
      'Details summary.',
      'Expression style.',
      'Behavior style.',
      'After xmp.',
    ],
  );
  return cases;
}
