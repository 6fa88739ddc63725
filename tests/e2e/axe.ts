/**
 * Runs axe-core in the page and describes its violations for a failing test.
 * The page's CSP forbids inline scripts, so axe is not added as a <script>:
 * its source is evaluated through the DevTools protocol, which CSP does not
 * govern, and the app itself runs under its real CSP.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT } from '../helpers/webHostProcess.ts';

/** One axe violation, reduced to what a person needs to fix it. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

let axeSource: string | undefined;

function isViolationList(value: unknown): value is AxeViolation[] {
  return (
    Array.isArray(value) &&
    value.every((v: unknown) => typeof v === 'object' && v !== null && 'id' in v && 'help' in v && 'targets' in v)
  );
}

/** Runs every axe rule for WCAG 2.x A/AA and best practice on the page; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result: unknown = await page.evaluate(`
    axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    }).then((r) => r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' ')),
    })))
  `);
  if (!isViolationList(result)) throw new Error(`axe returned something unexpected: ${JSON.stringify(result)}`);
  return result;
}

/** The violations as readable text, for an assertion message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n  ${v.targets.join('\n  ')}`).join('\n');
}

/** Fails the test, saying `where` and what is wrong, when axe finds any violation on the page. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
}

/**
 * Screenshots in light and dark (`<screenshotStem>.png`, `<screenshotStem>-dark.png`),
 * and axe in both; leaves the page light.
 */
export async function expectNoAxeViolationsLightAndDark(
  page: Page,
  screenshotStem: string,
  where: string,
): Promise<void> {
  await page.screenshot({ path: `${screenshotStem}.png`, fullPage: true });
  await expectNoAxeViolations(page, where);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${screenshotStem}-dark.png`, fullPage: true });
  await expectNoAxeViolations(page, `${where}, dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}
