import { describe, it } from 'vitest';
import { startGraphQL } from '../support/graphql.js';
import { expectReadYourWrite, writeCases, writesSeed } from '../support/writes.js';

describe('a read after a write through this API shows the write', () => {
  it.each(writeCases)('$name', async (testCase) => {
    const { run } = await startGraphQL({ emulator: { seed: writesSeed } });
    await expectReadYourWrite(testCase, run, run);
  });
});
