import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One graphql realm: Vite would pick index.mjs for src while yoga and Pothos load index.js.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/contract/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
