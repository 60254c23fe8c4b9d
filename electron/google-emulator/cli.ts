/**
 * `npm run emulator -- [--port N] [--seed N] [--unread N] [--latency ms] [--consent skip|always] [--quota classic|2026]`: runs the Google emulator in the
 * foreground, writes a client secrets file for it and prints how to point Glance at it. Ctrl-C stops it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_USERS, startGoogleEmulator } from './index.js';

const USAGE =
  'Usage: npm run emulator -- [--port N] [--seed N] [--unread N] [--latency ms] [--consent skip|always] [--quota classic|2026] [--log]';

function integerFlag(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    console.error(`--${name} must be a whole number ≥ ${min} (got "${value}").\n${USAGE}`);
    process.exit(2);
  }
  return Number(value);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        unread: { type: 'string' },
        latency: { type: 'string' },
        consent: { type: 'string' },
        quota: { type: 'string' },
        log: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = integerFlag('port', values.port, 0);
  const seed = integerFlag('seed', values.seed, 0);
  const unread = integerFlag('unread', values.unread, 0);
  const latencyMs = integerFlag('latency', values.latency, 0);
  const consent = values.consent;
  if (consent !== undefined && consent !== 'skip' && consent !== 'always') {
    // 'always' shows the consent page on every sign-in; 'skip' (default) skips it for a grant like Google does.
    console.error(`--consent must be skip or always (got "${consent}").\n${USAGE}`);
    process.exit(2);
  }
  const quotaRegime = values.quota;
  if (quotaRegime !== undefined && quotaRegime !== 'classic' && quotaRegime !== '2026') {
    // Google's two quota regimes: per-method costs and the per-user minute (quota.ts).
    console.error(`--quota must be classic or 2026 (got "${quotaRegime}").\n${USAGE}`);
    process.exit(2);
  }
  const users = DEFAULT_USERS.map((user, index) => (index === 0 && unread !== undefined ? { ...user, unread } : user));
  const emulator = await startGoogleEmulator({
    users,
    ...(port !== undefined ? { port } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(consent !== undefined ? { consentForGrantedScopes: consent } : {}),
    ...(quotaRegime !== undefined ? { quotaRegime } : {}),
    logRequests: values.log ?? false,
  });
  const secretsPath = join(mkdtempSync(join(tmpdir(), 'glance-emulator-')), 'client_secret_emulator.json');
  writeFileSync(secretsPath, JSON.stringify(emulator.clientSecretsJson('installed'), null, 2));
  console.log('Glance test Google — not the real Google');
  console.log(`origin:          ${emulator.origin}`);
  for (const [name, url] of Object.entries(emulator.endpoints)) console.log(`${`${name}:`.padEnd(16)} ${url}`);
  console.log(`remote content:  ${emulator.remoteContent.origin}`);
  console.log(
    `users:           ${emulator
      .users()
      .map((user) => user.email)
      .join(', ')}`,
  );
  console.log(`client secrets:  ${secretsPath}`);
  console.log(JSON.stringify(emulator.clientSecretsJson('installed'), null, 2));
  console.log(
    `\nRun Glance against it:\n  GLANCE_CLIENT_SECRETS=${secretsPath} npm start\n\nCtrl-C stops the emulator.`,
  );
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`The emulator could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
