import { afterAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/server.js';
import { startEmulator } from '../../src/emulator/server.js';
import { connectFleet, type Fleet } from '../../src/fleet/fleet.js';
import { createReadLayer } from '../../src/reads/reads.js';
import { createYogaApp } from '../../src/yoga-app.js';
import { clientOf } from '../support/easemob.js';
import type { GraphQLResponse } from '../support/graphql.js';
import { startRedis } from '../support/redis.js';
import { expectReadYourWrite, writeCases, writesSeed } from '../support/writes.js';

const redis = await startRedis();
const fleets: Fleet[] = [];
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  await Promise.all(fleets.splice(0).map((fleet) => fleet.close()));
  await redis.stop();
});

let prefixes = 0;

/** An instance of the API over `emulator`, sharing its cache through Redis under `prefix`. */
async function instance(emulator: Emulator, prefix: string) {
  const fleet = await connectFleet(redis.url, prefix);
  fleets.push(fleet);
  const client = clientOf(emulator);
  closers.push(() => client.close());
  const reads = createReadLayer(client, { store: fleet.cacheStore });
  const yoga = createYogaApp({ easemob: client, reads });
  // biome-ignore lint/suspicious/noExplicitAny: response data, asserted field by field
  return async (query: string): Promise<GraphQLResponse<Record<string, any>>> => {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query }),
    });
    return response.json();
  };
}

async function twoInstances() {
  const emulator = await startEmulator({ seed: writesSeed });
  closers.push(() => emulator.close());
  const prefix = `shared-cache-${++prefixes}`;
  return { emulator, a: await instance(emulator, prefix), b: await instance(emulator, prefix) };
}

describe('instances sharing the cache through Redis', () => {
  it('one instance reads from Easemob, the other from what it stored', async () => {
    const { emulator, a, b } = await twoInstances();
    const query = '{ user(username: "alice") { nickname contacts { username } } }';
    expect((await a(query)).data?.user.nickname).toBe('Alice');
    expect((await b(query)).data?.user.nickname).toBe('Alice');
    expect(emulator.calls.count('users.get')).toBe(1);
    expect(emulator.calls.count('contacts.list')).toBe(1);
  });

  it('the same read in flight on two instances is made once', async () => {
    const { emulator, a, b } = await twoInstances();
    emulator.faults.add({ endpoint: 'users.get', kind: 'delay', ms: 200 });
    const query = '{ user(username: "bob") { nickname } }';
    const answers = await Promise.all([a(query), b(query), a(query), b(query)]);
    expect(answers.map((answer) => answer.data?.user.nickname)).toEqual([
      'Bob',
      'Bob',
      'Bob',
      'Bob',
    ]);
    expect(emulator.calls.count('users.get')).toBe(1);
  });

  it.each(writeCases)(
    'a write through one instance is read through the other: $name',
    async (testCase) => {
      const { a, b } = await twoInstances();
      await expectReadYourWrite(testCase, a, b);
    },
  );
});
