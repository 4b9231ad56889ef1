import { afterEach } from 'vitest';
import {
  createEasemobClient,
  type EasemobClient,
  type EasemobClientOptions,
} from '../../src/easemob/client.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/server.js';

export interface Harness {
  emulator: Emulator;
  client: EasemobClient;
}

/**
 * Retries for tests: the policy is the same, without the waiting. A server's Retry-After is still
 * honoured; a test that proves the backoff itself sets its own delays.
 */
export const quickRetry = { initialDelayMs: 0, maxDelayMs: 0, budgetMs: 5_000 };

/**
 * Starts an emulator on an ephemeral port and a real client pointed at it; both are closed after the
 * test. Client-side rate budgets are off unless a test turns them on.
 */
export async function startHarness(
  options: { emulator?: EmulatorOptions; client?: Partial<EasemobClientOptions> } = {},
): Promise<Harness> {
  const emulator = await startEmulator(options.emulator);
  const client = clientOf(emulator, options.client);
  cleanups.push(async () => {
    await client.close();
    await emulator.close();
  });
  return { emulator, client };
}

/** A client of `emulator` with the test defaults (another instance of the app, say); caller closes it. */
export function clientOf(emulator: Emulator, options: Partial<EasemobClientOptions> = {}) {
  return createEasemobClient({
    baseUrl: emulator.url,
    orgName: emulator.orgName,
    appName: emulator.appName,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    rateBudgets: false,
    timeoutMs: 2_000,
    ...options,
    retry: { ...quickRetry, ...options.retry },
  });
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** The promise's rejection, for asserting on typed errors. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
