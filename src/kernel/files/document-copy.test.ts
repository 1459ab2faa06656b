import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { copyDocuments } from './document-copy.ts';
import { DiskDocumentFiles } from './disk-document-files.ts';
import { tempDir } from '../../../test/helpers/temp-dirs.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('copyDocuments', () => {
  it("copies the hash-addressed files and a module's named store below them, and only what is missing", async () => {
    const from = tempDir('palermo-docs-');
    const to = tempDir('palermo-docs-');
    const judgment = new TextEncoder().encode('a judgment');
    const manual = new TextEncoder().encode('a manual');
    await new DiskDocumentFiles(from).put(sha(judgment), judgment);
    await new DiskDocumentFiles(join(from, 'library')).put(sha(manual), manual);

    expect(await copyDocuments(from, to)).toEqual({ folder: to, copied: 2, files: 2 });
    expect(await new DiskDocumentFiles(to).has(sha(judgment))).toBe(true);
    expect(await new DiskDocumentFiles(join(to, 'library')).has(sha(manual))).toBe(true);
    // The library's file is not in the cases' store (removing a case's file never touches it).
    expect(await new DiskDocumentFiles(to).has(sha(manual))).toBe(false);
    expect((await copyDocuments(from, to)).copied).toBe(0);
  });
});
