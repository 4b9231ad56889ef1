import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The names of the fields asked for under the current field — or under `path` below it (e.g.
 * `['edges', 'node']` in a connection) — through inline fragments and fragment spreads.
 * `@skip`/`@include` are not evaluated: a conditionally skipped field counts as asked, which can
 * only cost a call, never a wrong answer.
 */
export function selectedFields(info: GraphQLResolveInfo, path: string[] = []): Set<string> {
  let level = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    const next: SelectionSetNode[] = [];
    visit(info, level, (field) => {
      if (field.name.value === name && field.selectionSet) next.push(field.selectionSet);
    });
    level = next;
  }
  const names = new Set<string>();
  visit(info, level, (field) => names.add(field.name.value));
  return names;
}

type FieldNode = Extract<SelectionSetNode['selections'][number], { kind: 'Field' }>;

function visit(
  info: GraphQLResolveInfo,
  sets: SelectionSetNode[],
  onField: (field: FieldNode) => void,
): void {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') onField(selection);
      else if (selection.kind === 'InlineFragment') walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        walk(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const set of sets) walk(set);
}
