import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the example operations, the way a frontend would consume this API:
 * `operations/*.graphql` + `schema.graphql` → `operations/generated/`. Run by `npm run schema`.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['operations/*.graphql'],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    'operations/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'Record<string, unknown>', _Any: 'unknown' },
      },
    },
  },
};

export default config;
