/**
 * Temporary folders of a test file (databases, working directories), removed when the file's tests are done:
 * `test/helpers/temp-cleanup.ts` (a vitest setup file) removes them after every other afterAll hook, so servers
 * and child processes the tests started are stopped first. Without it each run left ~3 GB in the temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

export function tempDir(prefix = 'palermo-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
