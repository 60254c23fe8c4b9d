/**
 * The MIME → parse → sanitize → render property in Chromium, 1,000 generated messages per run. Each message
 * (support/hostile-mime.ts, the generator of the jsdom property test) is parsed by the main process's
 * `messageContent`, then sanitized by the renderer's `sanitizeMailHtml` in this Chromium page and shown in the
 * reader's own `MailFrame` (same sandbox, same frame CSP, under the app page's production CSP), 50 frames at a
 * time. Faster than opening each through the whole app (hostile-mail.spec.ts does that for 60), and the same
 * functions and frame. Per message: the parser does not throw; the frame holds no script, handler, frame,
 * form, meta, base or remote reference; no script ran (frame and page globals, dialogs); Chromium reported no
 * load the frame's CSP had to block; and the remote-content host (whose origin every remote reference in the
 * generated HTML names) logged no hit.
 */
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import fc from 'fast-check';
import { messageContent } from '../../electron/core/message/message-content.js';
import { PRODUCTION_CSP, serializeCsp } from '../../electron/main/csp.js';
import { startGoogleEmulator, type GoogleEmulator } from '../../electron/google-emulator/index.js';
import { hostileMimeMessage } from './support/hostile-mime.js';
import { watchPage } from './support/page-watch.js';
import type { RenderCase, RenderResult } from './support/mail-frame-entry.js';

const RENDERED = 1000;
const BATCH = 50;

let emulator: GoogleEmulator | undefined;
let server: Server | undefined;

test.afterEach(async () => {
  await emulator?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

async function harnessScript(): Promise<string> {
  const result = await build({
    entryPoints: [resolve('test/e2e/support/mail-frame-entry.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return result.outputFiles[0]!.text;
}

/** The harness page on 127.0.0.1 with the app page's production CSP (the mail frame inherits it, as in the app). */
async function serveHarness(script: string): Promise<string> {
  server = createServer((request, response) => {
    const csp = serializeCsp(PRODUCTION_CSP);
    if (request.url === '/harness.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'content-security-policy': csp });
      response.end(script);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
    response.end(
      '<!doctype html><html><head><meta charset="utf-8"></head><body><script src="/harness.js"></script></body></html>',
    );
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the harness server has no port');
  return `http://127.0.0.1:${address.port}/`;
}

test(`${RENDERED.toLocaleString('en')} generated hostile messages rendered in the mail frame run nothing and reach no remote host`, async ({
  page,
}) => {
  test.setTimeout(300_000);
  const started = Date.now();
  emulator = await startGoogleEmulator({ users: [{ email: 'alex@example.com', name: 'Alex', unread: 0, read: 0 }] });
  const remote = emulator.remoteContent.origin;
  const seed = Number(process.env.GLANCE_PROPERTY_SEED ?? Date.now() % 2 ** 31);
  const failures: string[] = [];
  const { dialogs, blockedLoads } = watchPage(page, remote);
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  await page.goto(await serveHarness(await harnessScript()));
  await page.waitForFunction(() => typeof window.__glanceRenderBatch === 'function');

  // Parse in Node as the core does; keep the messages that carry HTML until RENDERED of them are shown.
  const generated = fc.sample(hostileMimeMessage(remote), { numRuns: RENDERED * 3, seed });
  const cases: Array<RenderCase & { index: number }> = [];
  let parsedCount = 0;
  for (const [index, source] of generated.entries()) {
    if (cases.length >= RENDERED) break;
    parsedCount += 1;
    try {
      const raw = Buffer.from(source.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64url');
      const content = await messageContent({ id: `m${index}`, threadId: 't', labelIds: [], raw });
      if (content.html !== null) cases.push({ index, html: content.html, attachments: content.attachments });
    } catch (error) {
      failures.push(`message ${index}: the parser threw ${(error as Error).message}`);
    }
  }
  expect(cases.length, `seed ${seed}: enough generated messages carry HTML`).toBe(RENDERED);

  emulator.remoteContent.clearHits();
  let rendered = 0;
  for (let start = 0; start < cases.length; start += BATCH) {
    const batch = cases.slice(start, start + BATCH);
    const results: RenderResult[] = await page.evaluate(
      ([batchCases, origin]) => window.__glanceRenderBatch(batchCases, origin),
      [batch.map(({ html, attachments }) => ({ html, attachments })), remote] as const,
    );
    for (const [offset, result] of results.entries()) {
      const { index } = batch[offset]!;
      for (const finding of result.findings) failures.push(`message ${index}: ${finding}`);
      if (result.ran) failures.push(`message ${index}: script ran in the frame`);
    }
    rendered += results.length;
    const label = `messages ${batch[0]!.index}–${batch.at(-1)!.index}`;
    for (const hit of emulator.remoteContent.hits.splice(0)) failures.push(`${label}: remote hit ${hit.path}`);
    for (const line of blockedLoads.splice(0)) failures.push(`${label}: the CSP had to block ${line}`);
    for (const dialog of dialogs.splice(0)) failures.push(`${label}: dialog ${dialog}`);
    if (await page.evaluate(() => Boolean(window.pwned ?? window.__glanceRan))) failures.push(`${label}: script ran`);
  }
  // Late loads (a lazy image, a font) would arrive after the last batch: give them a moment.
  await page.waitForTimeout(500);
  for (const hit of emulator.remoteContent.hits) failures.push(`after the last batch: remote hit ${hit.path}`);

  expect(failures.slice(0, 30), `seed ${seed} (GLANCE_PROPERTY_SEED=${seed} repeats this run)`).toEqual([]);
  expect(rendered).toBe(RENDERED);
  test.info().annotations.push({
    type: 'measured',
    description: `${rendered} rendered of ${parsedCount} parsed in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${seed}`,
  });
  console.log(
    `mail-render-property: ${rendered} rendered of ${parsedCount} parsed in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${seed}`,
  );
});
