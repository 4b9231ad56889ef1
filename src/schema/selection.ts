import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The names of the fields asked for under the current field, through inline fragments and fragment
 * spreads. `@skip`/`@include` are not evaluated: a conditionally skipped field counts as asked,
 * which can only cost a call, never a wrong answer.
 */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === 'Field') names.add(selection.name.value);
      else if (selection.kind === 'InlineFragment') walk(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        walk(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return names;
}
