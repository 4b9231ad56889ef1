import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SeedData } from '../src/emulator/seed.js';
import { startEmulator } from '../src/emulator/server.js';
import { budgetSeed } from './budget-data.js';
import { contactCount, hub, userCount, usernameAt } from './scenarios.js';

/**
 * The benchmark's Easemob: its own process, seeded with a hub user with 1,000 contacts.
 * `BENCH_EMULATOR=budget`: the budget phase's app instead (see budget.ts), with Easemob's documented
 * rate limits on, and a second port answering what the admin routes do not: each endpoint's 429s
 * and the usernames batch-status calls carried.
 */
const budget = process.env.BENCH_EMULATOR === 'budget';
const names = Array.from({ length: userCount }, (_, i) => usernameAt(i));
const seed: SeedData = budget
  ? budgetSeed()
  : {
      users: [hub, ...names].map((username) => ({ username, password: 'password' })),
      contacts: names.slice(0, contactCount).map((name): [string, string] => [hub, name]),
      online: names.filter((_, i) => i % 3 === 0),
    };
const emulator = await startEmulator({
  host: '127.0.0.1',
  port: 0,
  seed,
  rateLimits: budget ? 'easemob' : false,
});

let statsUrl: string | undefined;
if (budget) {
  const stats = createServer((_request, response) => {
    const rejected: Record<string, number> = {};
    let statusCalls = 0;
    let statusNames = 0;
    for (const record of emulator.calls.list()) {
      if (record.status === 429) rejected[record.endpoint] = (rejected[record.endpoint] ?? 0) + 1;
    }
    for (const usernames of emulator.calls.usernames('status.batch')) {
      statusCalls++;
      statusNames += usernames.length;
    }
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({ ...emulator.calls.snapshot(), rejected, statusCalls, statusNames }),
    );
  });
  await new Promise<void>((resolve) => stats.listen(0, '127.0.0.1', resolve));
  statsUrl = `http://127.0.0.1:${(stats.address() as AddressInfo).port}`;
}

const { url, baseUrl, orgName, appName, clientId, clientSecret } = emulator;
console.log(JSON.stringify({ url, baseUrl, orgName, appName, clientId, clientSecret, statsUrl }));
process.once('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
