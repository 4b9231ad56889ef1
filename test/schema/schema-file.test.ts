import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';
import { printSchemaFile, schemaFile } from '../../src/schema/print.js';

describe('generated files are current (run `npm run schema` after changing the schema or operations)', () => {
  it('schema.graphql is the printed schema', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printSchemaFile());
  });

  it('operations/generated matches codegen output', async () => {
    const outputs = await generate({ ...config, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      expect(readFileSync(output.filename, 'utf8'), output.filename).toBe(output.content);
    }
  });
});
