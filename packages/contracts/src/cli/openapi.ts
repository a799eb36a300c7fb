import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOpenApiFiles } from '../openapi-files.js';

/** `npm run openapi`: writes docs/openapi.json and docs/openapi.d.ts from the zod contracts. */
const docs = join(import.meta.dirname, '../../../../docs');
for (const [name, text] of Object.entries(await renderOpenApiFiles())) {
  writeFileSync(join(docs, name), text);
  process.stdout.write(`wrote docs/${name}\n`);
}
