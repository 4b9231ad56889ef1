import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createEasemobClient, type EasemobClient } from '../../src/easemob/client.js';

/**
 * Runs the client's read-only calls against a real Easemob app, so a user can check this client
 * against their own app before switching over. Nothing here writes. Needs the EASEMOB_* variables
 * (see README); without them it fails, naming them, rather than passing vacuously.
 */

const config = loadConfig();
if (config.easemob.mode !== 'remote') {
  throw new Error(
    'test:contract needs a real Easemob app: set EASEMOB_BASE_URL, EASEMOB_ORG_NAME, EASEMOB_APP_NAME (or EASEMOB_APPKEY), EASEMOB_CLIENT_ID and EASEMOB_CLIENT_SECRET',
  );
}
const connection = config.easemob;

let client: EasemobClient;
let someUser: string | undefined;

beforeAll(async () => {
  client = createEasemobClient({ ...connection, timeoutMs: config.upstream.timeoutMs });
  someUser = (await client.users.list({ limit: 1 })).users[0]?.username;
});

afterAll(() => client?.close());

describe('contract: read-only calls against the configured Easemob app', () => {
  it('gets an app token', async () => {
    expect(await client.tokens.app()).toMatch(/\S{20,}/);
  });

  it('lists users with a cursor', async () => {
    const page = await client.users.list({ limit: 2 });
    expect(Array.isArray(page.users)).toBe(true);
    if (page.cursor) {
      const next = await client.users.list({ limit: 2, cursor: page.cursor });
      expect(Array.isArray(next.users)).toBe(true);
    }
  });

  it('reads one user, its status, contacts, blocks and offline count', async () => {
    if (!someUser) throw new Error('the app has no users to read; register one first');
    expect((await client.users.get(someUser)).username).toBe(someUser);
    expect(['online', 'offline']).toContain(await client.status.get(someUser));
    expect(Array.isArray(await client.contacts.list(someUser))).toBe(true);
    expect(Array.isArray(await client.blocks.list(someUser))).toBe(true);
    expect(await client.offline.count(someUser)).toBeGreaterThanOrEqual(0);
  });

  it('reads batch status, with unknown users as offline', async () => {
    const names = [someUser ?? 'nobody', 'contract-check-no-such-user'];
    const states = await client.status.getMany(names);
    expect(states.get('contract-check-no-such-user')).toBe('offline');
  });

  it('reads a page of chat history', async () => {
    const page = await client.chatHistory.list({
      ql: 'select * order by timestamp desc',
      limit: 1,
    });
    expect(Array.isArray(page.messages)).toBe(true);
  });

  it.runIf(process.env.CONTRACT_PRESENCE === '1')(
    'reads presence (needs the presence feature enabled)',
    async () => {
      if (!someUser) throw new Error('the app has no users to read');
      const presence = await client.presence.getMany(someUser, [someUser]);
      expect(presence).toHaveLength(1);
    },
  );
});
