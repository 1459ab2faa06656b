/**
 * Copies judgment-document files between folders laid out by content hash (for backup and
 * restore). Files never change once written, so only missing ones are copied; each copy is
 * verified against its hash before it is renamed into place. A module may keep its own store in a
 * named subfolder (the library's `library/`, so that removing a case's file never touches a library
 * file with the same bytes); such subfolders are copied the same way, recursively.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.ts';
import { DiskDocumentFiles } from './disk-document-files.ts';

export interface CopyResult {
  folder: string;
  copied: number;
  files: number;
}

export async function copyDocuments(fromDir: string, toDir: string): Promise<CopyResult> {
  const from = new DiskDocumentFiles(fromDir);
  const to = new DiskDocumentFiles(toDir);
  let copied = 0;
  let files = 0;
  for await (const sha of from.list()) {
    files++;
    if (await to.has(sha)) continue;
    const bytes = await readFile(from.path(sha));
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha)
      throw new AppError(
        'VALIDATION_FAILED',
        `document file ${sha} in ${fromDir} is damaged (its content hashes to ${actual}); nothing more was copied`,
        { field: 'documents', sha256: sha },
      );
    await to.put(sha, bytes);
    copied++;
  }
  for (const sub of await namedSubfolders(fromDir)) {
    const inner = await copyDocuments(join(fromDir, sub), join(toDir, sub));
    copied += inner.copied;
    files += inner.files;
  }
  return { folder: toDir, copied, files };
}

/** Subfolders that are not hash shards (two hex digits): modules' own stores. */
async function namedSubfolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !/^[0-9a-f]{2}$/.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/** The hashes that rows reference but the folder lacks. */
export async function missingDocuments(dir: string, referenced: Iterable<string>): Promise<string[]> {
  const files = new DiskDocumentFiles(dir);
  const missing: string[] = [];
  for (const sha of referenced) if (!(await files.has(sha))) missing.push(sha);
  return missing;
}
