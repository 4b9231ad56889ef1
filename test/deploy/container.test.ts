import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startEmulator } from '../../src/emulator/server.js';
import {
  envOf,
  execForm,
  interpolate,
  readDockerfile,
  readYamlSubset,
  type Stage,
  type YamlValue,
} from '../support/container-files.js';
import { startRedis } from '../support/redis.js';

/**
 * The container files, checked without a Docker engine: the Dockerfile's stages and what reaches the
 * runtime image, the HEALTHCHECK command run for real, compose.yaml's services against the variables
 * the code reads, and a gateway started with compose's environment against the emulator.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const stages = readDockerfile(read('Dockerfile'));
const runtime = stages.at(-1)!;
const compose = readYamlSubset(read('compose.yaml'));

type Mapping = { [key: string]: YamlValue };
const mapping = (value: YamlValue | undefined, what: string): Mapping => {
  if (value === undefined || typeof value === 'string' || Array.isArray(value)) {
    throw new Error(`${what} should be a mapping`);
  }
  return value;
};
const services = mapping(compose.services, 'services');
const service = (name: string) => mapping(services[name], `services.${name}`);
const environment = (name: string) =>
  mapping(service(name).environment, `services.${name}.environment`) as Record<string, string>;

const stageNamed = (name: string) => stages.find((stage) => stage.name === name);
const runs = (stage: Stage) =>
  stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
const the = (stage: Stage, keyword: string) =>
  stage.instructions.filter((i) => i.keyword === keyword);
/** The stage a stage starts from, through `FROM <stage>` chains: everything it inherits. */
const lineage = (stage: Stage): Stage[] => {
  const parent = stageNamed(stage.from);
  return parent ? [stage, ...lineage(parent)] : [stage];
};

/** `COPY [--from=x] [--chown=…] src… dest` → { from, sources, dest }. */
const copies = (stage: Stage) =>
  the(stage, 'COPY').map(({ args }) => {
    const words = args.split(/\s+/);
    const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
    const paths = words.filter((w) => !w.startsWith('--'));
    return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
  });

/** Runs a health check's exec form (`node -e …`) with this Node and `env`; resolves its exit code. */
async function healthcheck(command: string[], env: Record<string, string>) {
  expect(command[0]).toBe('node');
  const child = spawn(process.execPath, command.slice(1), {
    env: { PATH: process.env.PATH, ...env },
    stdio: 'ignore',
  });
  const [code] = await once(child, 'exit');
  return code as number;
}

/** A stand-in server answering `/healthz` with `status`, on an ephemeral port. */
async function healthServer(status: number) {
  const server = createServer((request, response) => {
    response.statusCode = request.url === '/healthz' ? status : 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

const closers: (() => Promise<void>)[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('Dockerfile', () => {
  it('builds in stages from a pinned slim Node image', () => {
    expect(stages.map((s) => s.name)).toEqual(['deps', 'build', 'prod-deps', 'runtime']);
    for (const stage of stages.filter((s) => !stageNamed(s.from))) {
      expect(stage.from).toMatch(/^node:20[\w.-]*-slim$/);
    }
    expect(runs(stageNamed('deps')!)).toContain('npm ci --no-audit --no-fund');
    expect(runs(stageNamed('build')!)).toContain('npm run build');
    expect(stageNamed('build')!.from).toBe('deps');
    // The build compiles with tsconfig.build.json: src/ → dist/, so the commands below exist.
    const build = JSON.parse(read('tsconfig.build.json')) as {
      compilerOptions: { rootDir: string; outDir: string };
    };
    expect(build.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
    expect(existsSync(join(root, 'src/main.ts'))).toBe(true);
    expect(existsSync(join(root, 'src/emulator/main.ts'))).toBe(true);
  });

  it('ships only production dependencies and the compiled code, run by the node user', () => {
    expect(runtime.name).toBe('runtime');
    expect(stageNamed(runtime.from)).toBeUndefined();
    // Nothing is installed in the runtime stage itself; node_modules comes from prod-deps, which
    // starts from the bare image and installs with --omit=dev.
    expect(runs(runtime)).toEqual([]);
    const copied = copies(runtime);
    expect(copied).toEqual([
      { from: undefined, sources: ['package.json'], dest: './' },
      { from: 'prod-deps', sources: ['/app/node_modules'], dest: './node_modules' },
      { from: 'build', sources: ['/app/dist'], dest: './dist' },
    ]);
    const prodDeps = stageNamed('prod-deps')!;
    expect(lineage(prodDeps)).toHaveLength(1);
    const installs = lineage(prodDeps).flatMap(runs);
    expect(installs.some((run) => run.includes('npm ci --omit=dev'))).toBe(true);
    expect(installs.every((run) => !/npm (ci|install)(?![^&]*--omit=dev)/.test(run))).toBe(true);

    expect(envOf(runtime)).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', PORT: '4000' });
    expect(the(runtime, 'EXPOSE').map((i) => i.args)).toEqual(['4000']);
    const keywords = runtime.instructions.map((i) => i.keyword);
    expect(the(runtime, 'USER').map((i) => i.args)).toEqual(['node']);
    expect(keywords.indexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
    expect(the(runtime, 'CMD').map((i) => execForm(i.args))).toEqual([['node', 'dist/main.js']]);
  });

  it('sends a build context with what the stages copy, and without local junk or secrets', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of ['node_modules', 'dist', '.git', '.env', 'test-results', 'coverage']) {
      expect(ignored).toContain(entry);
    }
    const local = stages.flatMap(copies).filter((c) => c.from === undefined);
    for (const source of local.flatMap((c) => c.sources)) {
      expect(existsSync(join(root, source)), source).toBe(true);
      expect(ignored, `${source} is copied but .dockerignore drops it`).not.toContain(source);
    }
  });

  it('has a HEALTHCHECK that passes on 200 from /healthz and fails on 503 or no server', async () => {
    const [check, ...more] = the(runtime, 'HEALTHCHECK');
    expect(more).toEqual([]);
    const match = /^((?:--[\w-]+=\S+\s+)*)CMD\s+(\[.*\])$/.exec(check!.args);
    expect(match, check!.args).not.toBeNull();
    const options = match![1]!;
    for (const option of ['--interval=', '--timeout=', '--start-period=', '--retries=']) {
      expect(options).toContain(option);
    }
    const command = execForm(match![2]!)!;
    expect(command.join(' ')).toContain('/healthz');

    expect(await healthcheck(command, { PORT: String(await healthServer(200)) })).toBe(0);
    expect(await healthcheck(command, { PORT: String(await healthServer(503)) })).toBe(1);
    const closed = await healthServer(200);
    await closers.pop()!();
    expect(await healthcheck(command, { PORT: String(closed) })).toBe(1);
  });
});

describe('compose.yaml', () => {
  /** What the operator's shell provides: compose will not start without an admin key. */
  const shell = {
    ADMIN_API_KEYS: 'an-operator-chosen-admin-key-0123456789',
    METRICS_TOKEN: 'an-operator-chosen-metrics-token',
  };
  /** gateway-1's environment as compose would hand it over, given the shell's variables. */
  const gatewayEnv = (more: Record<string, string> = {}) =>
    Object.fromEntries(
      Object.entries(environment('gateway-1')).map(([k, v]) => [
        k,
        interpolate(v, { ...shell, ...more }),
      ]),
    );
  /** Names `src/config.ts` declares in its environment schema. */
  const configNames = new Set(
    [...read('src/config.ts').matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!),
  );
  /** Names the standalone emulator reads. */
  const emulatorNames = new Set(
    [...read('src/emulator/main.ts').matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)].map(
      (m) => m[1]!,
    ),
  );

  it('runs Redis, the emulator and two gateways, the app services from this image', () => {
    expect(Object.keys(services).sort()).toEqual(['emulator', 'gateway-1', 'gateway-2', 'redis']);
    expect(service('redis').image).toMatch(/^redis:7/);
    for (const name of ['emulator', 'gateway-1', 'gateway-2']) {
      expect(service(name)).toMatchObject({ image: 'easemob-graphql:local', build: '.' });
    }
    expect(service('emulator').command).toEqual(['node', 'dist/emulator/main.js']);
    expect(service('gateway-1').command).toBeUndefined();
    expect(service('gateway-1').ports).toEqual(['127.0.0.1:4001:4000']);
    expect(service('gateway-2').ports).toEqual(['127.0.0.1:4002:4000']);
    for (const name of ['gateway-1', 'gateway-2']) {
      expect(service(name).depends_on).toEqual({
        redis: { condition: 'service_healthy' },
        emulator: { condition: 'service_healthy' },
      });
    }
    expect(environment('gateway-2')).toEqual(environment('gateway-1'));
  });

  it("publishes only the gateways, on loopback: the emulator's admin routes and Redis stay inside", () => {
    for (const [name, value] of Object.entries(services)) {
      const ports = mapping(value, name).ports;
      if (ports === undefined) continue;
      expect(Array.isArray(ports), name).toBe(true);
      // `HOST:PUBLISHED:TARGET` with a loopback HOST; `PUBLISHED:TARGET` alone binds 0.0.0.0.
      for (const port of ports as string[]) expect(port, name).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    }
    expect(service('emulator').ports).toBeUndefined();
    expect(service('redis').ports).toBeUndefined();
    expect(service('emulator').expose).toBeUndefined();
  });

  it('has no default admin key: compose refuses to start until the shell sets ADMIN_API_KEYS', () => {
    for (const name of ['gateway-1', 'gateway-2']) {
      const keys = environment(name).ADMIN_API_KEYS!;
      expect(keys).toMatch(/^\$\{ADMIN_API_KEYS:\?[^}]+\}$/);
      expect(() => interpolate(keys)).toThrow(/ADMIN_API_KEYS/);
      expect(() => interpolate(keys, { ADMIN_API_KEYS: '' })).toThrow(/ADMIN_API_KEYS/);
      expect(interpolate(keys, { ADMIN_API_KEYS: shell.ADMIN_API_KEYS })).toBe(
        shell.ADMIN_API_KEYS,
      );
      // No secret has a fallback written into the file.
      for (const secret of ['ADMIN_API_KEYS', 'JWT_SECRET', 'METRICS_TOKEN']) {
        expect(environment(name)[secret] ?? '').not.toMatch(/:-[^}]/);
      }
    }
  });

  it('serves no GraphiQL and no introspection unless the shell asks for them', () => {
    expect(loadConfig(gatewayEnv()).graphql).toMatchObject({
      graphiql: false,
      introspection: false,
    });
    expect(
      loadConfig(gatewayEnv({ GRAPHIQL: 'true', INTROSPECTION: 'true' })).graphql,
    ).toMatchObject({ graphiql: true, introspection: true });
  });

  it('uses only variables the code reads', () => {
    expect(configNames.size).toBeGreaterThan(30);
    for (const name of Object.keys(environment('gateway-1'))) {
      expect(configNames, `${name} is not in src/config.ts`).toContain(name);
    }
    expect(emulatorNames).toEqual(new Set(['EMULATOR_PORT', 'EMULATOR_HOST']));
    expect(environment('emulator')).toEqual({ EMULATOR_HOST: '0.0.0.0', EMULATOR_PORT: '5080' });
  });

  it("configures the gateways for the emulator's demo app, with authentication and Redis", async () => {
    // As the image runs it (its NODE_ENV=production).
    const config = loadConfig({ ...gatewayEnv(), NODE_ENV: 'production' });
    const emulator = await startEmulator({ seed: false });
    closers.push(() => emulator.close());
    expect(config.easemob).toEqual({
      mode: 'remote',
      baseUrl: `http://emulator:${environment('emulator').EMULATOR_PORT}`,
      orgName: emulator.orgName,
      appName: emulator.appName,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
    });
    expect(config.auth.open).toBe(false);
    expect(config.auth.adminApiKeys).toEqual([shell.ADMIN_API_KEYS]);
    expect(config.auth.jwt).toBeUndefined();
    expect(config.redis?.url).toBe('redis://redis:6379');
    expect(config.server).toMatchObject({ host: '0.0.0.0', port: 4000 });
    // A JWT secret from the shell turns viewer tokens on.
    const withJwt = gatewayEnv({ JWT_SECRET: 'x'.repeat(32) });
    expect(loadConfig(withJwt).auth.jwt?.secret).toBe('x'.repeat(32));
  });

  it("checks the emulator's health with a command that passes against a running emulator", async () => {
    const test = mapping(service('emulator').healthcheck, 'healthcheck').test;
    expect(Array.isArray(test) && test[0]).toBe('CMD');
    const command = (test as string[]).slice(1);
    const emulator = await startEmulator({ seed: 'demo' });
    closers.push(() => emulator.close());
    const port = new URL(emulator.url).port;
    expect(await healthcheck(command, { EMULATOR_PORT: port })).toBe(0);
    await closers.pop()!();
    expect(await healthcheck(command, { EMULATOR_PORT: port })).toBe(1);
  });

  it("serves the API from a gateway started with compose's environment, admin key required", async () => {
    // The fleet in miniature: compose's service names mapped to local ports.
    const emulator = await startEmulator({ seed: 'demo' });
    closers.push(() => emulator.close());
    const redis = await startRedis();
    closers.push(redis.stop);
    const env = gatewayEnv();
    env.EASEMOB_BASE_URL = emulator.url;
    env.REDIS_URL = redis.url;
    env.HOST = '127.0.0.1';
    env.PORT = '0';
    // The banner, URL included, is an info log line: a silent gateway would not print it.
    env.LOG_LEVEL = 'info';
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr!.on('data', (chunk) => {
      output += chunk;
    });
    const deadline = Date.now() + 15_000;
    let match: RegExpExecArray | null = null;
    while (!match) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no URL in: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      match = /(?:GraphiQL|GraphQL): (http:\/\/\S+?\/graphql)/.exec(output);
    }
    const url = match[1]!;
    expect(output).not.toContain('OPEN DEV MODE');

    const ask = (headers: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ user(username: "alice") { username } }' }),
      }).then((r) => r.json() as Promise<{ data?: unknown; errors?: { extensions?: unknown }[] }>);
    const anonymous = await ask({});
    expect(anonymous.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const admin = await ask({ authorization: `Bearer ${env.ADMIN_API_KEYS}` });
    expect(admin).toEqual({ data: { user: { username: 'alice' } } });

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }, 30_000);
});

describe('runtime imports', () => {
  it('need only production dependencies (devDependencies are not in the image)', () => {
    const pkg = JSON.parse(read('package.json')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        if (entry === 'node_modules') return [];
        if (statSync(path).isDirectory()) return files(path);
        return path.endsWith('.ts') ? [path] : [];
      });
    const needed = new Map<string, string>();
    for (const file of files(join(root, 'src'))) {
      const source = readFileSync(file, 'utf8');
      // `import type` is erased; any other import or re-export loads the package at run time.
      const specifiers = source.matchAll(
        /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm,
      );
      for (const [, specifier] of specifiers) {
        if (specifier!.startsWith('.') || specifier!.startsWith('node:')) continue;
        const parts = specifier!.split('/');
        const name = specifier!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
        needed.set(name, relative(root, file));
      }
    }
    expect(needed.size).toBeGreaterThan(10);
    for (const [name, file] of needed) {
      expect(pkg.dependencies, `${file} imports ${name}`).toHaveProperty([name]);
    }
  });
});
