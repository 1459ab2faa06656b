/**
 * BM25 from the phrase statistics (phrase-stats.ts) against FTS5's own bm25(), bit for bit, on the 974 real
 * SHERLOC summaries: words with their forms, prefixes, phrases, column filters, AND, OR, NOT; then again after
 * cases are changed, unpublished, deleted and added (the phrases brought up to date, not rebuilt).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type BetterSqlite3 from 'better-sqlite3';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import type { SqliteSearch } from '../../src/kernel/search/sqlite/sqlite-search.ts';
import { BM25_WEIGHTS } from '../../src/kernel/search/sqlite/sqlite-index.ts';
import { ftsPhrases } from '../../src/kernel/search/sqlite/fts-phrases.ts';
import { FtsCompiler } from '../../src/kernel/search/sqlite/fts-compiler.ts';
import { parseQuery } from '../../src/kernel/search/query-parser.ts';
import { QueryLanguage } from '../../src/kernel/search/query-ast.ts';
import type { SqliteStore } from '../../src/modules/cases/index.ts';
import { SYSTEM } from '../../src/modules/platform/domain/accounts.ts';
import { caseInput } from '../factories/case-factory.ts';

const CORPUS = new URL('../../../shared/data/sherloc-tip-cases.jsonl', import.meta.url).pathname;
const present = existsSync(CORPUS);
if (!present) console.warn(`phrase statistics tests need ${CORPUS}; they do not run without it`);

const QUERIES = [
  'victim',
  'trafficking',
  'exploit*',
  'recruit*',
  '"forced labour"',
  '"sexual exploitation"',
  'title:trafficking',
  'victim -child',
  'victim court',
  'labour OR sexual',
  '(labour OR sexual) -child',
  'court',
];

describe.runIf(present)('BM25 from phrase statistics', () => {
  let t: TestApp;
  let engine: SqliteSearch;
  let db: BetterSqlite3.Database;
  let truth: BetterSqlite3.Statement<[string], [number, number]>;
  let exprs: string[];

  beforeAll(async () => {
    t = await makeTestApp({}, 'sqlite');
    const r = await t.services.jsonl.import(
      createInterface({ input: createReadStream(CORPUS, 'utf8'), crlfDelay: Infinity }),
      { format: 'sherloc' },
    );
    expect(r.created).toBe(974);
    engine = t.services.engine as SqliteSearch;
    engine.phrases.minMatches = 0;
    db = (t.services.store as SqliteStore).sqlite;
    truth = db
      .prepare<[string], [number, number]>(
        `SELECT rowid, bm25(search_fts, ${BM25_WEIGHTS.join(', ')}) FROM search_fts WHERE search_fts MATCH ?
         ORDER BY rowid`,
      )
      .raw();
    const lang = new QueryLanguage(engine.facetDeclarations());
    exprs = QUERIES.map((q) => new FtsCompiler().compile(parseQuery(q, lang).text).positive!);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** Every expression: the phrase statistics give FTS5's scores exactly, for every match. */
  function compareAll(): number {
    let rows = 0;
    for (const expr of exprs) {
      const phrases = ftsPhrases(expr);
      expect(phrases, expr).not.toBeNull();
      const want = truth.all(expr);
      expect(want.length, expr).toBeGreaterThan(0);
      const got = engine.phrases.score(
        phrases!,
        Uint32Array.from(want, ([seq]) => seq),
      );
      expect(got, expr).not.toBeNull();
      expect([...got!], expr).toEqual(want.map(([, s]) => s));
      // An OR of phrases: its matches are the union of the phrases' rows, without asking FTS5.
      if (phrases!.union) expect([...engine.phrases.union(phrases!)!], expr).toEqual(want.map(([seq]) => seq));
      rows += want.length;
    }
    return rows;
  }

  it('gives every match the score FTS5 gives it, to the last bit', () => {
    expect(compareAll()).toBeGreaterThan(2000);
    expect(engine.phrases.counts.built).toBeGreaterThan(10);
  });

  it('stays exact after cases are changed, unpublished, deleted and added, bringing phrases up to date', async () => {
    const ids = (await t.services.search.search({ q: 'victim', selection: {}, limit: 6, facets: false })).hits.map(
      (h) => h.id,
    );
    expect(ids).toHaveLength(6);
    const built = engine.phrases.counts.built;
    const facts = 'The victim was recruited for forced labour in a factory.';
    await t.services.cases.patch(ids[0]!, { narratives: { en: { facts } } }, SYSTEM);
    await t.services.cases.patch(ids[1]!, { title: 'Trafficking of a victim for sexual exploitation' }, SYSTEM);
    await t.services.workflow.transition(ids[2]!, { to: 'withdrawn' }, SYSTEM);
    await t.services.cases.delete(ids[3]!, SYSTEM);
    await t.services.cases.create(
      caseInput({
        narratives: { en: { facts: 'Recruitment of a child victim by deception; exploitation in forced labour.' } },
      }),
      SYSTEM,
    );
    compareAll();
    expect(engine.phrases.counts.updated).toBeGreaterThan(5);
    expect(engine.phrases.counts.built).toBe(built);
  });

  it('reads the row lengths in the background after a reset, then scores as FTS5 does', async () => {
    engine.phrases.reset();
    await engine.phrases.warmUp();
    const built = engine.phrases.counts.built;
    compareAll();
    expect(engine.phrases.counts.built).toBeGreaterThan(built);
  });

  it('serves the search: the same hits in the same order with the path on and off', async () => {
    const search = (q: string) =>
      t.services.search.search({ q, selection: {}, limit: 50, facets: false }).then((r) => r.hits.map((h) => h.id));
    const on: string[][] = [];
    engine.cache.clear();
    const scored = engine.phrases.counts.scored;
    for (const q of QUERIES) on.push(await search(q));
    expect(engine.phrases.counts.scored).toBeGreaterThan(scored);
    engine.phrases.minMatches = Number.POSITIVE_INFINITY;
    engine.cache.clear();
    for (const [i, q] of QUERIES.entries()) expect(await search(q), q).toEqual(on[i]);
    engine.phrases.minMatches = 0;
  });
});
