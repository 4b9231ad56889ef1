import { startEmulator } from './server.js';
/** Standalone emulator: `npm run emulator` (EMULATOR_PORT, EMULATOR_HOST), with the demo data. */
async function main() {
    const port = Number(process.env.EMULATOR_PORT || 5080);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        console.error(`EMULATOR_PORT must be a port number, got ${process.env.EMULATOR_PORT}`);
        process.exit(1);
    }
    const emulator = await startEmulator({
        port,
        host: process.env.EMULATOR_HOST || '127.0.0.1',
        seed: 'demo',
    });
    console.log(`Easemob emulator listening on ${emulator.url}`);
    console.log(`  base URL       ${emulator.baseUrl}`);
    console.log(`  org / app      ${emulator.orgName} / ${emulator.appName}`);
    console.log(`  client id      ${emulator.clientId}`);
    console.log(`  client secret  ${emulator.clientSecret}`);
    console.log('  demo users     alice bob carol dave erin frank grace heidi (password "password")');
    console.log(`  admin routes   ${emulator.url}/_emulator/calls, /_emulator/messages, …`);
    let stopping = false;
    const stop = async (signal) => {
        if (stopping)
            return;
        stopping = true;
        console.log(`${signal} received, stopping`);
        await emulator.close();
        process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
}
main().catch((error) => {
    console.error(error);
    process.exit(1);
});
//# sourceMappingURL=main.js.map