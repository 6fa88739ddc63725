/**
 * Writes the published JSON Schemas of the data (docs/schema/*.json) from the
 * zod schemas, so the documented shape never drifts from the code. A test
 * checks the committed files match.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { publishedSchemas } from '../shared/schema/published.ts';

for (const [name, schema] of Object.entries(publishedSchemas())) {
  await writeFile(join('docs', 'schema', name), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote docs/schema/${name}`);
}
