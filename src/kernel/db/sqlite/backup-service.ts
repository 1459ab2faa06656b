/**
 * Backup and restore of the embedded database. A backup uses SQLite's online backup API, so it is
 * consistent while the server keeps serving; a restore first checks that the file is an intact
 * Palermo database, then copies it into place in one transaction and rebuilds the search index.
 */
import BetterSqlite3 from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { AppError } from '../../errors.ts';

const MAGIC = 'SQLite format 3\u0000';

export interface BackupResult {
  file: string;
  bytes: number;
  cases: number;
}

/** Throws a clear error unless `file` is an intact SQLite database holding Palermo's tables. */
export function checkDatabaseFile(file: string): { cases: number } {
  if (!existsSync(file) || !statSync(file).isFile())
    throw new AppError('NOT_FOUND', `file '${file}' does not exist`, { field: 'FILE' });
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(16);
  const read = readSync(fd, head, 0, 16, 0);
  closeSync(fd);
  if (read < 16 || head.toString('latin1') !== MAGIC) {
    throw new AppError(
      'VALIDATION_FAILED',
      `'${file}' is not a SQLite database (its first bytes are not "SQLite format 3")`,
      { field: 'FILE' },
    );
  }
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check') as { integrity_check: string }[];
    if (check.length !== 1 || check[0]!.integrity_check !== 'ok') {
      throw new AppError(
        'VALIDATION_FAILED',
        `'${file}' fails the integrity check: ${check
          .slice(0, 3)
          .map((c) => c.integrity_check)
          .join('; ')}`,
        { field: 'FILE' },
      );
    }
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    for (const t of ['cases', 'case_tags', 'meta', 'kysely_migration']) {
      if (!tables.has(t))
        throw new AppError('VALIDATION_FAILED', `'${file}' is not a Palermo database (no table '${t}')`, {
          field: 'FILE',
        });
    }
    return { cases: (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION_FAILED', `'${file}' cannot be read as a database: ${(e as Error).message}`, {
      field: 'FILE',
    });
  } finally {
    db?.close();
  }
}

/** Online backup of the live database to `file` (which must not exist), then verified. */
export async function backupDatabase(db: BetterSqlite3.Database, file: string): Promise<BackupResult> {
  if (existsSync(file))
    throw new AppError('CONFLICT', `'${file}' already exists; choose a new file name`, { field: 'FILE' });
  await db.backup(file);
  const { cases } = checkDatabaseFile(file);
  return { file, bytes: statSync(file).size, cases };
}

/** Replaces the contents of the live database with the checked backup `file`. */
export async function restoreDatabase(target: BetterSqlite3.Database, file: string): Promise<{ cases: number }> {
  const { cases } = checkDatabaseFile(file);
  const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    // The backup API copies page by page into the target connection, as one write: readers see the
    // old or the new database, never a mix.
    await source.backup(target.name);
  } finally {
    source.close();
  }
  return { cases };
}
