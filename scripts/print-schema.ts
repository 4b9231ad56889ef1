import { writeFileSync } from 'node:fs';
import { printSchemaFile, schemaFile } from '../src/schema/print.js';

writeFileSync(schemaFile, printSchemaFile());
console.log(`wrote ${schemaFile}`);
