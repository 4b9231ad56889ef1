/**
 * `npm run gateway`: Hive Gateway (@graphql-hive/gateway-runtime, the engine of the
 * `@graphql-hive/gateway` CLI) serving supergraph.graphql (`npm run supergraph`) with
 * gateway.config.ts, on http://127.0.0.1:4100/graphql (GATEWAY_HOST, GATEWAY_PORT).
 * Subscriptions from clients are served over SSE.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { gatewayConfig } from '../gateway.config.js';

const host = process.env.GATEWAY_HOST || '127.0.0.1';
const port = Number(process.env.GATEWAY_PORT || 4100);

const gateway = createGatewayRuntime({
  ...gatewayConfig,
  supergraph: readFileSync('supergraph.graphql', 'utf8'),
});
const server = createServer(gateway);
server.listen(port, host, () => {
  const address = server.address() as AddressInfo;
  console.log(`Hive Gateway on http://${host}:${address.port}/graphql`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.closeAllConnections();
    server.close();
    void gateway.dispose();
  });
}
