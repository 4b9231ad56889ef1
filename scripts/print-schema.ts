import { writeFileSync } from 'node:fs';
import {
  printSchemaFile,
  printSubgraphFile,
  schemaFile,
  subgraphFile,
} from '../src/schema/print.js';

writeFileSync(schemaFile, printSchemaFile());
console.log(`wrote ${schemaFile}`);
writeFileSync(subgraphFile, printSubgraphFile());
console.log(`wrote ${subgraphFile}`);
