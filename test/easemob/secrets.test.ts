import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { rejectionOf, startHarness } from '../support/easemob.js';

function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), text: () => lines.join('') };
}

describe('no secret leaks', () => {
  it('errors and logs never contain the client secret, tokens or passwords', async () => {
    const logs = captureLogs();
    const clientSecret = 'YXA6emulator-client-secret';
    const { client, emulator } = await startHarness({
      emulator: { seed: { users: [{ username: 'alice', password: 'hunter2-password' }] } },
      client: { logger: logs.logger, clientSecret },
    });
    const failures: unknown[] = [];
    failures.push(
      await rejectionOf(client.users.create({ username: 'alice', password: 'hunter2-password' })),
    );
    failures.push(
      await rejectionOf(client.tokens.user({ username: 'alice', password: 'wrong-password-77' })),
    );
    failures.push(await rejectionOf(client.users.resetPassword('nobody', 'new-password-99')));
    const userToken = await client.tokens.user({ username: 'alice', password: 'hunter2-password' });
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 503 });
    failures.push(await rejectionOf(client.users.get('alice')));
    emulator.faults.clear();
    emulator.faults.add({ endpoint: 'users.get', kind: 'reset' });
    failures.push(await rejectionOf(client.users.get('alice')));
    const appToken = await client.tokens.app();

    const secrets = [
      clientSecret,
      'hunter2-password',
      'wrong-password-77',
      'new-password-99',
      appToken,
      userToken.accessToken,
    ];
    for (const failure of failures) {
      const exposed = [
        String(failure),
        (failure as Error).message,
        JSON.stringify(failure),
        (failure as Error).stack ?? '',
      ].join('\n');
      for (const secret of secrets) expect(exposed).not.toContain(secret);
    }
    expect(logs.text()).toContain('retrying Easemob call');
    for (const secret of secrets) expect(logs.text()).not.toContain(secret);
  });

  it('a client built with the wrong secret does not echo it', async () => {
    const { client } = await startHarness({ client: { clientSecret: 'WRONG-secret-123' } });
    const error = await rejectionOf(client.users.get('alice'));
    expect(JSON.stringify(error)).not.toContain('WRONG-secret-123');
    expect(String(error)).not.toContain('WRONG-secret-123');
  });
});
