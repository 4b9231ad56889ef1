import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

/**
 * The floor of the chosen stack: graphql-yoga on node:http with a one-field schema and none of
 * our plugins, schema or client. `bench/cpu-per-request.ts --target bare-yoga` asks it
 * `{ __typename }`; the gateway's cost above this is ours to cut, the rest is the stack's.
 */
const yoga = createYoga({
  schema: createSchema({ typeDefs: 'type Query { ping: String }' }),
  logging: false,
  graphiql: false,
});
const server = createServer(yoga);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ msg: 'GraphQL: bare graphql-yoga' }));
});
