/**
 * Download counting, COUNTER style (Code of Practice R5.1 §7), without storing any address:
 *
 * - Only a full, successful response counts: 200 with every byte sent. A 304, a partial (206 range)
 *   response, an error and a download that broke off count nothing (the route decides "full").
 * - Robots (the COUNTER robots list, case-insensitive; an empty user agent too) count nothing.
 * - Counting needs a download session the server issued on an earlier response (a signed cookie,
 *   `palermo_dl`, set by the resource page and by every download; signed-in users are their own
 *   session). A client without that cookie is given one but is not counted on that request, so a
 *   script that sends no cookies never counts, however often it loops.
 * - A script that does keep its cookie is one session: the same file within 30 seconds counts once
 *   (double click), and unique downloads count each resource once per session and day.
 * - A script that throws its cookie away and fetches a new one each time is stopped by a cap on the
 *   counting sessions issued per client address per hour (in memory only, never written): past the
 *   cap, the sessions issued are marked as not counting.
 * - Stored per counted download: resource, language, file hash, time, and an HMAC of the session id
 *   (never the cookie itself, an address or a user agent). The downloader's country is not derived
 *   at all (no geolocation is done); reports by country group by the countries a resource concerns.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ModuleDatabase } from '../../../kernel/db/sql-database.ts';
import { AppError } from '../../../kernel/errors.ts';
import { can, type Actor } from '../../platform/index.ts';
import type { LibraryDb } from '../store/schema.ts';
import { getResources } from '../store/resource-repo.ts';
import { isRobot } from './robots.ts';

export const DOWNLOAD_COOKIE = 'palermo_dl';
export const DOUBLE_CLICK_MS = 30_000;
export const SESSION_SECONDS = 24 * 3600;

export interface DownloadSession {
  /** The session's key for counting (HMAC of its id; for a signed-in user, of the user id). */
  key: string | null;
  /** The cookie value to set, when the request brought none (or a bad or expired one). */
  issue: string | null;
}

export type CountOutcome = 'counted' | 'double-click' | 'robot' | 'no-session' | 'not-counting-session' | 'not-full';

export interface DownloadEvent {
  resourceId: string;
  language: string;
  sha256: string;
  /** The session key (null: no counting session). */
  session: string | null;
  userAgent: string | undefined;
  /** 200 with every byte sent. */
  full: boolean;
  at?: Date;
}

export interface ReportRow {
  key: string;
  label: string;
  total: number;
  unique: number;
}

export interface DownloadReport {
  from: string;
  to: string;
  total: number;
  unique: number;
  byMonth: ReportRow[];
  byResource: ReportRow[];
  byLanguage: ReportRow[];
  byCountry: ReportRow[];
}

export class DownloadCounter {
  private secret: Buffer | undefined;
  private readonly issued = new Map<string, { hour: number; n: number }>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly database: ModuleDatabase,
    /** Counting sessions issued per client address and hour before new ones stop counting. */
    readonly sessionsPerAddressHour = 10,
  ) {}

  private async key(): Promise<Buffer> {
    if (!this.secret) {
      const row = await this.database
        .kysely<LibraryDb>()
        .selectFrom('library_meta')
        .select('value')
        .where('key', '=', 'download_secret')
        .executeTakeFirstOrThrow();
      this.secret = Buffer.from(row.value, 'base64url');
    }
    return this.secret;
  }

  private async mac(s: string): Promise<string> {
    return createHmac('sha256', await this.key())
      .update(s)
      .digest('base64url')
      .slice(0, 32);
  }

  /**
   * The request's download session: a valid cookie it brought (issued earlier, not expired), the
   * signed-in user, or none (then a new cookie to set, counting or not by the per-address cap).
   */
  async session(cookie: string | undefined, actor: Actor, address: string, now = new Date()): Promise<DownloadSession> {
    if (actor.kind === 'user' && actor.userId) return { key: await this.mac(`user:${actor.userId}`), issue: null };
    const nowS = Math.floor(now.getTime() / 1000);
    if (cookie) {
      const m = /^([A-Za-z0-9_-]{22})\.(\d{1,12})\.([01])\.([A-Za-z0-9_-]{32})$/.exec(cookie);
      if (m) {
        const [, id, issuedAt, counting, sig] = m;
        const want = Buffer.from(await this.mac(`${id}.${issuedAt}.${counting}`));
        const age = nowS - Number(issuedAt);
        if (
          want.length === sig!.length &&
          timingSafeEqual(want, Buffer.from(sig!)) &&
          age >= 0 &&
          age < SESSION_SECONDS
        )
          return { key: counting === '1' ? await this.mac(`session:${id}`) : null, issue: null };
      }
    }
    const hour = Math.floor(nowS / 3600);
    const seen = this.issued.get(address);
    const n = seen && seen.hour === hour ? seen.n + 1 : 1;
    if (this.issued.size > 100_000) this.issued.clear();
    this.issued.set(address, { hour, n });
    const counting = n <= this.sessionsPerAddressHour ? '1' : '0';
    const id = randomBytes(16).toString('base64url');
    const value = `${id}.${nowS}.${counting}`;
    return { key: null, issue: `${value}.${await this.mac(value)}` };
  }

  /** Applies the counting rules to one response and stores it if it counts. */
  async record(e: DownloadEvent): Promise<CountOutcome> {
    if (!e.full) return 'not-full';
    if (isRobot(e.userAgent)) return 'robot';
    if (e.session === null) return 'no-session';
    const at = e.at ?? new Date();
    const iso = at.toISOString();
    return this.database.transaction<LibraryDb, CountOutcome>(async (tx) => {
      const recent = await tx.trx
        .selectFrom('library_downloads')
        .select('id')
        .where('session_key', '=', e.session!)
        .where('sha256', '=', e.sha256)
        .where('at', '>', new Date(at.getTime() - DOUBLE_CLICK_MS).toISOString())
        .executeTakeFirst();
      if (recent) return 'double-click';
      await tx.trx
        .insertInto('library_downloads')
        .values({
          resource_id: e.resourceId,
          language: e.language,
          sha256: e.sha256,
          at: iso,
          month: iso.slice(0, 7),
          day: iso.slice(0, 10),
          session_key: e.session!,
        })
        .execute();
      return 'counted';
    });
  }

  /** Records after the response has gone (the route's hook); errors never reach the client. */
  track(p: Promise<unknown>): void {
    const q = p.catch(() => undefined).finally(() => this.pending.delete(q));
    this.pending.add(q);
  }

  /** Waits for the counts still being written (tests, shutdown). */
  async settled(): Promise<void> {
    await new Promise((r) => setTimeout(r, 5)); // a response's close event comes just after it
    await Promise.all([...this.pending]);
  }

  /** Totals and unique downloads (per session and day) by month, resource, language and country. */
  async report(q: { from: string; to: string }, actor: Actor): Promise<DownloadReport> {
    if (!can(actor, 'record.read_restricted'))
      throw new AppError('FORBIDDEN', 'the download report is for editors (or a token with the read scope)');
    const rows = await this.database
      .kysely<LibraryDb>()
      .selectFrom('library_downloads')
      .select(['resource_id', 'language', 'month', 'day', 'session_key'])
      .where('day', '>=', q.from)
      .where('day', '<=', q.to)
      .execute();
    const resources = await getResources(this.database.kysely<LibraryDb>(), [
      ...new Set(rows.map((r) => r.resource_id)),
    ]);
    const groups = new Map<string, Map<string, { label: string; total: number; unique: Set<string> }>>();
    const add = (dim: string, key: string, label: string, uniqueKey: string) => {
      const g = groups.get(dim) ?? new Map();
      groups.set(dim, g);
      const cell = g.get(key) ?? { label, total: 0, unique: new Set<string>() };
      cell.total++;
      cell.unique.add(uniqueKey);
      g.set(key, cell);
    };
    const allUnique = new Set<string>();
    for (const r of rows) {
      const u = `${r.session_key}|${r.resource_id}|${r.day}`;
      allUnique.add(u);
      const res = resources.get(r.resource_id)?.resource;
      add('month', r.month, r.month, u);
      add('resource', r.resource_id, res?.title ?? r.resource_id, u);
      add('language', r.language, r.language, u);
      for (const c of res?.countries.length ? res.countries : ['']) add('country', c, c, u);
    }
    const list = (dim: string): ReportRow[] =>
      [...(groups.get(dim) ?? new Map()).entries()]
        .map(([key, c]) => ({ key, label: c.label, total: c.total, unique: c.unique.size }))
        .sort((a, b) =>
          dim === 'month' ? a.key.localeCompare(b.key) : b.total - a.total || a.key.localeCompare(b.key),
        );
    return {
      from: q.from,
      to: q.to,
      total: rows.length,
      unique: allUnique.size,
      byMonth: list('month'),
      byResource: list('resource'),
      byLanguage: list('language'),
      byCountry: list('country'),
    };
  }
}

export const REPORT_CSV_COLUMNS = ['dimension', 'key', 'label', 'total_item_requests', 'unique_item_requests'] as const;

export function reportCsvRows(r: DownloadReport): string[][] {
  const dims = [
    ['month', r.byMonth],
    ['resource', r.byResource],
    ['language', r.byLanguage],
    ['country', r.byCountry],
  ] as const;
  return dims.flatMap(([d, rows]) => rows.map((x) => [d, x.key, x.label, String(x.total), String(x.unique)]));
}
