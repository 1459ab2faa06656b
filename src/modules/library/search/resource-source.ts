/**
 * Resources in the one search (kind `resource`): title, abstract, identifiers, publisher, and the
 * text of their current files. Only published resources are indexed and hydrated. A snippet from a
 * file names the file and its page (`page`, `sha256`, `language` beside the kernel's snippet).
 *
 * Reads: on SQLite through a second Kysely over the same connection (it sees the writing
 * transaction's rows and never waits for the store's connection lock); on PostgreSQL through the
 * writing transaction when the engine passes one, through the pool the search reads from (a replica
 * that has caught up) when it passes a pool, else the primary.
 */
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import type Database from 'better-sqlite3';
import type { SearchSource, Snippet } from '../../../kernel/search/search-source.ts';
import { bestSnippet } from '../../../kernel/search/snippets.ts';
import { titleKey } from '../../../kernel/search/title-key.ts';
import type { Resource } from '../domain/resource.ts';
import type { LibraryDb } from '../store/schema.ts';
import { fulltextOf, getResources, scanResources, type Conn } from '../store/resource-repo.ts';
import { RESOURCE_FACETS } from './facets.ts';

export interface LibrarySnippet extends Snippet {
  /** For a passage of a file: its page (1-based, PDF), the file's hash and language. */
  page?: number;
  sha256?: string;
}

const isKysely = (db: unknown): db is Conn =>
  typeof db === 'object' && db !== null && typeof (db as { selectFrom?: unknown }).selectFrom === 'function';

const isPool = (db: unknown): db is pg.Pool =>
  typeof db === 'object' && db !== null && typeof (db as { connect?: unknown }).connect === 'function';

/** The store's connection as the library reads it (see the module comment). */
export function libraryReader(store: { db: unknown; sqlite?: Database.Database }): (db?: unknown) => Conn {
  if (store.sqlite) {
    const own = new Kysely<LibraryDb>({ dialect: new SqliteDialect({ database: store.sqlite }) });
    return () => own;
  }
  const primary = store.db as Conn;
  const overPool = new WeakMap<object, Conn>();
  return (db) => {
    if (isKysely(db)) return db;
    if (!isPool(db)) return primary;
    let conn = overPool.get(db);
    if (!conn) overPool.set(db, (conn = new Kysely<LibraryDb>({ dialect: new PostgresDialect({ pool: db }) })));
    return conn;
  };
}

const dateNumber = (d: string) => Number(d.replace(/-/g, '').padEnd(8, '0'));

export function resourceSource(read: (db?: unknown) => Conn): SearchSource<Resource> {
  return {
    kind: 'resource',
    facets: RESOURCE_FACETS,
    idOf: (r) => r.id,
    indexable: (r) => r.status === 'published',
    document: (r) => {
      const lang = r.languages[0]?.language ?? 'en';
      return {
        title: [[r.title, lang], ...r.languages.filter((l) => l.title).map((l) => [l.title!, l.language] as const)],
        summary: r.abstract ? [[r.abstract, lang]] : [],
        body: r.subtitle || r.series ? [[[r.subtitle, r.series].filter(Boolean).join('. '), lang]] : [],
        authority: [[[...r.corporateAuthors, ...r.authors, r.publisher ?? ''].join('; '), lang]],
        // One part per identifier: each is also indexed by its key (letters and digits run together).
        citation: [r.symbol, r.isbn, r.salesNumber].filter((x): x is string => !!x).map((x) => [x, lang] as const),
        place: [],
        language: lang,
        titleKey: titleKey(r.title),
        date: dateNumber(r.date),
        facets: Object.fromEntries(RESOURCE_FACETS.map((f) => [f.name, f.values(r)])),
      };
    },
    scan: (tx) => scanResources(read(tx)),
    fulltext: (ids, db) => fulltextOf(read(db), ids),
    async hydrate(ids) {
      const rows = await getResources(read(), ids);
      return new Map([...rows].filter(([, r]) => r.resource.status === 'published').map(([id, r]) => [id, r.resource]));
    },
    snippet(r, terms, fulltext) {
      const lang = r.languages[0]?.language ?? null;
      const fields = [...(r.abstract ? [{ field: 'abstract', language: lang, text: r.abstract, weight: 3 }] : [])];
      const own = bestSnippet(fields, terms, { lead: 'abstract', fulltextLanguage: lang });
      if (own && own.highlights.length) return own;
      const text = fulltext();
      if (!text || !terms) return own;
      const files = text.split('\u001e');
      const current = r.files.filter((f) => !f.replacedAt);
      // The page with the most matched words (a phrase's page before a page with one of its words).
      let best: LibrarySnippet | null = null;
      files.forEach((fileText, fi) => {
        const file = current[fi];
        const language = file?.language ?? lang;
        fileText.split('\f').forEach((pageText, pi) => {
          const field = { field: 'fulltext', language, text: pageText, weight: 1 };
          const s = bestSnippet([field], terms, { lead: 'fulltext', fulltextLanguage: language });
          if (s && s.highlights.length > (best?.highlights.length ?? 0))
            best = { ...s, field: 'fulltext', page: file?.pages ? pi + 1 : undefined, sha256: file?.sha256 };
        });
      });
      return best ?? own;
    },
  };
}

/** The resource hits of a search of kind `resource` (hydrated records, published only). */
export function resourceHits(
  hits: readonly object[],
): { record: Resource; score: number; snippet: LibrarySnippet | null }[] {
  return hits.flatMap((h) =>
    'record' in h && (h as { kind?: string }).kind === 'resource'
      ? [h as { record: Resource; score: number; snippet: LibrarySnippet | null }]
      : [],
  );
}
