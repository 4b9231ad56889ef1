import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/emulator/server.js';
import { sleep } from './support/live-server.js';
import { killStartedMains, startMain } from './support/main-process.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  killStartedMains();
  for (const close of closers.splice(0)) await close();
});

const adminKey = 'a-test-admin-key-long-enough-0123';

/** Remote mode: main.ts talking to `emulator` as it would to Easemob. */
const remoteEnv = (emulator: Pick<Emulator, 'url' | 'orgName' | 'appName' | 'clientId'>) => ({
  EASEMOB_BASE_URL: emulator.url,
  EASEMOB_ORG_NAME: emulator.orgName,
  EASEMOB_APP_NAME: emulator.appName,
  EASEMOB_CLIENT_ID: emulator.clientId,
  ADMIN_API_KEYS: adminKey,
});

describe('npm start', () => {
  it('serves GraphiQL and the API on the embedded emulator, logs only JSON, and stops on SIGTERM', async () => {
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
    expect(await server.exited).toBe(0);
    // Every line on stdout is a pino line: the banner, the warning, the signal, the end.
    const lines = server.logLines();
    expect(lines.map((line) => line.msg)).toEqual([
      expect.stringContaining('Easemob: embedded emulator with demo data at http://127.0.0.1:'),
      `GraphiQL: ${url}`,
      'health: /healthz, /readyz · metrics: /metrics',
      expect.stringContaining('OPEN DEV MODE'),
      'SIGTERM: finishing requests in flight, then stopping',
      expect.stringMatching(/^stopped after \d+ ms$/),
    ]);
    expect(lines[3]!.level).toBe(40);
    expect(lines[5]).toMatchObject({ forced: false, inFlight: 0 });
  });

  it('`npm start` itself: SIGTERM to npm stops the server and every process npm started', async () => {
    const server = startMain({}, { npm: true });
    const base = await server.base;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const tree = descendants(server.child.pid!);
    // One process under npm: `exec` replaces the shell, so npm's signal reaches node.
    expect(tree).toHaveLength(1);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    for (const pid of tree) expect(alive(pid), `process ${pid}`).toBe(false);
    expect(server.output()).toContain('SIGTERM: finishing requests in flight');
  });

  it('refuses to start with a partial Easemob configuration, in one JSON line naming what is missing', async () => {
    const server = startMain({
      EASEMOB_BASE_URL: 'https://a1.easemob.com',
      EASEMOB_CLIENT_SECRET: 'top-secret-value',
    });
    expect(await server.exited).toBe(1);
    const lines = server.logLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe(60);
    expect(lines[0]!.msg).toContain('EASEMOB_CLIENT_ID');
    expect(server.output()).not.toContain('top-secret-value');
  });
});

describe('start-up fails closed', () => {
  it('with NODE_ENV=production and no EASEMOB_* variable: exit 1, one line naming what to set', async () => {
    const server = startMain({ NODE_ENV: 'production' });
    expect(await server.exited).toBe(1);
    const lines = server.logLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.msg).toMatch(/^refusing to start on the embedded demo emulator/);
    for (const name of ['EASEMOB_BASE_URL', 'EASEMOB_CLIENT_ID', 'EASEMOB_CLIENT_SECRET']) {
      expect(lines[0]!.msg).toContain(name);
    }
  });

  it('in production with METRICS on and no METRICS_TOKEN: exit 1, one line, before any Easemob call', async () => {
    const emulator = await startEmulator();
    closers.push(() => emulator.close());
    const server = startMain({
      ...remoteEnv(emulator),
      EASEMOB_CLIENT_SECRET: emulator.clientSecret,
      NODE_ENV: 'production',
    });
    expect(await server.exited).toBe(1);
    const lines = server.logLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 60 });
    expect(lines[0]!.msg).toMatch(
      /^refusing to start: METRICS is on in production without METRICS_TOKEN/,
    );
    expect(emulator.calls.count()).toBe(0);
  });

  it('names a misspelt EASEMOB_ variable in the refusal', async () => {
    const server = startMain({ NODE_ENV: 'production', EASMOB_CLIENT_ID: 'YXA6…' });
    expect(await server.exited).toBe(1);
    const lines = server.logLines();
    expect(lines.map((line) => line.level)).toEqual([40, 60]);
    expect(lines[0]).toMatchObject({ variable: 'EASMOB_CLIENT_ID', closest: 'EASEMOB_CLIENT_ID' });
    expect(lines[1]!.msg).toContain('EASMOB_CLIENT_ID is not a known variable');
  });

  it('on a non-loopback HOST without a terminal; ALLOW_EMBEDDED_EMULATOR=true lets a demo run', async () => {
    const refused = startMain({ HOST: '0.0.0.0' });
    expect(await refused.exited).toBe(1);
    expect(refused.logLines()[0]!.msg).toContain('HOST 0.0.0.0 is not a loopback address');

    const demo = startMain({ HOST: '0.0.0.0', ALLOW_EMBEDDED_EMULATOR: 'true' });
    const base = await demo.base;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('warns about a variable that looks like ours, naming the closest; STRICT_ENV=true refuses', async () => {
    const warned = startMain({ LOG_LEVLE: 'debug', UPSTREAM_TIMEOUT: '5000' });
    await warned.url;
    expect(warned.logLines().slice(0, 2)).toMatchObject([
      { level: 40, variable: 'LOG_LEVLE', closest: 'LOG_LEVEL' },
      { level: 40, variable: 'UPSTREAM_TIMEOUT', closest: 'UPSTREAM_TIMEOUT_MS' },
    ]);

    const strict = startMain({ LOG_LEVLE: 'debug', STRICT_ENV: 'true' });
    expect(await strict.exited).toBe(1);
    const lines = strict.logLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.msg).toBe(
      'invalid configuration (STRICT_ENV): LOG_LEVLE is not a known variable (did you mean LOG_LEVEL?)',
    );
  });

  it('exits 1 with one line when the port is taken (EADDRINUSE)', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => blocker.close(resolve)));
    const { port } = blocker.address() as { port: number };

    const server = startMain({ PORT: String(port) });
    expect(await server.exited).toBe(1);
    const lines = server.logLines();
    expect(lines.at(-1)).toMatchObject({
      level: 60,
      msg: `cannot listen on 127.0.0.1:${port}: the address is already in use (EADDRINUSE)`,
    });
    expect(server.output()).not.toMatch(/WebSocket/i);
  });
});

describe('credentials checked at start-up', () => {
  it('Easemob refusing them (invalid_grant): one clear line, never the secret, exit 1', async () => {
    const emulator = await startEmulator();
    closers.push(() => emulator.close());
    const secret = 'YXA6-a-wrong-client-secret';
    const server = startMain({ ...remoteEnv(emulator), EASEMOB_CLIENT_SECRET: secret });
    expect(await server.exited).toBe(1);
    const lines = server.logLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe(60);
    expect(lines[0]!.msg).toContain(
      'Easemob refused the app credentials: app credentials refused (HTTP 400 invalid_grant)',
    );
    expect(lines[0]!.msg).toContain('EASEMOB_CLIENT_SECRET');
    expect(server.output()).not.toContain(secret);
    expect(emulator.calls.count('token')).toBe(1);
  });

  it('with the right ones, the token is obtained before listening and /readyz is 200', async () => {
    const emulator = await startEmulator();
    closers.push(() => emulator.close());
    const server = startMain({
      ...remoteEnv(emulator),
      EASEMOB_CLIENT_SECRET: emulator.clientSecret,
    });
    const base = await server.base;
    expect(emulator.calls.count('token')).toBe(1);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(emulator.calls.count('token')).toBe(1);
    expect(server.logLines().map((line) => line.msg)).toEqual([
      `Easemob: ${emulator.url}`,
      `GraphQL: ${await server.url}`,
      'health: /healthz, /readyz · metrics: /metrics',
    ]);
  });

  it('Easemob unreachable: a warning, listening anyway, /readyz 503 until a token is obtained', async () => {
    // A port nobody listens on, where an emulator starts later.
    const probe = await startEmulator();
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const server = startMain({
      ...remoteEnv({ ...probe, url: `http://127.0.0.1:${port}` }),
      EASEMOB_CLIENT_SECRET: probe.clientSecret,
      UPSTREAM_MAX_RETRIES: '0',
    });
    const base = await server.base;
    expect(server.logLines()[0]).toMatchObject({
      level: 40,
      msg: 'no Easemob app token yet (unreachable (ECONNREFUSED)): listening anyway, /readyz answers 503 until one is obtained',
    });
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      status: 'unavailable',
      reason: 'easemob: unreachable (ECONNREFUSED)',
    });

    const emulator = await startEmulator({ port });
    closers.push(() => emulator.close());
    // Readiness asks for a token again once its cached answer (1.5 s) is old.
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      await sleep(100);
      status = (await fetch(`${base}/readyz`)).status;
    }
    expect(status).toBe(200);
  });
});

/** The processes below `pid`, children first. */
function descendants(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const children = out.split('\n').map(Number).filter(Boolean);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
