/**
 * The case source of the one search: kind 'case', the projection of a case (search-document.ts),
 * its facets (facet-fields.ts), published cases only, hydration through the case store, snippets
 * from the record, and the store access the engines need on each database (attached judgment
 * text). The statistics are this source's extension: the payload of each document
 * (stats-columns.ts) and the aggregates over its slots (hit-order.ts, aggregateMatches).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { sql, type Transaction } from 'kysely';
import type { SearchSource } from '../../../kernel/search/search-source.ts';
import type { CaseRecord } from '../domain/case-schema.ts';
import type { CaseStore, StoreTx } from '../store/case-store.ts';
import type { Database } from '../store/schema.ts';
import { CASE_FACETS } from './facet-fields.ts';
import { caseDocument } from './search-document.ts';
import { aggregateMatches, StatsColumns } from './stats-columns.ts';
import { findSimilar } from './similar-cases.ts';
import type { AggregateRequest } from './search-engine.ts';
import { bestSnippet, type SnippetField } from '../../../kernel/search/snippets.ts';
import { SqlCaseReader } from '../store/sql-case-store.ts';

/** How the case source reads the database an engine runs on. */
interface CaseSearchAccess {
  fulltext(ids: readonly string[], db: unknown): Promise<Map<string, string>>;
}

export function caseSource(store: CaseStore, access: CaseSearchAccess): SearchSource<CaseRecord> {
  return {
    kind: 'case',
    facets: CASE_FACETS,
    idOf: (rec) => rec.id,
    indexable: (rec) => rec.status === 'published',
    document: (rec) => caseDocument(rec),
    // In a store transaction (SQLite) or a bare Kysely transaction (the PostgreSQL rebuild).
    scan: (tx) =>
      typeof tx === 'object' && tx && 'cases' in tx
        ? (tx as StoreTx).cases.scan(1000)
        : new SqlCaseReader(tx as Transaction<Database>).scan(1000),
    fulltext: access.fulltext,
    // Identifiers need no lookup of their own: they are citation parts, indexed with their keys.
    async hydrate(ids) {
      const records = await store.cases.getMany([...ids]);
      // Belt and braces: the index holds published cases only, and so does every hit.
      return new Map(records.filter((r) => r.status === 'published').map((r) => [r.id, r]));
    },
    // The cases' extensions: statistics beside the facet columns, and similar cases.
    slotColumns: () => new StatsColumns(),
    aggregate: (req, slots, facets) => aggregateMatches(req as AggregateRequest, slots, facets),
    similar: (index, id, limit) => findSimilar({ ...index, store }, id, limit),
    snippet: (rec, terms, fulltext) =>
      bestSnippet(snippetFields(rec), terms, {
        lead: 'facts',
        fulltext,
        fulltextLanguage: Object.keys(rec.narratives)[0] ?? null,
      }),
  };
}

/** The fields of a case a snippet may come from, by weight (the title is never the passage). */
function snippetFields(rec: CaseRecord): SnippetField[] {
  const out: SnippetField[] = [{ field: 'title', language: null, text: rec.title, weight: 3 }];
  for (const [language, n] of Object.entries(rec.narratives)) {
    if (n.facts) out.push({ field: 'facts', language, text: n.facts, weight: 2 });
    if (n.reasoning) out.push({ field: 'reasoning', language, text: n.reasoning, weight: 1 });
    if (n.commentary) out.push({ field: 'commentary', language, text: n.commentary, weight: 1 });
    if (n.crossCutting) out.push({ field: 'crossCutting', language, text: n.crossCutting, weight: 1 });
  }
  return out;
}

/** The case source on the SQLite store (one connection: reads see the writing transaction). */
export function sqliteCaseSource(store: CaseStore, db: BetterSqlite3.Database): SearchSource<CaseRecord> {
  // One statement for a whole page of hits (ids as a JSON array), not one per hit.
  const fulltext = db.prepare<[string], { id: string; text: string | null }>(
    'SELECT c.id AS id, group_concat(d.text, char(10) || char(10)) AS text ' +
      'FROM case_documents d JOIN cases c ON c.seq = d.seq ' +
      'WHERE c.id IN (SELECT value FROM json_each(?)) GROUP BY c.id',
  );
  return caseSource(store, {
    async fulltext(ids) {
      const out = new Map<string, string>();
      if (!ids.length) return out;
      for (const row of fulltext.all(JSON.stringify(ids))) if (row.text) out.set(row.id, row.text);
      return out;
    },
  });
}

const FULLTEXT_SQL = `SELECT c.id, string_agg(d.text, E'\n\n' ORDER BY d.added_at, d.sha256) AS text
  FROM case_documents d JOIN cases c ON c.seq = d.seq WHERE c.id = ANY($1::text[]) GROUP BY c.id`;

/**
 * The text of the judgment documents of these cases, as the case's full text: through the writing
 * transaction (`trx`) when indexing, or a pool when cutting snippets for a page of hits.
 */
export async function pgFulltextOf(db: Transaction<Database> | pg.Pool, ids: readonly string[]) {
  if (!ids.length) return new Map<string, string>();
  const list = [...ids];
  const rows =
    'query' in db
      ? (await db.query<{ id: string; text: string }>(FULLTEXT_SQL, [list])).rows
      : (
          await sql<{
            id: string;
            text: string;
          }>`SELECT c.id, string_agg(d.text, E'\n\n' ORDER BY d.added_at, d.sha256) AS text
        FROM case_documents d JOIN cases c ON c.seq = d.seq WHERE c.id = ANY(${list}::text[]) GROUP BY c.id`.execute(db)
        ).rows;
  return new Map(rows.map((r) => [r.id, r.text]));
}

/** The case source on PostgreSQL: `db` is the writing transaction or the pool the search reads from. */
export function postgresCaseSource(store: CaseStore): SearchSource<CaseRecord> {
  return caseSource(store, {
    fulltext: (ids, db) => pgFulltextOf(db as Transaction<Database> | pg.Pool, ids),
  });
}
