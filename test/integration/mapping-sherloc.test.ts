/**
 * The mapping assistant on the real corpus: the 974 SHERLOC cases re-exported at test time in the
 * SHERLOC row shape, their columns renamed to another partner's (Spanish) names, go through
 * --suggest-mapping and import with the draft as written (no hand edits). Every country and every
 * art. 3 label must resolve as the SHERLOC importer resolves them. The case texts stay in ../shared.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { suggestFromFile, mappingFromYaml } from '../../src/modules/cases/importers/mapping/suggest.ts';
import { csvItems } from '../../src/modules/cases/importers/csv-reader.ts';
import { csvRowToCase } from '../../src/modules/cases/importers/csv-rows.ts';
import { sherlocToCase } from '../../src/modules/cases/importers/sherloc.ts';

const CORPUS = new URL('../../../shared/data/sherloc-tip-cases.jsonl', import.meta.url).pathname;
const SPANISH = {
  url: 'Enlace',
  unodc_no: 'Número UNODC',
  title: 'Título',
  jurisdiction: 'País',
  year: 'Año',
  facts: 'Hechos',
  article3: 'Artículo 3',
  form: 'Forma',
} as const;
const dir = mkdtempSync(join(tmpdir(), 'palermo-mapping-'));
const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
  rmSync(dir, { recursive: true, force: true });
});

interface SherlocRow {
  url: string;
  unodc_no?: string | null;
  title: string;
  jurisdiction: string;
  year?: number | null;
  facts?: string | null;
  article3?: string[] | null;
  form?: string | string[] | null;
}

describe.runIf(existsSync(CORPUS))('mapping assistant on the 974 SHERLOC cases with Spanish column names', () => {
  const rows = readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SherlocRow);
  const file = join(dir, 'casos.csv');
  writeFileSync(
    file,
    stringify([
      Object.values(SPANISH),
      ...rows.map((r) => [
        r.url,
        r.unodc_no ?? '',
        r.title,
        r.jurisdiction,
        r.year ?? '',
        r.facts ?? '',
        (r.article3 ?? []).join('; '),
        [r.form ?? []].flat().join('; '),
      ]),
    ]),
  );

  it('suggests a mapping that settles every column and value, and imports with no hand edits', async () => {
    expect(rows.length).toBe(974);
    const { draft, yaml } = await suggestFromFile(file, 'casos.csv', { format: 'csv' });
    const mapping = mappingFromYaml(yaml);
    expect(mapping.columns).toEqual({
      Enlace: 'sourceUrls',
      'Número UNODC': 'databaseNumber',
      Título: 'title',
      País: 'jurisdiction',
      Año: 'decisionDate',
      Hechos: 'facts',
      'Artículo 3': 'tags',
      Forma: 'forms',
    });
    const s = draft.summary;
    const total = s.settled + s.proposals + s.unsettled + s.reused;
    const share = s.settled / total;
    console.log(
      `SHERLOC (Spanish columns): ${s.settled} of ${total} values settled automatically (${(share * 100).toFixed(1)}%)`,
    );
    expect(s.unsettled).toBe(0);
    expect(s.proposals).toBe(0);
    expect(share).toBe(1);

    // Every country and every art. 3 label as the SHERLOC importer reads them.
    for (const [i, r] of rows.entries()) {
      const expected = sherlocToCase(r, i + 1);
      if (!('input' in expected)) throw new Error(`row ${i + 1}: ${JSON.stringify(expected.issues)}`);
      const cells: Record<string, string> = {
        País: r.jurisdiction,
        'Artículo 3': (r.article3 ?? []).join('; '),
        Título: r.title,
      };
      const got = csvRowToCase(
        cells,
        { ...mapping, columns: { País: 'jurisdiction', 'Artículo 3': 'tags', Título: 'title' } },
        i + 2,
      );
      if (!('input' in got)) throw new Error(`row ${i + 2}: ${JSON.stringify(got.issues)}`);
      expect(got.input.jurisdiction, r.jurisdiction).toBe(expected.input.jurisdiction);
      for (const k of ['acts', 'means', 'purposes'] as const)
        expect([...(got.input.tags?.[k] ?? [])].sort(), `${r.url} ${k}`).toEqual(
          [...(expected.input.tags?.[k] ?? [])].sort(),
        );
    }

    // And the whole file imports, all or nothing, through the ordinary import.
    const t = await makeTestApp();
    apps.push(t);
    const result = await t.services.jsonl.import(csvItems(Readable.from([readFileSync(file)]), mapping), {});
    expect(result).toMatchObject({ created: 974 });
  }, 120_000);
});
