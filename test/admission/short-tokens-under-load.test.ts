import { describe, expect, it } from 'vitest';
import { startGraphQL, uncached } from '../support/graphql.js';
import { report, runFor } from '../support/load.js';

const users = ['alice', 'bob', 'carol'];
const seed = { users: users.map((username) => ({ username, password: 'pw', nickname: username })) };
const card = 'query ($u: String!) { user(username: $u) { username nickname } }';

describe('3-second app tokens, 300 concurrent readers through a 100/s budget for 7 s', () => {
  // Before: the token was taken before the wait for budget and its refresh queued behind the data
  // calls, so calls left with expired tokens — 291 Easemob 401s and 28 UNAUTHENTICATED in 627.
  it('no caller sees UNAUTHENTICATED and Easemob never answers 401', async () => {
    const { run, emulator } = await startGraphQL({
      emulator: { seed, defaultTokenTtlSeconds: 3 },
      // Every answer a call of its own (but for reads in flight together): the tokens must keep up.
      reads: uncached,
      // A wait bound longer than a token's life: waits alone could outlast a token.
      client: { rateBudgets: { appPerSecond: 100, maxWaitMs: 5_000 } },
    });
    const answers = await runFor(7_000, 300, (i) => run(card, { u: users[i % users.length] }));

    const errors = answers.flatMap((answer) => answer.errors ?? []);
    const unauthorized = emulator.calls
      .list()
      .filter((call) => call.endpoint !== 'token' && call.status === 401);
    report('short-tokens-under-load', {
      answers: answers.length,
      errors: errors.length,
      upstream401: unauthorized.length,
      tokens: emulator.calls.count('token'),
    });
    expect(errors.filter((error) => error.extensions?.code === 'UNAUTHENTICATED')).toEqual([]);
    expect(unauthorized).toEqual([]);
    expect(errors).toEqual([]);
    // 7 s at 100 calls/s, one call per answer.
    expect(answers.length).toBeGreaterThan(600);
    expect(emulator.calls.count('token')).toBeGreaterThanOrEqual(3);
  }, 30_000);
});
