import { startEmulator } from '../src/emulator/server.js';
import { contactCount, hub, userCount, usernameAt } from './scenarios.js';

/** The benchmark's Easemob: its own process, seeded with a hub user with 1,000 contacts. */
const names = Array.from({ length: userCount }, (_, i) => usernameAt(i));
const emulator = await startEmulator({
  host: '127.0.0.1',
  port: 0,
  seed: {
    users: [hub, ...names].map((username) => ({ username, password: 'password' })),
    contacts: names.slice(0, contactCount).map((name): [string, string] => [hub, name]),
    online: names.filter((_, i) => i % 3 === 0),
  },
});
const { url, baseUrl, orgName, appName, clientId, clientSecret } = emulator;
console.log(JSON.stringify({ url, baseUrl, orgName, appName, clientId, clientSecret }));
process.once('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
