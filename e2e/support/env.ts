/**
 * Browser journeys: the real app listening on a free port over a fresh database, Debian's Chromium driven by
 * playwright-core, and axe run on every page a journey visits.
 */
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { makeTestApp, type TestApp } from '../../src/testing/harness.ts';
import type { Config } from '../../src/config.ts';

export interface E2E {
  h: TestApp;
  base: string;
  browser: Browser;
  newContext(opts?: { phone?: boolean; javaScriptEnabled?: boolean }): Promise<BrowserContext>;
}

export async function startE2E(t: TestContext, opts: { now?: string; config?: Partial<Config> } = {}): Promise<E2E> {
  const h = await makeTestApp({ now: opts.now ?? '2026-03-02T02:00:00Z', config: opts.config });
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = h.app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  t.after(async () => {
    await browser.close();
    await h.close();
  });
  return {
    h,
    base,
    browser,
    newContext: async (o = {}) => {
      const c = await browser.newContext({
        baseURL: base,
        javaScriptEnabled: o.javaScriptEnabled ?? true,
        ...(o.phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 900 } }),
        acceptDownloads: true,
        locale: 'zh-CN',
      });
      // A step that can never happen (a hidden link, a missing field) fails with its locator named instead of
      // waiting for the whole test's timeout; two minutes is far above any step on a loaded machine.
      c.setDefaultTimeout(120_000);
      return c;
    },
  };
}

/** Runs axe (WCAG 2.x A/AA) on the page and fails the test on any violation, naming each. */
export async function expectNoAxeViolations(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const v = r.violations.map(
    (x) =>
      `${x.id}: ${x.help} (${x.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')})`,
  );
  assert.deepEqual(v, [], `axe violations on ${page.url()}`);
}
