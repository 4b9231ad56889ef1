/** The `timestamp` and `duration` every envelope carries. */
export function stamp(ctx) {
    const timestamp = ctx.state.now();
    return { timestamp, duration: timestamp - ctx.startedAt };
}
export function appNames(ctx) {
    return { organization: ctx.app.orgName, applicationName: ctx.app.appName };
}
/** A query parameter's first value. */
export function queryValue(ctx, name) {
    const value = ctx.query[name];
    return Array.isArray(value) ? value[0] : value;
}
/**
 * usergrid echoes the query as `params`, every value a list, keys sorted
 * (Easemob「用户体系集成 › 批量获取用户」).
 */
export function echoParams(ctx) {
    const params = {};
    for (const key of Object.keys(ctx.query).sort()) {
        const value = ctx.query[key];
        if (value !== undefined)
            params[key] = Array.isArray(value) ? value : [value];
    }
    return params;
}
/** A positive integer query parameter, or the fallback when absent or unusable. */
export function positiveInt(ctx, name, fallback) {
    const raw = queryValue(ctx, name);
    const value = raw === undefined ? Number.NaN : Number(raw);
    return Number.isInteger(value) && value > 0 ? value : fallback;
}
export function isRecord(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
/** The `usernames` array of a body, or undefined when it is not a list of strings. */
export function stringList(value) {
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
        return undefined;
    return value;
}
//# sourceMappingURL=route.js.map