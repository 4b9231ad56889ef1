/**
 * `npm run supergraph -- easemob=URL NAME=URL…`: composes this API with your other subgraphs into
 * supergraph.graphql (Apollo Federation v2, with @apollo/composition), for Hive Gateway
 * (`npm run gateway`) or any other gateway that reads a supergraph file.
 *
 * `easemob` is this API: its SDL is the committed subgraph.graphql, so composing needs no running
 * server; its URL is where the gateway will route. Every other subgraph's SDL is read from its
 * URL with `{ _service { sdl } }`, the query every federation subgraph answers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const output = 'supergraph.graphql';

async function sdlOf(name: string, url: string): Promise<string> {
  if (name === 'easemob') return readFileSync('subgraph.graphql', 'utf8');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`${name}: ${url} answered no _service { sdl } (${response.status})`);
  return sdl;
}

const subgraphs = process.argv.slice(2).map((argument) => {
  const [name, url] = argument.split(/=(.*)/s);
  if (!name || !url) throw new Error(`expected NAME=URL, got ${JSON.stringify(argument)}`);
  return { name, url };
});
if (!subgraphs.some((subgraph) => subgraph.name === 'easemob')) {
  throw new Error('name this API: easemob=http://HOST:PORT/graphql');
}

const composed = composeServices(
  await Promise.all(
    subgraphs.map(async ({ name, url }) => ({
      name,
      url,
      typeDefs: parse(await sdlOf(name, url)),
    })),
  ),
);
if (composed.errors) {
  for (const error of composed.errors) console.error(error.message);
  process.exit(1);
}
writeFileSync(output, composed.supergraphSdl);
console.log(`wrote ${output} (${subgraphs.map((subgraph) => subgraph.name).join(', ')})`);
