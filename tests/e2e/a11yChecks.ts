/**
 * A few axe-style accessibility rules, run in the page (no download, no dependency): every form control and button
 * has an accessible name, text meets WCAG AA contrast (4.5:1, 3:1 for large text), ids are unique, the page has a
 * language, no positive tabindex, and nothing overflows the viewport horizontally. Each violation is "serious".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';

export interface Violation {
  rule: string;
  target: string;
  detail: string;
}

const SCRIPT = readFileSync(join(__dirname, 'a11y.browser.js'), 'utf8');

/** Runs the checks on what is currently rendered (hidden elements are skipped). */
export async function checkAccessibility(page: Page): Promise<Violation[]> {
  return (await page.evaluate(SCRIPT)) as Violation[];
}
