/** npm run api:types: regenerates test/contract/palermo-api.d.ts from the served document. */
import { writeFileSync } from 'node:fs';
import { apiTypes, servedDocument, TYPES_FILE } from './api-types.ts';

writeFileSync(TYPES_FILE, await apiTypes(await servedDocument()));
console.log(`wrote ${TYPES_FILE.pathname}`);
