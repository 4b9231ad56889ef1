import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { appUuidFor } from '../../src/emulator/ids.js';
import { createLogger } from '../../src/logger.js';
import { adminKey, bearer, testAuth } from '../support/auth.js';
import { rejectionOf } from '../support/easemob.js';
import { startGraphQL } from '../support/graphql.js';

/**
 * Easemob's `error_description` names the app's and users' UUIDs (Easemob「用户体系集成 › 账号禁用与
 * 解禁」: "User with id null does not exist in app <app uuid>"). Callers get our text and Easemob's
 * code; the full text goes to the log, once.
 */
describe("Easemob's error text", () => {
  it('a refusal naming the app UUID: our message and the code in the response, the text in one log line', async () => {
    const lines: string[] = [];
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const { post, client, emulator } = await startGraphQL({
      server: { auth: testAuth(), logger },
    });
    const appUuid = appUuidFor(emulator.orgName, emulator.appName);
    // What Easemob (the emulator) answers, as the client sees it: the app's UUID in the text.
    const upstream = await rejectionOf(client.users.deactivate('ghost'));
    expect((upstream as { description: string }).description).toContain(appUuid);

    const { status, body } = await post(
      'mutation { deactivateUser(username: "ghost") { username } }',
      undefined,
      bearer(adminKey),
    );
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({
      message: 'Easemob refused the request as invalid (management)',
      extensions: { code: 'BAD_USER_INPUT', upstream: { status: 400, code: 'management' } },
    });
    expect(JSON.stringify(body)).not.toContain(appUuid);
    expect(JSON.stringify(body)).not.toContain('does not exist in app');

    const logged = lines.filter((line) => line.includes(appUuid));
    expect(logged).toHaveLength(1);
    const entry = JSON.parse(logged[0]!) as { level: number; code: string; msg: string };
    // A refusal the caller's input caused is not an error of ours: info, with the client's code.
    expect(entry).toMatchObject({ level: 30, code: 'BAD_USER_INPUT', msg: 'request failed' });
    expect(logged[0]).toContain(`User with id null does not exist in app ${appUuid}`);
  });

  it('a 404 and a duplicate answer our words, not the usergrid text', async () => {
    const { post } = await startGraphQL({
      emulator: { seed: { users: [{ username: 'alice', password: 'pw-alice' }] } },
      server: { auth: testAuth() },
    });
    const missing = await post(
      'mutation { activateUser(username: "ghost") { username } }',
      undefined,
      bearer(adminKey),
    );
    expect(missing.body.errors![0]).toMatchObject({
      message: 'user not found (service_resource_not_found)',
      extensions: { code: 'NOT_FOUND', upstream: { code: 'service_resource_not_found' } },
    });
    const duplicate = await post(
      'mutation { createUser(input: { username: "alice", password: "pw-2" }) { username } }',
      undefined,
      bearer(adminKey),
    );
    expect(duplicate.body.errors![0]).toMatchObject({
      message: 'the username is already taken (duplicate_unique_property_exists)',
      extensions: { code: 'CONFLICT', upstream: { code: 'duplicate_unique_property_exists' } },
    });
    const text = JSON.stringify([missing.body, duplicate.body]);
    expect(text).not.toContain('Service resource not found');
    expect(text).not.toContain('Application null Entity user');
  });
});
