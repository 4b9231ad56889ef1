import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';

/** One GraphQL request: its body and its bearer credential. */
export interface Shot {
  body: string;
  token: string;
}

/** What a load run saw: served = HTTP 200 without errors; the rest by error code (or HTTP status). */
export interface Outcome {
  sent: number;
  served: number;
  failed: Record<string, number>;
  seconds: number;
  p50: number;
  p99: number;
  maxMs: number;
}

export class Recorder {
  private readonly latencies: number[] = [];
  served = 0;
  readonly failed: Record<string, number> = {};

  add(ms: number, status: number, text: string): void {
    this.latencies.push(ms);
    let code: string | undefined;
    try {
      const answer = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
      if (answer.errors?.length) code = answer.errors[0]?.extensions?.code ?? 'ERROR';
    } catch {
      code = 'BAD_JSON';
    }
    if (status !== 200 && !code) code = `HTTP_${status}`;
    if (code) this.failed[code] = (this.failed[code] ?? 0) + 1;
    else this.served++;
  }

  fail(ms: number, error: unknown): void {
    this.latencies.push(ms);
    const code = (error as { code?: string }).code ?? 'NETWORK';
    this.failed[code] = (this.failed[code] ?? 0) + 1;
  }

  outcome(seconds: number): Outcome {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const at = (q: number) =>
      round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
    return {
      sent: sorted.length,
      served: this.served,
      failed: this.failed,
      seconds,
      p50: at(0.5),
      p99: at(0.99),
      maxMs: round(sorted.at(-1) ?? 0),
    };
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** A pool of keep-alive connections to one gateway's /graphql. */
export function gatewayPool(url: string, connections: number) {
  const pool = new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const send = async (shot: Shot, recorder: Recorder) => {
    const started = performance.now();
    try {
      const response = await pool.request({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${shot.token}` },
        body: shot.body,
      });
      const text = await response.body.text();
      recorder.add(performance.now() - started, response.statusCode, text);
    } catch (error) {
      recorder.fail(performance.now() - started, error);
    }
  };
  /** One request outside any measurement: its parsed answer. */
  const raw = async (query: string, token: string): Promise<unknown> => {
    const response = await pool.request({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return response.body.json();
  };
  /**
   * Opens `connections` connections before a measurement, by as many concurrent `{ __typename }`
   * (no Easemob call). A Node server whose event loop is saturated accepts new connections only a
   * few a second (the flood's gateway: ~80 connections in its listen queue, draining ~6 a second;
   * strace shows one accept per poll, never to EAGAIN), so a pool that connects during a flood
   * measures the gateway's accept queue (10 s and more), not its answers.
   */
  const connect = async (token: string) => {
    await Promise.all(Array.from({ length: connections }, () => raw('{ __typename }', token)));
  };
  return { send, raw, connect, close: () => pool.close() };
}

/**
 * A closed loop: `workers` callers, each sending its next request as soon as the previous one was
 * answered, for `seconds` (or until `requests` were sent). `next(worker, n)` picks each request.
 */
export async function closedLoop(
  pool: ReturnType<typeof gatewayPool>,
  workers: number,
  limit: { seconds: number } | { requests: number },
  next: (worker: number, n: number) => Shot,
): Promise<Outcome> {
  const recorder = new Recorder();
  const started = performance.now();
  const end = 'seconds' in limit ? started + limit.seconds * 1000 : Number.POSITIVE_INFINITY;
  const requests = 'requests' in limit ? limit.requests : Number.POSITIVE_INFINITY;
  let n = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < end && n < requests) await pool.send(next(worker, n++), recorder);
    }),
  );
  return recorder.outcome((performance.now() - started) / 1000);
}

/** An open loop: one request every `everyMs` whatever the answers, for `seconds`. */
export async function paced(
  pool: ReturnType<typeof gatewayPool>,
  everyMs: number,
  seconds: number,
  next: (n: number) => Shot,
): Promise<Outcome> {
  const recorder = new Recorder();
  const started = performance.now();
  const sent: Promise<void>[] = [];
  for (let n = 0; n * everyMs < seconds * 1000; n++) {
    const due = started + n * everyMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    sent.push(pool.send(next(n), recorder));
  }
  await Promise.all(sent);
  return recorder.outcome((performance.now() - started) / 1000);
}

/** Zipf(s) over ranks 0..n-1, drawn with `random`: the CDF once, then a binary search per draw. */
export function zipf(n: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 1; k <= n; k++) {
    sum += 1 / k ** s;
    cdf[k - 1] = sum;
  }
  for (let i = 0; i < n; i++) cdf[i]! /= sum;
  return () => {
    const u = random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** mulberry32: a small seeded PRNG, so every run draws the same users. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
