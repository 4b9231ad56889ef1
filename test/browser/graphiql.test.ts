import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startLiveServer } from '../support/live-server.js';

/**
 * GraphiQL in a real browser: Debian's Chromium (headless, through playwright-core) opens the page
 * the server serves, runs the example operation and must show the demo seed's data. The browser may
 * reach only the server under test, so a GraphiQL that needs a CDN fails here the way it would for
 * a user behind a firewall.
 */

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshotPath = fileURLToPath(new URL('../../test-results/graphiql.png', import.meta.url));
const title = 'easemob-graphql · browser test';

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

async function launch(): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install it with \`apt-get install -y chromium\` (bash scripts/setup.sh does), or point CHROMIUM_PATH at a Chromium binary`,
    );
  }
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  return browser;
}

/** Monaco draws spaces as non-breaking ones and splits lines into spans: back to plain JSON text. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('GraphiQL in Chromium', () => {
  it('loads without the internet, runs the example operation and shows the demo data', async () => {
    rmSync(screenshotPath, { force: true });
    const server = await startLiveServer({ emulator: { seed: 'demo' }, server: { title } });
    const origin = new URL(server.url).origin;
    const context = await (await launch()).newContext({
      viewport: { width: 1400, height: 900 },
      deviceScaleFactor: 1,
    });

    // Only the server under test: anything else (a CDN, a favicon host) is refused and recorded.
    const external: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      external.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const graphiql = await page.goto(server.url, { waitUntil: 'load' });
    expect(graphiql?.status()).toBe(200);
    expect(
      external,
      'GraphiQL fetched assets from outside the server; offline (or behind a firewall) the page stays blank. Serve them from the server: createYoga({ renderGraphiQL }) from @graphql-yoga/render-graphiql (README, "GraphiQL browser test")',
    ).toEqual([]);

    // The configured title, in the tab and in GraphiQL's header; open dev mode says so in both.
    await expect.poll(() => page.title()).toContain(title);
    expect(await page.title()).toContain('OPEN DEV MODE');
    const header = page.getByText(`${title} · OPEN DEV MODE`).first();
    await header.waitFor({ state: 'visible', timeout: 10_000 });

    const execute = page.locator('.graphiql-execute-button');
    await execute.waitFor({ state: 'visible', timeout: 10_000 });
    // The editor opens with the example operation, from the server's defaultQuery.
    const editor = page.locator('.graphiql-query-editor');
    await expect.poll(async () => plain(await editor.innerText())).toContain('query UserCard');

    const [response] = await Promise.all([
      // GraphiQL's own introspection goes the same way; this is the example operation's answer.
      page.waitForResponse(
        (r) =>
          r.url().startsWith(server.url) &&
          r.request().method() === 'POST' &&
          (r.request().postData() ?? '').includes('query UserCard'),
        { timeout: 10_000 },
      ),
      execute.click(),
    ]);
    const body = (await response.json()) as {
      data?: { user?: { username?: string } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data?.user?.username).toBe('alice');

    // What the user sees: the result pane, with the demo seed's alice and her contacts.
    const result = page.locator('.graphiql-response');
    await expect
      .poll(async () => plain(await result.innerText()), { timeout: 10_000 })
      .toContain('"username": "alice"');
    const shown = plain(await result.innerText());
    expect(shown).toContain('"user": {');
    expect(shown).toContain('"username": "bob"');
    expect(shown).not.toContain('"errors"');
    expect(pageErrors).toEqual([]);

    mkdirSync(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    expect(statSync(screenshotPath).size).toBeGreaterThan(10_000);
    await context.close();
  }, 30_000);
});
