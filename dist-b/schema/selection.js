/**
 * The names of the fields asked for under the current field — or under `path` below it (e.g.
 * `['edges', 'node']` in a connection) — through inline fragments and fragment spreads.
 * `@skip`/`@include` are not evaluated: a conditionally skipped field counts as asked, which can
 * only cost a call, never a wrong answer.
 */
export function selectedFields(info, path = []) {
    let level = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
    for (const name of path) {
        const next = [];
        visit(info, level, (field) => {
            if (field.name.value === name && field.selectionSet)
                next.push(field.selectionSet);
        });
        level = next;
    }
    const names = new Set();
    visit(info, level, (field) => names.add(field.name.value));
    return names;
}
function visit(info, sets, onField) {
    const seen = new Set();
    const walk = (set) => {
        for (const selection of set?.selections ?? []) {
            if (selection.kind === 'Field')
                onField(selection);
            else if (selection.kind === 'InlineFragment')
                walk(selection.selectionSet);
            else if (!seen.has(selection.name.value)) {
                seen.add(selection.name.value);
                walk(info.fragments[selection.name.value]?.selectionSet);
            }
        }
    };
    for (const set of sets)
        walk(set);
}
//# sourceMappingURL=selection.js.map