/**
 * The accessibility audit used by the e2e tier: axe-core at WCAG 2.2 AA on whatever the page shows now.
 * A failure lists each violation with the elements it found, so the report says what to fix.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AuditFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

export async function auditPage(page: Page): Promise<AuditFinding[]> {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_22_AA)
    // The mail body is the sender's HTML, shown as sent (sanitized, in a sandboxed frame): its colours and
    // markup are not Glance's to fix. The frame element itself (its title) is still audited.
    .exclude([['iframe.mail-frame', 'html']])
    .analyze();
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    targets: violation.nodes.map((node) => `${node.target.join(' ')} — ${node.failureSummary ?? ''}`.slice(0, 300)),
  }));
}

/** Fails with the screen's name and every violation when axe finds any. */
export async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const findings = await auditPage(page);
  expect.soft(findings, `${screen}: axe found ${findings.length} WCAG 2.2 AA violation(s)`).toEqual([]);
}
