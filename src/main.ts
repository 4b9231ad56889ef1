import { ConfigError, loadConfig } from './config.js';
import { connectUpstream } from './upstream.js';

/**
 * Process entry. Until the GraphQL server lands (issue B) it brings up the upstream — the embedded
 * emulator with demo data, or the configured Easemob — checks it with the client, and stays up.
 */
async function main() {
  const config = loadConfig();
  const upstream = await connectUpstream(config);
  const users = await upstream.client.users.list({ limit: 100 });
  if (upstream.emulator) {
    console.log(`Easemob emulator (demo data) at ${upstream.emulator.baseUrl}`);
  }
  console.log(`connected to Easemob: ${users.users.length} users on the first page`);

  const stop = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    await upstream.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `start-up failed: ${String(error)}`);
  process.exit(1);
});
