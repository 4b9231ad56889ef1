import { type ChildProcess, spawn } from 'node:child_process';

const running: ChildProcess[] = [];

/**
 * `npm start` as a user runs it: `src/main.ts` in a real process on a real port, with `env` (and
 * nothing else of this process's environment but PATH). `url` is the GraphQL endpoint it prints,
 * `base` the same without `/graphql`.
 */
export function startMain(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no GraphQL URL in: ${output}`)), 20_000);
    child.stdout.on('data', () => {
      const match = /(?:GraphiQL|GraphQL): (http:\/\/\S+\/graphql)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  const base = url.then((endpoint) => endpoint.replace(/\/graphql$/, ''));
  return { child, url, base, output: () => output };
}

/** For `afterEach`: kills whatever `startMain` started that is still running. */
export function killStartedMains(): void {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
}
