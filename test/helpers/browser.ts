/**
 * A real browser for end-to-end tests: Debian's Chromium (/usr/bin/chromium, `apt-get install chromium`;
 * CHROMIUM_PATH overrides) driven by playwright-core, headless, in a fresh profile folder deleted on close.
 *
 *   const browser = await launchBrowser();
 *   const page = await browser.newPage({ width: 360, height: 740 });
 *   await page.goto(url);
 *   await checkAccessibility(page, 'start page');
 *   await browser.close();
 *
 * `checkAccessibility` injects axe-core and fails on any violation of impact serious or critical
 * (WCAG 2.0/2.1 A and AA rules plus best practices), naming the rule and the elements.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] as const;

export interface TestBrowser {
  readonly context: BrowserContext;
  /** a new tab, with a viewport (default 1280×800) */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** forgets every cookie (a respondent coming back on another device) */
  clearCookies(): Promise<void>;
  close(): Promise<void>;
}

export async function launchBrowser(options: { locale?: string; javaScriptEnabled?: boolean } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'barometre-chromium-'));
  // a persistent context is how Playwright takes a --user-data-dir: a fresh one per launch
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    locale: options.locale ?? 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 800 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  context.setDefaultTimeout(15_000);
  let closing: Promise<void> | undefined;
  return {
    context,
    async newPage(viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      return page;
    },
    clearCookies: () => context.clearCookies(),
    close: () =>
      (closing ??= (async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      })()),
  };
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page and throws when a violation of impact serious or critical is found.
 * Returns the violations of lower impact (for a test that wants to print them).
 */
export async function checkAccessibility(page: Page, label = page.url()): Promise<AxeViolation[]> {
  const loaded = () => page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!(await loaded())) {
    await page.addScriptTag({ path: AXE_PATH }).catch(() => undefined);
    // a strict Content-Security-Policy refuses the injected inline script: evaluate the same source instead
    if (!(await loaded())) await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  }
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations;
  })) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const lines = serious.map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
          .slice(0, 5)
          .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.replace(/\n/g, ' '))
          .join('\n    ')}`,
    );
    throw new Error(`accessibility: ${serious.length} serious or critical violation(s) on ${label}:\n${lines.join('\n')}`);
  }
  return violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
}
