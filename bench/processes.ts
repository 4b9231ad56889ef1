import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** A process the benchmark started, with what it printed first. */
export interface Started {
  child: ChildProcess;
  first: string;
  stop(): Promise<void>;
}

/** Starts `node ...args` and resolves with its first stdout line matching `ready`. */
export function startNode(
  args: string[],
  env: Record<string, string>,
  ready: RegExp = /^\{/,
): Promise<Started> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (ready.test(line)) resolve({ child, first: line, stop });
    });
    child.once('exit', (code) =>
      reject(new Error(`${args.join(' ')} exited (${code}) before ready: ${stderr.join('')}`)),
    );
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Resident memory of a Linux process, in MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/**
 * RSS of a server left alone: module loading grows V8's young generation to its full 2 × 16 MB,
 * and V8's memory reducer gives it back once the process has been quiet for a while — 15 to 60 s
 * after start-up in our runs — so the reading right after start-up is not what an idle instance
 * holds (the drop is 30–40 MB; a few MB come and go at start-up). Samples every 500 ms from
 * `startedAt` until RSS has fallen 20 MB below its highest and stayed within 1 MB for 5 s, or
 * `maxMs` passed.
 */
export async function idleRssMb(
  pid: number,
  startedAt: number,
  maxMs = 90_000,
): Promise<{ mb: number; startMb: number; fellAfterMs?: number }> {
  const samples: number[] = [];
  let fellAfterMs: number | undefined;
  while (performance.now() < startedAt + maxMs) {
    const mb = rssMb(pid);
    if (samples.length > 0 && Math.max(...samples) - mb > 20) {
      fellAfterMs ??= performance.now() - startedAt;
    }
    samples.push(mb);
    const last = samples.slice(-10);
    const steady = last.length === 10 && Math.max(...last) - Math.min(...last) < 1;
    if (fellAfterMs !== undefined && steady) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { mb: samples.at(-1)!, startMb: samples[0]!, fellAfterMs };
}

/** User + system CPU time a Linux process has used, in milliseconds (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // After the command name: state is field 3, so utime (14) and stime (15) sit at 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Samples a process's RSS until stopped; keeps the peak. */
export function watchMemory(pid: number, everyMs = 100) {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(pid));
    } catch {
      clearInterval(timer);
    }
  }, everyMs);
  return {
    get peak() {
      return Math.max(peak, rssMb(pid));
    },
    stop: () => clearInterval(timer),
  };
}

/** The emulator's connection, as bench/emulator.ts printed it and run.ts passes it on. */
export interface Upstream {
  url: string;
  orgName: string;
  appName: string;
  clientId: string;
  clientSecret: string;
}

export function upstreamFromEnv(): Upstream {
  return JSON.parse(process.env.BENCH_UPSTREAM ?? '{}') as Upstream;
}
