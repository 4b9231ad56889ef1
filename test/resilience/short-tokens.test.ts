import { describe, expect, it } from 'vitest';
import { startGraphQL } from '../support/graphql.js';
import { report, runFor, watchUnhandledRejections } from '../support/load.js';

const seed = {
  users: [
    { username: 'alice', password: 'pw', nickname: 'Alice' },
    { username: 'bob', password: 'pw' },
    { username: 'carol', password: 'pw' },
  ],
  contacts: [
    ['alice', 'bob'],
    ['alice', 'carol'],
    ['bob', 'carol'],
  ] as [string, string][],
};

const card = `query Card($u: String!) {
  user(username: $u) { username nickname status offlineCount contacts { username status } }
}`;

describe('2-second app tokens under continuous load', () => {
  it('6 s of reads: no GraphQL error, and Easemob never answered 401', async () => {
    const rejections = watchUnhandledRejections();
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.state.setTokenLifetime(2);

    const users = ['alice', 'bob', 'carol'];
    const answers = await runFor(6_000, 5, (i) => run(card, { u: users[i % users.length] }));

    const errors = answers.flatMap((answer) => answer.errors ?? []);
    expect(errors).toEqual([]);
    for (const answer of answers) expect(answer.data?.user?.username).toBeDefined();
    const calls = emulator.calls.list();
    const unauthorized = calls.filter((call) => call.endpoint !== 'token' && call.status === 401);
    expect(unauthorized).toEqual([]);
    // Refreshed in the background at 80% of each 2-s life: about every 1.6 s, not per request.
    const tokens = emulator.calls.count('token');
    report('short-tokens', { queries: answers.length, upstreamCalls: calls.length, tokens });
    expect(answers.length).toBeGreaterThan(100);
    expect(tokens).toBeGreaterThanOrEqual(3);
    expect(tokens).toBeLessThanOrEqual(5);
    expect(rejections.stop()).toEqual([]);
  });
});
