import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { EasemobClientOptions } from '../../src/easemob/client.js';
import type { EmulatorOptions } from '../../src/emulator/server.js';
import type { Logger } from '../../src/logger.js';
import { Realtime, type RealtimeOptions } from '../../src/realtime/realtime.js';
import type { YogaAppOptions } from '../../src/yoga-app.js';
import { startHarness } from './easemob.js';

/**
 * The whole server on a real port — HTTP, SSE and WebSocket — over a real emulator, with
 * subscriptions polling every `pollIntervalMs`.
 */
export async function startLiveServer(
  options: {
    emulator?: EmulatorOptions;
    client?: Partial<EasemobClientOptions>;
    server?: Omit<YogaAppOptions, 'easemob'>;
    pollIntervalMs?: number;
    eventTarget?: RealtimeOptions['eventTarget'];
    coordinators?: RealtimeOptions['coordinators'];
    subscriptionLimits?: RealtimeOptions['subscriptionLimits'];
    /** More configuration, as environment variables (`WS_MAX_CONNECTIONS: '2'`). */
    env?: Record<string, string>;
    /** The app's logger (silent when absent). */
    logger?: Logger;
  } = {},
) {
  const { emulator, client } = await startHarness({
    emulator: options.emulator,
    client: options.client,
  });
  const realtime = new Realtime(client, {
    pollIntervalMs: options.pollIntervalMs ?? 100,
    eventTarget: options.eventTarget,
    coordinators: options.coordinators,
    subscriptionLimits: options.subscriptionLimits,
  });
  const app = await createApp(
    loadConfig({ LOG_LEVEL: 'silent', METRICS: 'false', ...options.env }),
    { client, realtime, yoga: options.server, logger: options.logger },
  );
  await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', resolve));
  const { port } = app.http.address() as AddressInfo;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    realtime.close();
    app.http.closeAllConnections();
    await app.close();
  };
  stops.push(stop);
  return {
    emulator,
    client,
    realtime,
    url: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    port,
    app,
    /** Stops this instance now (as if it died), instead of after the test. */
    stop,
  };
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

/** A GraphQL subscription over Server-Sent Events: yields each `data` payload. */
export async function sse(url: string, query: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query }),
    signal: controller.signal,
  });
  const events: unknown[] = [];
  const waiters: (() => void)[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('');
          if (data) {
            events.push(JSON.parse(data));
            for (const wake of waiters.splice(0)) wake();
          }
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    status: response.status,
    events,
    /** Resolves once `count` events have arrived (or rejects after `ms`). */
    async waitFor(count: number, ms = 5000) {
      const deadline = Date.now() + ms;
      while (events.length < count) {
        if (Date.now() > deadline)
          throw new Error(`only ${events.length} of ${count} events: ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return events;
    },
    close: () => controller.abort(),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds, polling; fails with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
