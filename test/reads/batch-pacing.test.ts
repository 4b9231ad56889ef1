import { describe, expect, it } from 'vitest';
import { startLiveServer, until } from '../support/live-server.js';

const seed = {
  users: ['ann', 'ben', 'cid'].map((username) => ({ username, password: 'pw' })),
};

const statusOf = (url: string, name: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ user(username: "${name}") { status } }` }),
  }).then((response) => response.json());

/**
 * Three status reads, each asked while the batches before it are still out (Easemob holds every
 * batch-status answer for 1.5 s). Returns how many batch calls were out before the first answer.
 */
async function batchesOutAtOnce(env: Record<string, string>) {
  const { url, emulator } = await startLiveServer({
    emulator: { seed },
    client: { timeoutMs: 10_000 },
    env,
  });
  emulator.faults.add({ endpoint: 'status.batch', kind: 'delay', ms: 1_500, times: 3 });
  const answers: Promise<unknown>[] = [];
  for (const [i, name] of ['ann', 'ben', 'cid'].entries()) {
    answers.push(statusOf(url, name));
    if (i < 2) await until(() => emulator.calls.count('status.batch') === i + 1, `batch ${i + 1}`);
  }
  // The third read either left (unpaced) or waits for a batch to come back (paced).
  await Promise.race(answers);
  const out = emulator.calls.count('status.batch');
  await Promise.all(answers);
  return { out, total: emulator.calls.count('status.batch') };
}

describe('batch pacing follows the call budget', () => {
  it('under the default budget holds a third batch back while two are out', async () => {
    const { out, total } = await batchesOutAtOnce({});
    expect(out).toBe(2);
    expect(total).toBe(3);
  });

  it('with the client-side budget off (UPSTREAM_RATE_LIMIT_PER_SECOND=0) sends every batch at once', async () => {
    const { out, total } = await batchesOutAtOnce({ UPSTREAM_RATE_LIMIT_PER_SECOND: '0' });
    expect(out).toBe(3);
    expect(total).toBe(3);
  });
});
