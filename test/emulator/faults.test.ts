import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector } from '../../src/emulator/faults.js';
import { startEmulator } from '../../src/emulator/server.js';
import { seededRandom } from '../support/clock.js';
import { adminToken, useEmulator } from '../support/emulator.js';
import { getJson, postJson } from '../support/http.js';
import { until } from '../support/load.js';

const ctx = useEmulator({ seed: { users: [{ username: 'u1', password: 'p' }] } });

afterEach(() => {
  ctx.emulator.faults.clear();
});

function status() {
  return getJson(`${ctx.emulator.baseUrl}/users/u1/status`, { token: ctx.token });
}

function send(text: string) {
  return postJson(
    `${ctx.emulator.baseUrl}/messages`,
    { target_type: 'users', target: ['u1'], msg: { type: 'txt', msg: text } },
    { token: ctx.token },
  );
}

function sentTexts(): string[] {
  return ctx.emulator.state.sentMessages.map(
    (message) => (message.bodies[0] as { msg: string }).msg,
  );
}

describe('status faults', () => {
  it('answers 429 with the Easemob reach_limit body', async () => {
    ctx.emulator.faults.add({ endpoint: 'status.get', kind: 'status', status: 429, times: 1 });
    const limited = await status();
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      error: 'reach_limit',
      duration: 0,
      exception: 'EasemobLimitException',
      error_description: 'This request has reached api limit',
    });
    expect(typeof limited.body.timestamp).toBe('number');
    expect((await status()).status).toBe(200);
  });

  it('sets Retry-After and answers 503 service_unavailable', async () => {
    ctx.emulator.faults.add({ kind: 'status', status: 503, retryAfter: 2, times: 1 });
    const response = await status();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.body.error).toBe('service_unavailable');
    expect(typeof response.body.exception).toBe('string');
    expect(typeof response.body.error_description).toBe('string');
  });

  it('answers a given body', async () => {
    ctx.emulator.faults.add({ kind: 'status', status: 500, body: { boom: true }, times: 1 });
    const response = await status();
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ boom: true });
  });

  it('does not process the request by default', async () => {
    ctx.emulator.faults.add({ endpoint: 'messages.send', kind: 'status', status: 500, times: 1 });
    const response = await send('never stored');
    expect(response.status).toBe(500);
    expect(sentTexts()).not.toContain('never stored');
  });

  it("processes the request first with when: 'after'", async () => {
    ctx.emulator.faults.add({
      endpoint: 'messages.send',
      kind: 'status',
      status: 503,
      when: 'after',
      times: 1,
    });
    const response = await send('stored anyway');
    expect(response.status).toBe(503);
    expect(sentTexts().filter((text) => text === 'stored anyway')).toHaveLength(1);
  });
});

describe('reset faults', () => {
  it('destroys the socket before processing', async () => {
    ctx.emulator.faults.add({ endpoint: 'messages.send', kind: 'reset', times: 1 });
    await expect(send('lost before')).rejects.toThrow();
    expect(sentTexts()).not.toContain('lost before');
    const [record] = ctx.emulator.calls.list('messages.send').slice(-1);
    expect(record?.status).toBe(0);
  });

  it('destroys the socket after the message was stored: the ambiguous failure', async () => {
    ctx.emulator.faults.add({ endpoint: 'messages.send', kind: 'reset', when: 'after', times: 1 });
    await expect(send('stored then reset')).rejects.toThrow();
    expect(sentTexts().filter((text) => text === 'stored then reset')).toHaveLength(1);
    expect((await send('next one')).status).toBe(200);
  });
});

describe('other faults', () => {
  it('answers 200 with a body that is not JSON', async () => {
    ctx.emulator.faults.add({ kind: 'malformed', times: 1 });
    const response = await status();
    expect(response.status).toBe(200);
    expect(() => JSON.parse(response.text)).toThrow();
  });

  it('delays before processing, then answers normally', async () => {
    ctx.emulator.faults.add({ endpoint: 'status.get', kind: 'delay', ms: 150, times: 1 });
    const started = Date.now();
    const response = await status();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ u1: 'offline' });
  });

  it('delays after processing', async () => {
    ctx.emulator.faults.add({
      endpoint: 'messages.send',
      kind: 'delay',
      ms: 150,
      when: 'after',
      times: 1,
    });
    const started = Date.now();
    let answered = false;
    const pending = send('slow answer').finally(() => {
      answered = true;
    });
    // The message is stored while the answer is still held back: the ambiguous failure.
    await until(() => sentTexts().includes('slow answer'));
    expect(sentTexts()).toContain('slow answer');
    expect(answered).toBe(false);
    const response = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
  });

  it('answers a canned response verbatim, such as a documented example', async () => {
    const verbatim = '{\n  "action": "get",\n  "data": {\n    "user1": "offline"\n  }\n}';
    ctx.emulator.faults.add({
      kind: 'respond',
      body: verbatim,
      headers: { 'x-canned': 'yes' },
      times: 1,
    });
    const response = await status();
    expect(response.status).toBe(200);
    expect(response.text).toBe(verbatim);
    expect(response.headers.get('x-canned')).toBe('yes');
    ctx.emulator.faults.add({ kind: 'respond', status: 202, body: { a: 1 }, times: 1 });
    const object = await status();
    expect(object.status).toBe(202);
    expect(object.body).toEqual({ a: 1 });
  });
});

describe('fault matching', () => {
  it('applies to the next N matching calls only', async () => {
    ctx.emulator.faults.add({ kind: 'status', status: 500, times: 2 });
    expect((await status()).status).toBe(500);
    expect((await status()).status).toBe(500);
    expect((await status()).status).toBe(200);
  });

  it('lasts until removed when times is absent', async () => {
    const id = ctx.emulator.faults.add({ endpoint: 'status.get', kind: 'status', status: 502 });
    expect((await status()).status).toBe(502);
    expect((await status()).status).toBe(502);
    expect(ctx.emulator.faults.remove(id)).toBe(true);
    expect((await status()).status).toBe(200);
  });

  it('only hits the endpoint it names', async () => {
    ctx.emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 500 });
    expect((await status()).status).toBe(200);
    const user = await getJson(`${ctx.emulator.baseUrl}/users/u1`, { token: ctx.token });
    expect(user.status).toBe(500);
  });

  it('honours probability 0 and 1', async () => {
    ctx.emulator.faults.add({ kind: 'status', status: 500, probability: 0 });
    expect((await status()).status).toBe(200);
    ctx.emulator.faults.clear();
    ctx.emulator.faults.add({ kind: 'status', status: 500, probability: 1 });
    expect((await status()).status).toBe(500);
  });

  it('counts faulted calls', async () => {
    ctx.emulator.calls.reset();
    ctx.emulator.faults.add({ kind: 'status', status: 500, times: 1 });
    await status();
    await status();
    expect(ctx.emulator.calls.count('status.get')).toBe(2);
    expect(ctx.emulator.calls.list('status.get').map((call) => call.status)).toEqual([500, 200]);
  });
});

describe('seeded faults', () => {
  it('draws from the random source given to startEmulator, so a run repeats exactly', async () => {
    const pattern = async (seed: number) => {
      const emulator = await startEmulator({
        seed: { users: [{ username: 'u1', password: 'p' }] },
        random: seededRandom(seed),
      });
      try {
        const token = await adminToken(emulator);
        emulator.faults.add({
          endpoint: 'status.get',
          kind: 'status',
          status: 503,
          probability: 0.5,
        });
        const statuses: number[] = [];
        for (let i = 0; i < 16; i++) {
          statuses.push((await getJson(`${emulator.baseUrl}/users/u1/status`, { token })).status);
        }
        return statuses;
      } finally {
        await emulator.close();
      }
    };
    const first = await pattern(7);
    expect(await pattern(7)).toEqual(first);
    const draws = seededRandom(7);
    expect(first).toEqual(Array.from({ length: 16 }, () => (draws() < 0.5 ? 503 : 200)));
    expect(first).toContain(503);
    expect(first).toContain(200);
  });
});

describe('FaultInjector', () => {
  it('draws probability from the injected random source', () => {
    const draws = [0.1, 0.9, 0.2];
    const injector = new FaultInjector({ random: () => draws.shift() ?? 1 });
    injector.add({ kind: 'reset', probability: 0.5 });
    expect(injector.take('status.get', 'before')?.kind).toBe('reset');
    expect(injector.take('status.get', 'before')).toBeUndefined();
    expect(injector.take('status.get', 'before')?.kind).toBe('reset');
  });

  it('keeps before and after faults apart', () => {
    const injector = new FaultInjector();
    injector.add({ kind: 'reset', when: 'after', times: 1 });
    expect(injector.take('status.get', 'before')).toBeUndefined();
    expect(injector.take('status.get', 'after')?.kind).toBe('reset');
    expect(injector.size).toBe(0);
  });

  it('rejects faults that make no sense', () => {
    const injector = new FaultInjector();
    expect(() => injector.add({ kind: 'explode' } as never)).toThrow();
    expect(() => injector.add({ kind: 'status', status: 42 })).toThrow();
    expect(() => injector.add({ kind: 'reset', times: 0 })).toThrow();
    expect(() => injector.add({ kind: 'reset', probability: 2 })).toThrow();
    expect(() => injector.add({ kind: 'delay', ms: -1 })).toThrow();
  });
});
