/** Demo content: briefs of real, publicly reported landmark cases, written by the project. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Services } from './services.ts';
import type { ImportResult } from './jsonl-transfer.ts';

export const DEMO_FILE = fileURLToPath(new URL('../store/seed/demo-cases.jsonl', import.meta.url));

export function readLines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
}

export async function seedDemo(services: Services): Promise<ImportResult> {
  return services.jsonl.import(readLines(DEMO_FILE), { source: 'Palermo demo content' });
}

/** Seeds only an empty database, so a restart never duplicates or overwrites anything. */
export async function seedIfEmpty(services: Services): Promise<ImportResult | null> {
  if ((await services.store.cases.count()) > 0) return null;
  return seedDemo(services);
}
