/**
 * The uploaded spreadsheets between the steps of the import: one private folder per upload, named
 * by a random id, under a root named after the database (so it outlives a restart of the server,
 * and two Palermos on one machine never share it). Each folder holds the file, meta.json (name,
 * format, sheet, previous mapping), job.json (the import job it started) and result-<job>.json.
 * Folders untouched for a day are removed (on server start, then every hour).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../kernel/errors.ts';
import type { CsvMapping } from '../importers/csv-mapping.ts';

export interface UploadMeta {
  fileName: string;
  format: 'csv' | 'xlsx';
  sheet?: string;
  previous?: CsvMapping;
}

/** The import job an upload started: who started it, its batch, and how many jobs came before. */
export interface UploadJob {
  jobId: string;
  userId: string;
  batch: string;
  n: number;
}

export const UPLOAD_ID = /^[a-f0-9]{32}$/;
/** Uploads untouched for longer are removed. */
export const UPLOAD_MAX_AGE_MS = 24 * 3_600_000;

/** The uploads root of a database (its file, or its URL on PostgreSQL). */
export function uploadsRootFor(config: { dbPath: string; databaseUrl?: string | null }): string {
  const key = createHash('sha256')
    .update(config.databaseUrl || config.dbPath)
    .digest('hex')
    .slice(0, 16);
  return join(tmpdir(), `palermo-imports-${key}`);
}

export class Uploads {
  constructor(readonly root: string) {}

  private ensureRoot(): string {
    mkdirSync(this.root, { recursive: true, mode: 0o700 });
    return this.root;
  }

  dir(id: string): string {
    if (!UPLOAD_ID.test(id)) throw new AppError('NOT_FOUND', 'this upload is gone: upload the file again');
    return join(this.root, id);
  }

  create(id: string, format: string, bytes: Buffer): string {
    const dir = join(this.ensureRoot(), id);
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, `data.${format}`), bytes);
    return dir;
  }

  meta(id: string): { dir: string; meta: UploadMeta } {
    const dir = this.dir(id);
    if (!existsSync(join(dir, 'meta.json')))
      throw new AppError('NOT_FOUND', 'this upload is gone: upload the file again');
    return { dir, meta: JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as UploadMeta };
  }

  writeMeta(id: string, meta: UploadMeta): void {
    this.write(id, 'meta.json', meta);
  }

  job(id: string): UploadJob | undefined {
    return this.read<UploadJob>(id, 'job.json');
  }

  writeJob(id: string, job: UploadJob): void {
    this.write(id, 'job.json', job);
  }

  result<R>(id: string, jobId: string): R | undefined {
    return this.read<R>(id, `result-${jobId}.json`);
  }

  writeResult(id: string, jobId: string, result: unknown): void {
    this.write(id, `result-${jobId}.json`, result);
  }

  private read<T>(id: string, name: string): T | undefined {
    const file = join(this.dir(id), name);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
  }

  /** Written whole or not at all (a reader never sees half a file). */
  private write(id: string, name: string, value: unknown): void {
    const file = join(this.dir(id), name);
    writeFileSync(`${file}.tmp`, JSON.stringify(value));
    renameSync(`${file}.tmp`, file);
  }

  /** Removes the upload folders whose newest file is older than maxAgeMs; returns how many. */
  removeOld(now = new Date(), maxAgeMs = UPLOAD_MAX_AGE_MS): number {
    if (!existsSync(this.root)) return 0;
    let removed = 0;
    for (const name of readdirSync(this.root)) {
      if (!UPLOAD_ID.test(name)) continue;
      const dir = join(this.root, name);
      try {
        const newest = Math.max(statSync(dir).mtimeMs, ...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));
        if (now.getTime() - newest <= maxAgeMs) continue;
        rmSync(dir, { recursive: true, force: true });
        removed++;
      } catch {
        // Removed or changed meanwhile (another server on the same database): left for the next round.
      }
    }
    return removed;
  }
}
