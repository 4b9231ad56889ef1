import { type ChildProcess, spawn } from 'node:child_process';

const running: ChildProcess[] = [];

export interface MainOptions {
  /** Run `npm start` itself instead of `node --import tsx src/main.ts`. */
  npm?: boolean;
}

export type StartedMain = ReturnType<typeof startMain>;

/**
 * `npm start` as a user runs it: `src/main.ts` in a real process on a real port, with `env` (and
 * nothing else of this process's environment but PATH; HOME too for npm). `url` is the GraphQL
 * endpoint it prints, `base` the same without `/graphql`.
 */
export function startMain(env: Record<string, string> = {}, options: MainOptions = {}) {
  const [command, args] = options.npm
    ? ['npm', ['start']]
    : [process.execPath, ['--import', 'tsx', 'src/main.ts']];
  const child = spawn(command, args, {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      ...(options.npm ? { HOME: process.env.HOME } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // npm's own process group, so that cleaning up reaches the server npm started.
    detached: options.npm,
  });
  running.push(child);
  let output = '';
  let stdout = '';
  const watchers: { test: () => boolean; resolve: () => void }[] = [];
  const collect = (chunk: Buffer) => {
    output += chunk;
    for (const watcher of [...watchers]) {
      if (watcher.test()) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
    collect(chunk);
  });
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  /** Resolves when the output contains `text` (rejects if the process exits first). */
  const waitFor = (text: string | RegExp, ms = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const test = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      if (test()) return resolve();
      const timer = setTimeout(() => reject(new Error(`no ${text} in: ${output}`)), ms);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      watchers.push({ test, resolve: done });
      void exited.then(() => {
        if (!test()) {
          clearTimeout(timer);
          reject(new Error(`exited without ${text}: ${output}`));
        }
      });
    });

  const url = waitFor(/(?:GraphiQL|GraphQL): http:\/\/\S+?\/graphql/).then(
    () => /(?:GraphiQL|GraphQL): (http:\/\/\S+?\/graphql)/.exec(output)![1]!,
  );
  const base = url.then((endpoint) => endpoint.replace(/\/graphql$/, ''));
  // A process meant to fail never prints a URL: not an unhandled rejection.
  url.catch(() => {});
  base.catch(() => {});
  return {
    child,
    url,
    base,
    exited,
    waitFor,
    output: () => output,
    stdout: () => stdout,
    /** stdout's lines, each parsed as JSON (throws on one that is not). */
    logLines: () =>
      stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as { level: number; msg: string; [key: string]: unknown }),
  };
}

/** For `afterEach`: kills whatever `startMain` started that is still running. */
export function killStartedMains(): void {
  for (const child of running.splice(0)) {
    try {
      // A detached child leads its group: kill the group (npm and the server it started).
      if (child.spawnargs[0] === 'npm' && child.pid) process.kill(-child.pid, 'SIGKILL');
      else if (child.exitCode === null) child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}
