import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createYogaApp } from '../../src/yoga-app.js';
import { startHarness } from '../support/easemob.js';
import { listen, ordersSubgraph } from './harness.js';

const root = resolve(import.meta.dirname, '../..');

/** The commands of the first `sh` block under README's "### With Hive Gateway", one a line. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split('\n### With Hive Gateway\n')[1]?.split('\n### ')[0];
  const block = section?.match(/```sh\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error('no ```sh block under "### With Hive Gateway" in README.md');
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const children: ChildProcess[] = [];
const sandboxes: string[] = [];

afterEach(() => {
  // Each command ran in a process group of its own: end the group (npm, sh, tsx, node).
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
  }
  for (const dir of sandboxes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A checkout of this repository as a platform engineer has it (the files the recipe reads,
 * linked), so that what the recipe writes (supergraph.graphql) stays out of the work tree.
 */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'readme-recipe-'));
  sandboxes.push(dir);
  for (const file of [
    'package.json',
    'node_modules',
    'scripts',
    'subgraph.graphql',
    'gateway.config.ts',
    'tsconfig.json',
  ]) {
    symlinkSync(join(root, file), join(dir, file));
  }
  return dir;
}

const gatewayStarted = /Hive Gateway on (http:\/\/\S+)\/graphql/;

/**
 * Runs `command` with `sh`, as typed at a prompt: resolves with its output when it exits 0, or as
 * soon as it says it serves a gateway (it then runs until the test ends).
 */
function run(command: string, cwd: string): Promise<{ stdout: string; gateway?: string }> {
  const child = spawn('sh', ['-c', command], {
    cwd,
    // GATEWAY_PORT=0: the gateway takes a free port and prints it.
    env: { ...process.env, GATEWAY_PORT: '0' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  return new Promise((resolvePromise, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk;
      const started = gatewayStarted.exec(stdout);
      if (started) resolvePromise({ stdout, gateway: started[1] });
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on('exit', (code) => {
      if (code === 0) resolvePromise({ stdout });
      else reject(new Error(`\`${command}\` exited ${code}\n${stdout}\n${stderr}`));
    });
  });
}

describe("README's Hive Gateway recipe", () => {
  it('composes the supergraph, starts the gateway and answers a query, run as written', async () => {
    const commands = readmeCommands();
    expect(commands.length).toBeGreaterThanOrEqual(3);

    // The services the recipe expects to be running: this API and an `orders` subgraph.
    const { client } = await startHarness({
      emulator: { seed: { users: [{ username: 'alice', password: 'pw', nickname: 'Alice' }] } },
    });
    const api = new URL(await listen(createYogaApp({ easemob: client }))).origin;
    const orders = new URL(await listen(ordersSubgraph(['alice']))).origin;

    // The README's addresses are the defaults of a laptop; the test's services have free ports.
    const addresses = new Map([
      ['http://localhost:4000', api],
      ['http://localhost:4001', orders],
    ]);
    const cwd = checkout();
    let last = '';
    for (const written of commands) {
      let command = written;
      for (const [from, to] of addresses) command = command.replaceAll(from, to);
      const { stdout, gateway } = await run(command, cwd);
      if (gateway) addresses.set('http://localhost:4100', new URL(gateway).origin);
      last = stdout;
    }
    expect(addresses.has('http://localhost:4100')).toBe(true);
    expect(readFileSync(join(cwd, 'supergraph.graphql'), 'utf8')).toContain('join__Graph');

    // The last command is the query through the gateway: both subgraphs answered it.
    expect(JSON.parse(last)).toEqual({
      data: { user: { nickname: 'Alice', orders: [{ id: 'alice-1' }, { id: 'alice-2' }] } },
    });
  }, 60_000);
});
