import { describe, expect, it } from 'vitest';
import { manualClock } from '../support/clock.js';
import { startGraphQL, uncached } from '../support/graphql.js';
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
    // The emulator expires tokens and the client schedules refreshes by one shared clock, moved
    // 25 ms per answered query: the same 6 s of token lifetimes, without waiting them out.
    const clock = manualClock();
    const { run, emulator } = await startGraphQL({
      emulator: { seed, now: clock.now },
      client: { token: { now: clock.now } },
      // Every read reaches Easemob, so every token lifetime is crossed by calls.
      reads: uncached,
    });
    emulator.state.setTokenLifetime(2);

    const users = ['alice', 'bob', 'carol'];
    const answers = await runFor(
      6_000,
      5,
      async (i) => {
        const answer = await run(card, { u: users[i % users.length] });
        clock.advance(25);
        return answer;
      },
      clock.now,
    );

    const errors = answers.flatMap((answer) => answer.errors ?? []);
    expect(errors).toEqual([]);
    for (const answer of answers) expect(answer.data?.user?.username).toBeDefined();
    const calls = emulator.calls.list();
    const unauthorized = calls.filter((call) => call.endpoint !== 'token' && call.status === 401);
    expect(unauthorized).toEqual([]);
    // Refreshed in the background at 80% of each token's usable life (2 s less the margin, a third
    // for a token this short: src/easemob/token.ts): about every 1.07 s, not per request.
    const tokens = emulator.calls.count('token');
    report('short-tokens', { queries: answers.length, upstreamCalls: calls.length, tokens });
    expect(answers.length).toBeGreaterThan(100);
    expect(tokens).toBeGreaterThanOrEqual(3);
    expect(tokens).toBeLessThanOrEqual(6);
    expect(rejections.stop()).toEqual([]);
  });
});
