/**
 * Variables that look like ours but are not. A misspelt name is otherwise silently ignored and its
 * default used: `LOG_LEVLE=debug` logs at info, `EASMOB_CLIENT_ID` leaves Easemob unconfigured.
 * Pure: names in, findings out; main.ts logs them, STRICT_ENV=true makes them an error.
 */
/** Names of ours start like this, so any other name starting like this is a mistake. */
const ourPrefixes = [
    'EASEMOB_',
    'EASMOB_',
    'EASEMOD_',
    'JWT_',
    'UPSTREAM_',
    'MAX_',
    'REDIS_',
    'LOG_',
    'SUBSCRIPTION_',
    'SHUTDOWN_',
    'STARTUP_',
    'METRICS',
    'GRAPHIQL',
    'INTROSPECTION',
    'PUBLIC_PROFILES',
    'VIEWER_',
    'ADMIN_API_KEYS',
];
/** Read by something else in this program (the standalone emulator), so not unknown. */
const otherKnown = ['EMULATOR_HOST', 'EMULATOR_PORT'];
/**
 * The OpenTelemetry SDK's own variables (OpenTelemetry: "Environment Variable Specification"),
 * read by the exporter and the SDK rather than by src/config.ts: never reported.
 */
const openTelemetryStandard = new RegExp(`^OTEL_(${[
    'SDK_DISABLED',
    'LOG_LEVEL',
    'SERVICE_NAME',
    'RESOURCE_ATTRIBUTES',
    'PROPAGATORS',
    'TRACES_SAMPLER(_ARG)?',
    '(TRACES|METRICS|LOGS)_EXPORTER',
    '(BSP|BLRP)_(SCHEDULE_DELAY|EXPORT_TIMEOUT|MAX_QUEUE_SIZE|MAX_EXPORT_BATCH_SIZE)',
    '(SPAN_|LOGRECORD_)?ATTRIBUTE_(VALUE_LENGTH|COUNT)_LIMIT',
    '(SPAN_EVENT|SPAN_LINK|EVENT_ATTRIBUTE|LINK_ATTRIBUTE)_COUNT_LIMIT',
    'METRIC_EXPORT_(INTERVAL|TIMEOUT)',
    'METRICS_EXEMPLAR_FILTER',
    'EXPORTER_OTLP_((TRACES|METRICS|LOGS)_)?(ENDPOINT|HEADERS|TIMEOUT|PROTOCOL|COMPRESSION|CERTIFICATE|CLIENT_KEY|CLIENT_CERTIFICATE|INSECURE)',
    'EXPORTER_OTLP_METRICS_(TEMPORALITY_PREFERENCE|DEFAULT_HISTOGRAM_AGGREGATION)',
    'EXPORTER_(ZIPKIN|JAEGER|PROMETHEUS)_[A-Z_]+',
    'NODE_(RESOURCE_DETECTORS|ENABLED_INSTRUMENTATIONS|DISABLED_INSTRUMENTATIONS)',
    'SEMCONV_STABILITY_OPT_IN',
    'CONFIG_FILE',
].join('|')})$`);
/**
 * Every name in `names` that is not in `known` but looks meant to be: it starts with one of our
 * prefixes, or is within a typo's distance of a known name. OTEL_* names are reported only when
 * they are not standard and near one we read (OTEL_EXPORTER_OTLP_ENDPONT).
 */
export function unknownVariables(names, known) {
    const all = [...known, ...otherKnown];
    const knownSet = new Set(all);
    const found = [];
    for (const name of names) {
        // npm's own (npm_config_*, npm_package_*) and other lowercase names are not configuration.
        if (!/^[A-Z][A-Z0-9_]*$/.test(name) || knownSet.has(name))
            continue;
        if (openTelemetryStandard.test(name))
            continue;
        const { closest, distance } = nearest(name, all);
        const near = closest !== undefined && distance <= typoDistance(name);
        const prefixed = !name.startsWith('OTEL_') && ourPrefixes.some((p) => name.startsWith(p));
        if (near)
            found.push({ name, closest });
        else if (prefixed) {
            found.push({ name, closest: containing(name, all) ?? (distance <= 6 ? closest : undefined) });
        }
    }
    return found.sort((a, b) => a.name.localeCompare(b.name));
}
/** One line for a finding, e.g. `LOG_LEVLE is not a known variable (did you mean LOG_LEVEL?)`. */
export function describeUnknown(u) {
    return `${u.name} is not a known variable${u.closest ? ` (did you mean ${u.closest}?)` : ''}`;
}
/** One slip in a short name (PROT, HOTS), two in a long one; HOME is not HOST. */
function typoDistance(name) {
    return name.length >= 10 ? 2 : 1;
}
/** GRAPHIQL_ENABLED → GRAPHIQL: the longest known name it extends or abbreviates. */
function containing(name, candidates) {
    const related = candidates.filter((c) => name.startsWith(c) || c.startsWith(name));
    return related.sort((a, b) => b.length - a.length)[0];
}
function nearest(name, candidates) {
    let closest;
    let distance = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
        const d = editDistance(name, candidate);
        if (d < distance) {
            closest = candidate;
            distance = d;
        }
    }
    return { closest, distance };
}
/** Optimal string alignment distance: Levenshtein plus swapping two neighbours (LEVLE → LEVEL). */
export function editDistance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                best = Math.min(best, d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    return d[a.length][b.length];
}
//# sourceMappingURL=env-names.js.map