import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a V8 CPU profile spends its time: self time by function and by package, newest profile in
 * bench/profiles/ unless a path is given. `tsx bench/profile-summary.ts [file] [rows]`.
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const dir = 'bench/profiles';
const positional = process.argv
  .slice(2)
  .filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--callers');
const file =
  positional[0] ??
  readdirSync(dir)
    .map((name) => join(dir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
if (!file) throw new Error(`no profile in ${dir}`);
const rows = Number(positional[1] ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[] };

const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  if (!hits) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|src)\//, '$1/');
  const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  const pkg =
    /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
    (url ? where.split('/')[0]! : functionName);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
}
const show = (title: string, map: Map<string, number>, limit: number) => {
  console.log(`\n${title}`);
  for (const [key, hits] of [...map].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(`${((hits / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
  }
};
console.log(`${file}: ${total} samples`);
show('self time by package', byPackage, 25);
show('self time by function', byFunction, rows);

// `--callers NAME`: the call paths (4 frames up) leading to functions named NAME, by self time.
const callersOf = process.argv.indexOf('--callers');
if (callersOf > 0) {
  const name = process.argv[callersOf + 1];
  const parent = new Map<number, Node>();
  for (const node of profile.nodes as (Node & { children?: number[] })[]) {
    for (const child of node.children ?? []) parent.set(child, node);
  }
  const paths = new Map<string, number>();
  for (const node of profile.nodes) {
    if (node.callFrame.functionName !== name || !node.hitCount) continue;
    const chain: string[] = [];
    for (let up = parent.get(node.id); up && chain.length < 6; up = parent.get(up.id)) {
      chain.push(
        `${up.callFrame.functionName || '(anon)'}@${up.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}:${up.callFrame.lineNumber + 1}`,
      );
    }
    const key = chain.join(' < ');
    paths.set(key, (paths.get(key) ?? 0) + node.hitCount);
  }
  show(`callers of ${name}`, paths, 8);
}

// `--phases`: each sample charged to the stage of a request that owns it — the nearest frame up
// its stack that belongs to a known package or module (node's internals and promise plumbing are
// charged to whoever called them), so the stages add up to 100 %.
if (process.argv.includes('--phases')) {
  const stages: [stage: string, owns: RegExp][] = [
    ['AsyncLocalStorage / async hooks', /^node:(internal\/)?async_hooks/],
    ['upstream client (ours: dist/easemob)', /\/dist\/easemob\//],
    ['upstream HTTP (undici, cockatiel, zod)', /node_modules\/(undici|cockatiel|zod)\//],
    [
      'read layer (dist/reads, dist/loaders, dataloader, lru-cache)',
      /\/dist\/(reads|loaders)\/|node_modules\/(dataloader|lru-cache)\//,
    ],
    [
      'observability (prom-client, pino, dist/ops, metrics plugin)',
      /node_modules\/(prom-client|pino|@envelop\/prometheus|@opentelemetry)|\/dist\/(ops|logger)/,
    ],
    ['our schema, auth, plugins, context', /\/dist\//],
    ['resolver wrappers (Pothos)', /node_modules\/@pothos\//],
    [
      'GraphQL execution (@graphql-tools/executor, graphql)',
      /node_modules\/(@graphql-tools|graphql)\//,
    ],
    ['yoga / envelop pipeline', /node_modules\/(graphql-yoga|@envelop|@graphql-yoga)\//],
    [
      'HTTP in/out (node:http, whatwg-node)',
      /node_modules\/@whatwg-node\/(server|node-fetch|fetch)\/|^node:(_http|http|net|stream|internal\/(http|streams|stream_base))/,
    ],
  ];
  const transparent = /^node:|@whatwg-node\/promise-helpers|^$/;
  const parent = new Map<number, Node>();
  for (const node of profile.nodes as (Node & { children?: number[] })[]) {
    for (const child of node.children ?? []) parent.set(child, node);
  }
  const byStage = new Map<string, number>();
  for (const node of profile.nodes) {
    if (!node.hitCount) continue;
    const name = node.callFrame.functionName;
    let stage = ['(idle)', '(garbage collector)', '(program)'].includes(name) ? name : undefined;
    for (let at: Node | undefined = node; !stage && at; at = parent.get(at.id)) {
      const url = at.callFrame.url || (at.callFrame.functionName === 'writev' ? 'node:net' : '');
      stage = stages.find(([, owns]) => owns.test(url))?.[0];
      if (!stage && url && !transparent.test(url)) stage = 'other packages';
    }
    stage ??= 'native / no JS owner (microtask queue, parse, write)';
    byStage.set(stage, (byStage.get(stage) ?? 0) + node.hitCount);
  }
  show('time by stage (nearest owning frame)', byStage, stages.length + 6);
}
