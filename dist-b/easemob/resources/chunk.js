/** Splits `items` into consecutive runs of at most `size`. */
export function chunk(items, size) {
    const runs = [];
    for (let i = 0; i < items.length; i += size)
        runs.push(items.slice(i, i + size));
    return runs;
}
//# sourceMappingURL=chunk.js.map