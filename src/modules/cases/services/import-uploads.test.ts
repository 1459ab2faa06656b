import { describe, it, expect, afterEach } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Uploads, UPLOAD_MAX_AGE_MS, uploadsRootFor } from './import-uploads.ts';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

function age(path: string, ms: number, now: Date) {
  const t = new Date(now.getTime() - ms);
  utimesSync(path, t, t);
}

describe('spreadsheet uploads', () => {
  it('removes the uploads untouched for more than a day, keeps the others and foreign files', () => {
    const root = mkdtempSync(join(tmpdir(), 'palermo-uploads-test-'));
    roots.push(root);
    const uploads = new Uploads(root);
    const now = new Date();
    const old = 'a'.repeat(32);
    const fresh = 'b'.repeat(32);
    const touched = 'c'.repeat(32);
    for (const id of [old, fresh, touched]) {
      uploads.create(id, 'csv', Buffer.from('Case,Country\nA,Chile\n'));
      uploads.writeMeta(id, { fileName: 'a.csv', format: 'csv' });
    }
    mkdirSync(join(root, 'not-an-upload'));
    for (const id of [old, touched]) {
      for (const f of ['data.csv', 'meta.json']) age(join(root, id, f), UPLOAD_MAX_AGE_MS + 60_000, now);
      age(join(root, id), UPLOAD_MAX_AGE_MS + 60_000, now);
    }
    // An old upload whose import ran an hour ago is still in use.
    writeFileSync(join(root, touched, 'job.json'), '{}');
    age(join(root, touched, 'job.json'), 3_600_000, now);

    expect(uploads.removeOld(now)).toBe(1);
    expect(existsSync(join(root, old))).toBe(false);
    expect(existsSync(join(root, fresh, 'data.csv'))).toBe(true);
    expect(existsSync(join(root, touched, 'data.csv'))).toBe(true);
    expect(existsSync(join(root, 'not-an-upload'))).toBe(true);
    expect(uploads.removeOld(new Date(now.getTime() + 2 * UPLOAD_MAX_AGE_MS))).toBe(2);
  });

  it('answers NOT_FOUND for an id that is not one, or an upload that is gone', () => {
    const uploads = new Uploads(join(tmpdir(), 'palermo-uploads-none'));
    expect(() => uploads.meta('../etc')).toThrow(/upload is gone/);
    expect(() => uploads.meta('d'.repeat(32))).toThrow(/upload is gone/);
    expect(uploads.removeOld()).toBe(0);
  });

  it('keeps the uploads of each database apart, and in the same place across restarts', () => {
    const a = uploadsRootFor({ dbPath: '/srv/a/palermo.db' });
    expect(uploadsRootFor({ dbPath: '/srv/a/palermo.db' })).toBe(a);
    expect(uploadsRootFor({ dbPath: '/srv/b/palermo.db' })).not.toBe(a);
    expect(uploadsRootFor({ dbPath: '/srv/a/palermo.db', databaseUrl: 'postgres://h/db' })).not.toBe(a);
  });
});
