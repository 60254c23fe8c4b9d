/**
 * The desktop workflow (.github/workflows/desktop.yml) cannot run here: it needs macOS, Windows and Ubuntu
 * runners with network. This checks its shape instead: every OS gets a job that installs dependencies
 * with `npm ci`, builds that OS's installers, installs or unpacks them, and then runs the Electron smoke
 * test against the installed app (GLANCE_PACKAGED_APP), in that order.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SMOKE_SPEC = 'test/e2e/electron-smoke.spec.ts';

// js-yaml: the parser electron-builder itself reads electron-builder.yml with (pinned as our own dev dependency).
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  if?: string;
}
interface Job {
  'runs-on': string;
  steps: Step[];
}
interface Workflow {
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const OSES = {
  ubuntu: { builds: /npm run dist -- --linux\b/, installs: /apt-get install[^\n]*\.\/release\/[^\s]+\.deb/ },
  macos: { builds: /npm run dist -- --mac\b/, installs: /hdiutil attach[\s\S]*cp -R [^\n]*Glance\.app/ },
  windows: { builds: /npm run dist -- --win\b/, installs: /Glance Setup[\s\S]*\/S/ },
} as const;

/** Everything wrong with the workflow, in words; empty when each OS job builds, installs and smoke-tests. */
function problemsWith(workflow: Workflow): string[] {
  const problems: string[] = [];
  const jobs = Object.entries(workflow.jobs ?? {});
  for (const [os, expected] of Object.entries(OSES)) {
    const found = jobs.filter(([, job]) => String(job['runs-on']).startsWith(`${os}-`));
    if (found.length === 0) {
      problems.push(`no job runs on ${os}`);
      continue;
    }
    for (const [name, job] of found) {
      const steps = job.steps ?? [];
      const index = (test: (step: Step) => boolean) => steps.findIndex(test);
      const ci = index((step) => /(^|\n|\s)npm ci(\s|$)/.test(step.run ?? ''));
      const build = index((step) => expected.builds.test(step.run ?? '') && /--publish never/.test(step.run ?? ''));
      const install = index((step) => expected.installs.test(step.run ?? ''));
      const browser = index((step) => /npx playwright install[^\n]* chromium/.test(step.run ?? ''));
      const smoke = index(
        (step) =>
          (step.run ?? '').includes(`npx playwright test ${SMOKE_SPEC}`) &&
          (Boolean(step.env?.GLANCE_PACKAGED_APP) || /GLANCE_PACKAGED_APP=/.test(step.run ?? '')),
      );
      if (steps.some((step) => /npm (install|i)(\s|$)/.test(step.run ?? '')))
        problems.push(`${name}: uses npm install`);
      if (ci < 0) problems.push(`${name}: no npm ci`);
      if (build < 0) problems.push(`${name}: does not build the ${os} installers (npm run dist, --publish never)`);
      if (install < 0) problems.push(`${name}: does not install or unpack the installer`);
      if (browser < 0) problems.push(`${name}: no browser for the consent page`);
      if (smoke < 0) problems.push(`${name}: does not run ${SMOKE_SPEC} against the packaged app`);
      if (ci >= 0 && build >= 0 && install >= 0 && smoke >= 0 && !(ci < build && build < install && install < smoke))
        problems.push(`${name}: steps out of order (npm ci, build, install, smoke test)`);
      if (smoke >= 0 && steps.slice(0, smoke).some((step) => step.if && !/success\(\)/.test(step.if)))
        problems.push(`${name}: a conditional step before the smoke test`);
    }
  }
  // Playwright drives the main process over --inspect; only a smoke-test build leaves that fuse on.
  if (workflow.env?.GLANCE_SMOKE_TEST_BUILD !== '1') problems.push('GLANCE_SMOKE_TEST_BUILD is not 1 for the builds');
  const text = JSON.stringify(workflow);
  if (/electron-builder[^"]*--publish (always|onTag|onTagOrDraft)/.test(text) || /GH_TOKEN|secrets\./.test(text))
    problems.push('a smoke-test build could be published');
  return problems;
}

async function loadWorkflow(): Promise<Workflow> {
  return yaml.load(await readFile(join(root, '.github', 'workflows', 'desktop.yml'), 'utf8')) as Workflow;
}

describe('.github/workflows/desktop.yml', () => {
  it('on Ubuntu, macOS and Windows: npm ci, build the installers, install them, smoke-test the installed app', async () => {
    expect(problemsWith(await loadWorkflow())).toEqual([]);
  });

  it('the smoke test it runs exists and launches what GLANCE_PACKAGED_APP names', async () => {
    const spec = await readFile(join(root, SMOKE_SPEC), 'utf8');
    expect(spec).toContain('process.env.GLANCE_PACKAGED_APP');
    expect(spec).toMatch(/getByRole\('button', \{ name: 'Allow' \}\)/);
  });

  it('the check fails on a workflow that skips a step, an OS or the order', async () => {
    const workflow = await loadWorkflow();
    const broken = (edit: (copy: Workflow) => void) => {
      const copy = structuredClone(workflow);
      edit(copy);
      return problemsWith(copy);
    };
    expect(broken((w) => delete w.jobs.windows)).toContain('no job runs on windows');
    expect(
      broken((w) => {
        const steps = w.jobs.macos?.steps ?? [];
        w.jobs.macos = { ...w.jobs.macos!, steps: steps.filter((s) => !s.run?.includes('playwright test')) };
      }),
    ).toEqual([`macos: does not run ${SMOKE_SPEC} against the packaged app`]);
    expect(
      broken((w) => {
        const steps = w.jobs.linux?.steps ?? [];
        w.jobs.linux = {
          ...w.jobs.linux!,
          steps: steps.filter((s) => !/apt-get install[^\n]*\.deb/.test(s.run ?? '')),
        };
      }),
    ).toEqual(['linux: does not install or unpack the installer']);
    expect(
      broken((w) => {
        const steps = [...(w.jobs.windows?.steps ?? [])];
        const build = steps.findIndex((s) => s.run?.includes('npm run dist'));
        const [moved] = steps.splice(build, 1);
        if (moved) steps.push(moved);
        w.jobs.windows = { ...w.jobs.windows!, steps };
      }),
    ).toContain('windows: steps out of order (npm ci, build, install, smoke test)');
    expect(broken((w) => delete w.env)).toContain('GLANCE_SMOKE_TEST_BUILD is not 1 for the builds');
  });
});
