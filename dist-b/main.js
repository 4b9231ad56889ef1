import { setFlagsFromString } from 'node:v8';
import { createApp } from './app.js';
import { ConfigError, loadConfig, unknownVariableNames } from './config.js';
import { describeUnknown } from './env-names.js';
import { createLogger } from './logger.js';
import { checkCredentials } from './ops/credentials.js';
/** A start-up failure whose message is the whole story (no stack, no error class). */
class StartupError extends Error {
    name = 'StartupError';
}
/**
 * V8 lets the old generation grow to up to 4× what survived the last full collection before the
 * next one. Under load a large answer's objects outlive the young generation (a 1,000-contact
 * request takes hundreds of milliseconds), so the heap filled with dead answers: ~60 MB live, a
 * full collection only at ~300 MB, RSS past 400 MB. Growing by at most 2× keeps the peak near
 * twice the live set. Read by V8 at each full collection, so setting it here takes effect; a
 * `--heap-growing-percent` given on the command line wins.
 */
if (!process.execArgv.some((flag) => flag.startsWith('--heap-growing-percent'))) {
    setFlagsFromString('--heap-growing-percent=100');
}
const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/**
 * Process entry: configuration → the app → credentials → listening → drain on SIGTERM. Every line
 * on stdout is a JSON log line; with a terminal, the banner is also printed for humans on stderr.
 */
async function main(logger) {
    const tty = Boolean(process.stdout.isTTY);
    // Under STRICT_ENV loadConfig reports them as its error instead.
    if (!/^(true|1|yes|on)$/i.test(process.env.STRICT_ENV?.trim() ?? '')) {
        for (const unknown of unknownVariableNames(process.env)) {
            logger.warn({ variable: unknown.name, closest: unknown.closest }, describeUnknown(unknown));
        }
    }
    const config = loadConfig(process.env, { tty });
    const app = await createApp(config, { logger });
    const { http } = app;
    if (config.easemob.mode === 'remote') {
        const timeoutMs = config.server.startupTokenTimeoutMs;
        const check = await checkCredentials(app.client, timeoutMs);
        const where = {
            baseUrl: config.easemob.baseUrl,
            org: config.easemob.orgName,
            app: config.easemob.appName,
        };
        if (check.outcome === 'refused') {
            throw new StartupError(`Easemob refused the app credentials: ${check.reason}; check EASEMOB_CLIENT_ID, EASEMOB_CLIENT_SECRET, EASEMOB_ORG_NAME and EASEMOB_APP_NAME (${where.baseUrl}/${where.org}/${where.app})`);
        }
        if (check.outcome === 'unavailable') {
            logger.warn(where, `no Easemob app token yet (${check.reason}): listening anyway, /readyz answers 503 until one is obtained`);
        }
    }
    await listen(http, config);
    banner(config, app.emulator?.baseUrl, http, logger, tty);
    let stopping = false;
    const stop = (signal) => {
        if (stopping) {
            logger.warn({ signal }, `${signal} again: stopping now`);
            process.exit(1);
        }
        stopping = true;
        logger.info({ signal }, `${signal}: finishing requests in flight, then stopping`);
        void app.close().then((report) => {
            if (report.forced) {
                logger.warn(report, `stopped after ${report.ms} ms: connections still open were closed`);
            }
            else {
                logger.info(report, `stopped after ${report.ms} ms`);
            }
            process.exit(report.forced ? 1 : 0);
        });
    };
    // A second signal (Ctrl-C twice) does not wait for the drain.
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
}
/** Listens, or rejects with one line saying why (EADDRINUSE, EACCES…). */
function listen(http, config) {
    const { host, port } = config.server;
    return new Promise((resolve, reject) => {
        const failed = (error) => {
            const why = error.code === 'EADDRINUSE' ? 'the address is already in use' : error.message;
            reject(new StartupError(`cannot listen on ${host}:${port}: ${why} (${error.code ?? 'error'})`));
        };
        http.once('error', failed);
        http.listen(port, host, () => {
            http.off('error', failed);
            resolve();
        });
    });
}
function banner(config, emulatorUrl, http, logger, tty) {
    const { port } = http.address();
    const host = ['0.0.0.0', '::'].includes(config.server.host) ? 'localhost' : config.server.host;
    const url = `http://${host}:${port}/graphql`;
    const { metrics, tracing } = config.observability;
    const ops = ['health: /healthz, /readyz'];
    if (metrics.enabled)
        ops.push(`metrics: /metrics${metrics.token ? ' (bearer token)' : ''}`);
    if (tracing)
        ops.push(`tracing: ${tracing.exporters.join(', ')}`);
    const lines = [
        {
            level: 'info',
            msg: emulatorUrl
                ? `Easemob: embedded emulator with demo data at ${emulatorUrl}`
                : `Easemob: ${config.easemob.mode === 'remote' ? config.easemob.baseUrl : ''}`,
        },
        {
            level: 'info',
            msg: `${config.graphql.graphiql ? 'GraphiQL' : 'GraphQL'}: ${url}`,
            fields: { url },
        },
        { level: 'info', msg: ops.join(' · ') },
    ];
    if (config.auth.open) {
        lines.push({
            level: 'warn',
            msg: 'OPEN DEV MODE: no authentication is configured, so every caller acts as admin. Set JWT_SECRET, JWT_JWKS_URL or ADMIN_API_KEYS to turn it off.',
        });
    }
    for (const line of lines)
        logger[line.level](line.fields ?? {}, line.msg);
    // A developer at a terminal gets it readable too; stderr, so stdout stays JSON.
    if (tty)
        process.stderr.write(`${lines.map((line) => line.msg).join('\n')}\n`);
}
const requested = process.env.LOG_LEVEL?.trim().toLowerCase() ?? '';
const logger = createLogger(levels.includes(requested) ? requested : 'info');
main(logger).catch((error) => {
    const message = error instanceof ConfigError || error instanceof StartupError
        ? error.message
        : `start-up failed: ${describe(error)}`;
    // Written even under LOG_LEVEL=silent: a process that exits 1 says why.
    (logger.isLevelEnabled('fatal') ? logger : createLogger('fatal')).fatal(message);
    process.exit(1);
});
function describe(error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
//# sourceMappingURL=main.js.map