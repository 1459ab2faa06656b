/** Demo content: briefs of real, publicly reported landmark cases, written by the project. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Services } from './services.ts';
import type { ImportResult } from './jsonl-transfer.ts';

export const DEMO_FILE = fileURLToPath(new URL('../store/seed/demo-cases.jsonl', import.meta.url));

/**
 * The lines of a file, read only once iteration begins: a readline interface created earlier starts
 * reading at once, and lines (or its end) that pass before the consumer's loop starts - on
 * PostgreSQL, while the import's BEGIN travels to the server - are lost or hang the loop.
 */
export async function* readLines(path: string): AsyncIterable<string> {
  yield* createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
}

export async function seedDemo(services: Services): Promise<ImportResult> {
  return services.jsonl.import(readLines(DEMO_FILE), { source: 'Palermo demo content' });
}

/** Seeds only an empty database, so a restart never duplicates or overwrites anything. */
export async function seedIfEmpty(services: Services): Promise<ImportResult | null> {
  if ((await services.store.cases.count()) > 0) return null;
  return seedDemo(services);
}
