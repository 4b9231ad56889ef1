import { afterAll, beforeAll } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/server.js';
import { postJson } from './http.js';

/** What the token helpers need: any object shaped like an Emulator works. */
export type AppCredentials = Pick<Emulator, 'baseUrl' | 'clientId' | 'clientSecret'>;

/** An app (admin) token from POST /token with client credentials. */
export async function adminToken(app: AppCredentials, ttl?: number | string): Promise<string> {
  const response = await postJson(`${app.baseUrl}/token`, {
    grant_type: 'client_credentials',
    client_id: app.clientId,
    client_secret: app.clientSecret,
    ...(ttl === undefined ? {} : { ttl }),
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.text}`);
  return response.body.access_token as string;
}

/** A user token from POST /token with the password grant. */
export async function userToken(
  app: Pick<Emulator, 'baseUrl'>,
  username: string,
  password: string,
): Promise<string> {
  const response = await postJson(`${app.baseUrl}/token`, {
    grant_type: 'password',
    username,
    password,
  });
  if (response.status !== 200) throw new Error(`user token request failed: ${response.text}`);
  return response.body.access_token as string;
}

/**
 * Starts an emulator for the enclosing describe block (or file) and stops it afterwards.
 * Read `.emulator` and `.token` (an app token) inside tests.
 */
export function useEmulator(options: EmulatorOptions = {}): { emulator: Emulator; token: string } {
  const handle = {} as { emulator: Emulator; token: string };
  beforeAll(async () => {
    handle.emulator = await startEmulator(options);
    handle.token = await adminToken(handle.emulator);
  });
  afterAll(async () => {
    await handle.emulator?.close();
  });
  return handle;
}
