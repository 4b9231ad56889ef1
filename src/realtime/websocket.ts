import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ExecutionArgs, type ExecutionResult, GraphQLError, getOperationAST } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';

type Run = (
  args: ExecutionArgs,
) => ReturnType<NonNullable<Parameters<typeof useServer>[0]['execute']>>;
type Enveloped = { execute: Run; subscribe: Run };

/**
 * graphql-ws (WebSocket) on the same port and path as HTTP, running every operation through
 * yoga's own pipeline (auth, limits, masking). Credentials come from the connection's
 * `authorization` payload, else the upgrade request's header.
 *
 * A subscription refused before its first event (the call limit, the subscription limits, its
 * authorization) is answered the way graphql-ws answers invalid ones: an `error` message for that
 * id, the socket staying open for the others.
 */
// biome-ignore lint/suspicious/noExplicitAny: any server context, any user context
export function serveWebSockets(http: Server, yoga: YogaServerInstance<any, any>) {
  // Upgrades are handed over here rather than with `{ server: http }`: attached that way, ws
  // re-emits the HTTP server's own errors (EADDRINUSE…) and graphql-ws reports them as an
  // "Internal error emitted on the WebSocket server" — the listen error is main.ts's to report.
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (request.url?.split('?', 1)[0] !== yoga.graphqlEndpoint) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onSubscribe: async (ctx, _id, payload) => {
        const given = ctx.connectionParams?.authorization;
        const authorization =
          typeof given === 'string' ? given : ctx.extra.request.headers.authorization;
        const request = new Request(`http://localhost${yoga.graphqlEndpoint}`, {
          headers: authorization ? { authorization } : {},
        });
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          request,
          params: payload,
          // One object per socket: subscriptions count against their connection's limit.
          connection: ctx,
        });
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName,
          document: parse(payload.query),
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        if (errors.length) return errors;
        if (getOperationAST(args.document, args.operationName)?.operation !== 'subscription') {
          return args;
        }
        const started: ExecutionResult | AsyncIterable<ExecutionResult> = await subscribe(args);
        const refused = isAsyncIterable(started) ? undefined : started.errors;
        // graphql-ws takes only GraphQLError instances here; anything else goes out as `next`.
        if (refused?.length && refused.every((error) => error instanceof GraphQLError)) {
          return [...refused];
        }
        args.rootValue = { execute, subscribe: () => started };
        return args;
      },
    },
    wss,
  );
  return {
    /** Closes every connection (1001 Going away) and waits for their closing handshakes. */
    close: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    /** Drops the connections still open, without a handshake. */
    terminate: () => {
      for (const client of wss.clients) client.terminate();
    },
  };
}

function isAsyncIterable(value: object): value is AsyncIterable<unknown> {
  return Symbol.asyncIterator in value;
}
