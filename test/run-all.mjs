#!/usr/bin/env node
// `npm test`: the whole suite, in order — typecheck, lint, build, unit + integration (vitest), the OS
// keychain tests (inside a private gnome-keyring on Linux, test/with-keyring.sh), and the
// end-to-end tests in Chromium (Playwright). Ends with one line summing every suite:
//   Tests: N passed, N failed, N skipped
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const resultsDir = resolve('test-results');
mkdirSync(resultsDir, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  if (!ok) problems.push(`${label} (exit ${result.status ?? result.signal})`);
  return ok;
}

function countVitest(file, label, exitedOk) {
  if (!existsSync(file)) {
    problems.push(`${label}: no results file`);
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that fails to load counts as a failure even though it ran no test.
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
  );
  totals.failed += brokenFiles.length;
  // Vitest's JSON report leaves out errors thrown outside any test (an unhandled rejection after a test has
  // passed), yet fails the run for them: the summary counts one, so it never says "0 failed" for a red run.
  if (!exitedOk && (report.numFailedTests ?? 0) + brokenFiles.length === 0) {
    totals.failed += 1;
    problems.push(`${label}: an error outside any test (Vitest's "Unhandled Errors" above)`);
  }
}

function countPlaywright(file) {
  if (!existsSync(file)) {
    problems.push('e2e: no results file');
    return;
  }
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

run('typecheck', npm, ['run', '--silent', 'typecheck']);
run('lint', npm, ['run', '--silent', 'lint']);
const built = run('build', npm, ['run', '--silent', 'build']);

for (const project of ['unit', 'integration']) {
  const out = resolve(resultsDir, `vitest-${project}.json`);
  rmSync(out, { force: true });
  const exitedOk = run(`${project} tests`, npx, [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  countVitest(out, `${project} tests`, exitedOk);
}

{
  const out = resolve(resultsDir, 'vitest-keychain.json');
  rmSync(out, { force: true });
  const withKeyring = resolve('test/with-keyring.sh');
  const args = [
    'vitest',
    'run',
    '--project',
    'keychain',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ];
  // A private, unlocked gnome-keyring keeps the tests away from the person's own keychain.
  const env = { DISPLAY: '' };
  const exitedOk =
    existsSync(withKeyring) && process.platform === 'linux'
      ? run('keychain tests', withKeyring, [npx, ...args], env)
      : run('keychain tests', npx, args, env);
  countVitest(out, 'keychain tests', exitedOk);
}

{
  const out = resolve(resultsDir, 'e2e-report.json');
  rmSync(out, { force: true });
  if (built) {
    run('end-to-end tests', npx, ['playwright', 'test']);
    countPlaywright(out);
  } else {
    problems.push('end-to-end tests not run: the build failed');
  }
}

if (problems.length > 0) console.log(`\nProblems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(problems.length > 0 || totals.failed > 0 ? 1 : 0);
