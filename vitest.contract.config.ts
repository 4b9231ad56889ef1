import { defineConfig } from 'vitest/config';

/** `npm run test:contract`: the read-only client suite against the real Easemob app in EASEMOB_*. */
export default defineConfig({
  // graphql ships .mjs and .js builds: Vite would load one and yoga the other, so GraphQLError
  // instanceof checks would fail. Everyone gets the same file.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/contract/**/*.test.ts'],
    testTimeout: 30_000,
    // One file, run serially: a real app's rate limits are shared with production traffic.
    fileParallelism: false,
  },
});
