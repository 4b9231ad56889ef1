import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { killStartedMains, startMain } from './support/main-process.js';

afterEach(killStartedMains);

describe('npm start', () => {
  it('serves GraphiQL and the API on the embedded emulator, and stops cleanly on SIGTERM', async () => {
    const server = startMain();
    const url = await server.url;
    expect(server.output()).toContain('embedded emulator with demo data');

    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    expect(html).toContain('UserCard');

    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ user(username: "alice") { username contacts { username } } }',
      }),
    });
    const body = (await answer.json()) as {
      data: { user: { username: string; contacts: unknown[] } };
    };
    expect(body.data.user.username).toBe('alice');
    expect(body.data.user.contacts.length).toBeGreaterThan(0);

    server.child.kill('SIGTERM');
    const [code] = await once(server.child, 'exit');
    expect(code).toBe(0);
    expect(server.output()).toContain('SIGTERM');
  });

  it('refuses to start with a partial Easemob configuration, in one line naming what is missing', async () => {
    const server = startMain({
      EASEMOB_BASE_URL: 'https://a1.easemob.com',
      EASEMOB_CLIENT_SECRET: 'top-secret-value',
    });
    const [code] = await once(server.child, 'exit');
    expect(code).toBe(1);
    const lines = server.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('EASEMOB_CLIENT_ID');
    expect(lines[0]).not.toContain('top-secret-value');
  });
});
