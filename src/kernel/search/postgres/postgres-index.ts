/**
 * The PostgreSQL search index: `search_docs` holds per published case a weighted tsvector (built
 * from the shared analyzer's tokens, so both engines index the same words), the facet values, the
 * date and the title key; `search_terms` the document frequencies (for spelling suggestions and
 * similar cases). Writes run in the store's transaction (through the write hook), batched.
 *
 * In-memory state (facet columns, vocabulary) follows the database by generation: every index
 * transaction bumps `meta.search_generation` (a row lock, so index writers commit in generation
 * order) and stamps the rows it writes with it; removals go to `search_removed`. Before each
 * search the engine reads the generation of the server it queries (primary or replica) and, when
 * it moved, pulls only the rows of later generations. This works the same for this process's own
 * writes, other processes' writes and replicas (where LISTEN/NOTIFY is not available).
 */
import type pg from 'pg';
import { sql, type QueryExecutorProvider } from 'kysely';
import type { FacetIndex } from '../facet-index.ts';
import { Vocabulary } from '../vocabulary.ts';
import { analyseDocument, type SearchDocument } from '../search-document.ts';
import type { IndexWriteHook, SearchSource } from '../search-source.ts';
import { FIELD_TAG, quoteLexeme } from './tsquery-compiler.ts';
import { KEY_MARK } from '../identifier.ts';

/** Bump to rebuild every index on the next start (analysis or schema changed). 4: identifier keys. */
export const INDEX_VERSION = '4';
/** ts_rank weights {D, C, B, A}: A title and identifiers, B facts, C reasoning, D court and place. */
export const RANK_WEIGHTS = '{0.3, 0.2, 0.5, 1.0}';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS search_docs (seq bigint PRIMARY KEY, kind text NOT NULL, id text NOT NULL,
     date integer NOT NULL, title_key text NOT NULL, facets text NOT NULL, payload text, tsv tsvector NOT NULL,
     gen bigint NOT NULL, UNIQUE (kind, id))`,
  `CREATE TABLE IF NOT EXISTS search_keys (seq bigserial PRIMARY KEY, kind text NOT NULL, id text NOT NULL,
     UNIQUE (kind, id))`,
  `CREATE INDEX IF NOT EXISTS search_docs_tsv ON search_docs USING gin (tsv)`,
  `CREATE INDEX IF NOT EXISTS search_docs_title_key ON search_docs (title_key)`,
  `CREATE INDEX IF NOT EXISTS search_docs_gen ON search_docs (gen)`,
  `CREATE TABLE IF NOT EXISTS search_terms (term text PRIMARY KEY, df integer NOT NULL, word text,
     gen bigint NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS search_terms_gen ON search_terms (gen)`,
  `CREATE TABLE IF NOT EXISTS search_removed (seq bigint PRIMARY KEY, gen bigint NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS search_removed_gen ON search_removed (gen)`,
  `INSERT INTO meta (key, value) VALUES ('search_generation', '0'), ('search_reset', '0') ON CONFLICT (key) DO NOTHING`,
];
const DROP = [
  'DROP TABLE IF EXISTS search_docs',
  'DROP TABLE IF EXISTS search_terms',
  'DROP TABLE IF EXISTS search_removed',
  'DROP TABLE IF EXISTS search_keys',
];

/** tsvector positions stop at 16383 and a lexeme keeps at most 256 of them. */
const MAX_POS = 16383;
const MAX_POSITIONS = 256;
/** Gap between fields, so that a phrase never spans two of them. */
const FIELD_GAP = 8;
const BATCH = 500;

/** The weighted tsvector of a search document, in PostgreSQL's text form. Small fields first. */
export function tsvectorOf(doc: SearchDocument): string {
  const c = doc.columns;
  const fields: [string, string, string][] = [
    [c.title, 'A', FIELD_TAG.title],
    [c.citation, 'A', FIELD_TAG.citation],
    [c.court, 'D', FIELD_TAG.court],
    [c.place, 'D', ''],
    [c.facts, 'B', ''],
    [c.reasoning, 'C', ''],
    [c.fulltext, 'D', ''],
  ];
  const positions = new Map<string, string[]>();
  const add = (lex: string, p: string) => {
    let list = positions.get(lex);
    if (!list) positions.set(lex, (list = []));
    if (list.length < MAX_POSITIONS && list[list.length - 1] !== p) list.push(p);
  };
  let pos = 1;
  for (const [text, weight, tag] of fields) {
    for (const token of text.split(' ')) {
      if (!token) continue;
      const p = `${Math.min(pos, MAX_POS)}${weight}`;
      add(token, p);
      if (tag && !token.startsWith(KEY_MARK)) add(tag + token, p);
      pos++;
    }
    pos += FIELD_GAP;
  }
  const out: string[] = [];
  for (const [lex, list] of positions) out.push(`${quoteLexeme(lex)}:${list.join(',')}`);
  return out.join(' ');
}

interface Write {
  source: SearchSource;
  id: string;
  before: unknown;
  after: unknown;
}

export class PostgresIndex {
  readonly vocabulary = new Vocabulary();
  /** Generation of the in-memory state. */
  generation = 0;
  private resetSeen = 0;
  // Per write transaction (the store runs one at a time per process):
  private txGen: number | null = null;
  private writes = new Map<string, Write>();
  private deltas = new Map<string, number>();
  private surfaces = new Map<string, string>();
  private refreshing: Promise<boolean> | null = null;

  constructor(
    private readonly primary: pg.Pool,
    readonly facets: FacetIndex,
  ) {}

  async ensureSchema(): Promise<boolean> {
    const version = await this.meta(this.primary, 'search_index_version');
    if (version !== undefined && version !== INDEX_VERSION) for (const s of DROP) await this.primary.query(s);
    for (const s of SCHEMA) await this.primary.query(s);
    return version !== INDEX_VERSION;
  }

  private async meta(db: pg.Pool | pg.PoolClient, key: string): Promise<string | undefined> {
    const { rows } = await db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
    return rows[0]?.value;
  }

  // ---- writing (inside the store's transaction) ----

  private async begin(trx: QueryExecutorProvider): Promise<number> {
    if (this.txGen === null) {
      const { rows } = await sql<{
        value: string;
      }>`UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'search_generation' RETURNING value`.execute(
        trx,
      );
      this.txGen = Number(rows[0]!.value);
    }
    return this.txGen;
  }

  async write<R>(
    trx: QueryExecutorProvider,
    source: SearchSource<R>,
    id: string,
    before: R | undefined,
    after: R | undefined,
  ): Promise<void> {
    await this.begin(trx);
    const key = `${source.kind}\u0000${id}`;
    const prior = this.writes.get(key);
    this.writes.set(key, { source, id, before: prior ? prior.before : before, after });
    if (this.writes.size >= BATCH) await this.flushWrites(trx);
  }

  private async flushWrites(trx: QueryExecutorProvider): Promise<void> {
    if (!this.writes.size) return;
    const gen = this.txGen!;
    const writes = this.writes;
    this.writes = new Map();
    const all = [...writes.values()];
    const kinds = all.map((w) => w.source.kind);
    const ids = all.map((w) => w.id);
    const removed = await sql<{ kind: string; id: string; seq: number }>`
      DELETE FROM search_docs d USING unnest(${kinds}::text[], ${ids}::text[]) AS u(kind, id)
      WHERE d.kind = u.kind AND d.id = u.id RETURNING d.kind, d.id, d.seq`.execute(trx);
    for (const r of removed.rows) {
      const w = writes.get(`${r.kind}\u0000${r.id}`)!;
      if (w.before) this.addDelta(analyseDocument(w.source.document(w.before)).tokens, -1);
    }
    if (removed.rows.length) {
      const seqs = removed.rows.map((r) => Number(r.seq));
      await sql`INSERT INTO search_removed (seq, gen) SELECT unnest(${seqs}::bigint[]), ${gen}
                ON CONFLICT (seq) DO UPDATE SET gen = excluded.gen`.execute(trx);
    }
    // Every record gets its number at its first write, published or not: numbers follow creation order.
    const gone = all.filter((w) => w.after === undefined);
    if (gone.length) {
      const [kinds, ids] = [gone.map((w) => w.source.kind), gone.map((w) => w.id)];
      await sql`DELETE FROM search_keys k USING unnest(${kinds}::text[], ${ids}::text[]) AS u(kind, id)
                WHERE k.kind = u.kind AND k.id = u.id`.execute(trx);
    }
    const living = all.filter((w) => w.after !== undefined);
    if (living.length) {
      const [kinds, ids] = [living.map((w) => w.source.kind), living.map((w) => w.id)];
      await sql`INSERT INTO search_keys (kind, id)
                SELECT kind, id FROM unnest(${kinds}::text[], ${ids}::text[])
                WITH ORDINALITY AS u(kind, id, n) ORDER BY n
                ON CONFLICT (kind, id) DO NOTHING`.execute(trx);
    }
    const cols = {
      kind: [] as string[],
      id: [] as string[],
      date: [] as number[],
      key: [] as string[],
      facets: [] as string[],
      payload: [] as (string | null)[],
      tsv: [] as string[],
    };
    const published = living.filter((w) => w.source.indexable(w.after));
    const bySource = new Map<SearchSource, string[]>();
    for (const w of published) bySource.set(w.source, [...(bySource.get(w.source) ?? []), w.id]);
    const fulltext = new Map<string, string>();
    for (const [src, list] of bySource)
      for (const [id, text] of await src.fulltext(list, trx)) fulltext.set(`${src.kind}\u0000${id}`, text);
    for (const w of published) {
      const kind = w.source.kind;
      const doc = analyseDocument(w.source.document(w.after), fulltext.get(`${kind}\u0000${w.id}`));
      cols.kind.push(kind);
      cols.id.push(w.id);
      cols.date.push(doc.date);
      cols.key.push(doc.titleKey);
      cols.facets.push(JSON.stringify({ ...doc.facets, kind: [kind] }));
      cols.payload.push(doc.payload === undefined ? null : JSON.stringify(doc.payload));
      cols.tsv.push(tsvectorOf(doc));
      this.addDelta(doc.tokens, 1);
      for (const [t, s] of doc.surfaces) if (!this.surfaces.has(t)) this.surfaces.set(t, s);
    }
    if (!cols.id.length) return;
    const inserted = await sql`
      INSERT INTO search_docs (seq, kind, id, date, title_key, facets, payload, tsv, gen)
      SELECT k.seq, u.kind, u.id, u.date, u.key, u.facets, u.payload, u.tsv::tsvector, ${gen}
      FROM unnest(${cols.kind}::text[], ${cols.id}::text[], ${cols.date}::int[], ${cols.key}::text[],
                  ${cols.facets}::text[], ${cols.payload}::text[], ${cols.tsv}::text[])
        AS u(kind, id, date, key, facets, payload, tsv)
      JOIN search_keys k ON k.kind = u.kind AND k.id = u.id`.execute(trx);
    if (Number(inserted.numAffectedRows) !== cols.id.length) throw new Error('a document to index has no number');
  }

  private addDelta(tokens: Set<string>, sign: 1 | -1): void {
    for (const t of tokens) this.deltas.set(t, (this.deltas.get(t) ?? 0) + sign);
  }

  /** Inside the transaction, after its last write: the remaining documents and the term counts. */
  async flush(trx: QueryExecutorProvider): Promise<void> {
    if (this.txGen === null) return;
    await this.flushWrites(trx);
    const entries = [...this.deltas].filter(([, d]) => d !== 0);
    for (let i = 0; i < entries.length; i += 10_000) {
      const chunk = entries.slice(i, i + 10_000);
      const [terms, dfs, words] = [
        chunk.map((e) => e[0]),
        chunk.map((e) => e[1]),
        chunk.map((e) => this.surfaces.get(e[0]) ?? null),
      ];
      // df 0 rows stay (with the generation), so that other processes learn the term is gone.
      await sql`
        INSERT INTO search_terms (term, df, word, gen)
        SELECT t, d, w, ${this.txGen}
        FROM unnest(${terms}::text[], ${dfs}::int[], ${words}::text[]) AS u(t, d, w)
        ON CONFLICT (term) DO UPDATE SET df = GREATEST(search_terms.df + excluded.df, 0),
          word = coalesce(search_terms.word, excluded.word), gen = excluded.gen`.execute(trx);
    }
  }

  discard(): void {
    this.txGen = null;
    this.writes = new Map();
    this.deltas = new Map();
    this.surfaces = new Map();
  }

  /** The write hook of one source's store. */
  hook<R>(source: SearchSource<R>): IndexWriteHook {
    return {
      onWrite: async (tx, change) => {
        const c = change as unknown as { id: string; before: R | undefined; after: R | undefined };
        await this.write(tx as QueryExecutorProvider, source, c.id, c.before, c.after);
      },
      beforeCommit: async (tx) => this.flush(tx as QueryExecutorProvider),
      afterRollback: () => this.discard(),
      afterCommit: () => this.discard(),
    };
  }

  /** Empties the index inside a rebuild transaction; every process reloads from scratch after it. */
  async clear(trx: QueryExecutorProvider): Promise<void> {
    const gen = await this.begin(trx);
    await sql`DELETE FROM search_docs`.execute(trx);
    await sql`DELETE FROM search_terms`.execute(trx);
    await sql`DELETE FROM search_removed`.execute(trx);
    await sql`UPDATE meta SET value = ${String(gen)} WHERE key = 'search_reset'`.execute(trx);
    await sql`INSERT INTO meta (key, value) VALUES ('search_index_version', ${INDEX_VERSION})
              ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(trx);
  }

  // ---- following the database ----

  /**
   * Brings the in-memory state up to the generation of `db` (one read when nothing changed).
   * Returns true when something changed. Never moves backwards (a lagging replica is not a reason
   * to forget newer state).
   */
  async refresh(db: pg.Pool): Promise<boolean> {
    const current = Number((await this.meta(db, 'search_generation')) ?? 0);
    if (current <= this.generation) return false;
    // One pull at a time; a caller arriving meanwhile waits for it and checks again.
    while (this.refreshing) await this.refreshing.catch(() => false);
    if (current <= this.generation) return true;
    this.refreshing = this.pull(db).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async pull(db: pg.Pool): Promise<boolean> {
    const client = await db.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const gen = Number((await this.meta(client, 'search_generation')) ?? 0);
      const reset = Number((await this.meta(client, 'search_reset')) ?? 0);
      if (gen <= this.generation) {
        await client.query('COMMIT');
        return false;
      }
      const full = reset > this.resetSeen || this.generation === 0;
      const since = full ? 0 : this.generation;
      const removed = full
        ? []
        : ((
            await client.query({
              text: 'SELECT seq FROM search_removed WHERE gen > $1',
              values: [since],
              rowMode: 'array',
            })
          ).rows as [number][]);
      const docs = (
        await client.query({
          text: 'SELECT seq, date, facets, payload FROM search_docs WHERE gen > $1 ORDER BY seq',
          values: [since],
          rowMode: 'array',
        })
      ).rows as [number, number, string, string | null][];
      const terms = (
        await client.query({
          text: 'SELECT term, df, word FROM search_terms WHERE gen > $1',
          values: [since],
          rowMode: 'array',
        })
      ).rows as [string, number, string | null][];
      await client.query('COMMIT');
      if (full) this.facets.clear();
      for (const [seq] of removed) this.facets.remove(Number(seq));
      for (const [seq, date, facets, payload] of docs) {
        const p = payload === null ? undefined : JSON.parse(payload);
        this.facets.upsert({ seq: Number(seq), date, values: JSON.parse(facets), payload: p });
      }
      if (full)
        this.vocabulary.replace(terms); // packed: the bulk of the terms off the Map
      else {
        const deltas = new Map<string, number>();
        const words = new Map<string, string>();
        for (const [term, df, word] of terms) {
          deltas.set(term, df - this.vocabulary.docFreq(term));
          if (word) words.set(term, word);
        }
        this.vocabulary.apply(deltas, words);
      }
      this.generation = gen;
      this.resetSeen = reset;
      return true;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }
}
