/**
 * The mapping assistant on a small file of the messy values partners write (made up for this test,
 * not real cases): demonyms, qualifiers, several countries in a cell, an international court's
 * respondent States, counts in words, practitioners' labels. The draft settles what it can,
 * comments out what it cannot, marks proposals; lenient readings warn with line and column;
 * --strict refuses; a second file reuses the settled values; bad input is refused, nothing written.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { suggestFromFile, mappingFromYaml } from '../../src/modules/cases/importers/mapping/suggest.ts';
import { csvItems } from '../../src/modules/cases/importers/csv-reader.ts';
import { xlsxItems } from '../../src/modules/cases/importers/xlsx-reader.ts';
import { AppError } from '../../src/kernel/errors.ts';
import { SYSTEM } from '../../src/modules/platform/domain/accounts.ts';
import { moveTo } from '../helpers/workflow.ts';

const dir = mkdtempSync(join(tmpdir(), 'palermo-messy-'));
const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
  rmSync(dir, { recursive: true, force: true });
});

const MESSY = [
  'Case,Country,Victim nationality,Victims,Acts,Means,Purpose',
  'Row A,Namibia,Namibian (implied),at least 3 (one per count),recruitment (procuration),' +
    'threats; abuse of authority,Forced labour',
  'Row B,Cyprus; Russian Federation (respondent States),Russian,' +
    'over 200 recruited; 17 named in involuntary servitude counts (reported),' +
    'recruitment,confiscation of documents,servitude',
  'Row C,United States,"Vietnamese, Chinese, Samoan",12,harbouring,deception,sexual exploitation',
  'Row D,Canada,Canadian (one victim Indigenous),2,transport,fraud,Sexual exploitation',
  'Row E,Brazil,Congolese,1,recruitment,isolation,trabajo forzoso',
].join('\n');

const all = async (t: TestApp) => (await t.services.cases.list({ limit: 100 }, SYSTEM)).items;

async function importWith(t: TestApp, csv: string, yaml: string, strict = false) {
  return t.services.jsonl.import(csvItems(Readable.from([csv]), mappingFromYaml(yaml), { strict }), {});
}
async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('mapping assistant on messy values', () => {
  const file = join(dir, 'partner.csv');
  writeFileSync(file, MESSY);

  it('settles demonyms, qualifiers, lists and synonyms; comments out the ambiguous; marks proposals', async () => {
    const { draft, yaml } = await suggestFromFile(file, 'partner.csv', { format: 'csv' });
    expect(draft.columns.map((c) => c.target)).toEqual([
      'title',
      'jurisdiction',
      'victimNationalities',
      'victimCount',
      'acts',
      'means',
      'purposes',
    ]);
    const codes = (t: string, v: string) =>
      draft.values[t as 'means']!.find((s) => s.value === v) ?? { codes: [], status: 'missing' };
    expect(codes('victimNationalities', 'Namibian (implied)').codes).toEqual(['NAM']);
    expect(codes('victimNationalities', 'Vietnamese, Chinese, Samoan').codes).toEqual(['VNM', 'CHN', 'WSM']);
    expect(codes('victimNationalities', 'Russian').codes).toEqual(['RUS']);
    expect(codes('jurisdiction', 'Cyprus; Russian Federation (respondent States)').codes).toEqual([
      'XIR',
      'CYP',
      'RUS',
    ]);
    expect(codes('means', 'threats').codes).toEqual(['threat_force_coercion']);
    expect(codes('means', 'abuse of authority').codes).toEqual(['abuse_of_power_or_vulnerability']);
    expect(codes('acts', 'recruitment (procuration)').codes).toEqual(['recruitment']);
    expect(codes('purposes', 'trabajo forzoso').codes).toEqual(['forced_labour']);
    expect(codes('means', 'confiscation of documents')).toMatchObject({
      status: 'proposal',
      codes: ['threat_force_coercion'],
    });
    expect(codes('means', 'isolation')).toMatchObject({ status: 'proposal' });
    expect(codes('victimNationalities', 'Congolese')).toMatchObject({ status: 'unsettled', codes: [] });
    expect(draft.summary).toMatchObject({ unsettled: 1, proposals: 2 });
    expect(yaml).toMatch(/^ {4}# "Congolese": "" {2}# 0\.00 ambiguous; candidates: COD .*COG/m);
    expect(yaml).toMatch(/"confiscation of documents": "threat_force_coercion" {2}# 0\.60 PROPOSAL, confirm/);
    expect(yaml).toMatch(/unsettled 1 \(commented lines: fill them in\)/);
  });

  it('refuses the draft while a value is unsettled, imports once it is settled, warns by line and column', async () => {
    const { yaml } = await suggestFromFile(file, 'partner.csv', { format: 'csv' });
    const t = await makeTestApp();
    apps.push(t);
    const e = await failure(importWith(t, MESSY, yaml));
    expect(e.message).toMatch(/Congolese/);
    expect(JSON.stringify(e.details)).toMatch(/"line":6.*column 'Victim nationality': 'Congolese' is ambiguous/);
    expect(await all(t)).toHaveLength(0);

    const settled = yaml.replace('# "Congolese": ""', '"Congolese": "COD"');
    const strict = await failure(importWith(t, MESSY, settled, true));
    expect(JSON.stringify(strict.details)).toMatch(
      /column 'Victims': 'at least 3 \(one per count\)' read as at least 3/,
    );

    const r = await importWith(t, MESSY, settled);
    expect(r.created).toBe(5);
    const warnings = JSON.stringify(r.warningDetails);
    expect(warnings).toMatch(/"line":2,"path":"victimCount","message":"column 'Victims': 'at least 3/);
    expect(warnings).toMatch(/column 'Victim nationality': the qualifier '\(implied\)'/);
    expect(warnings).toMatch(/international court: respondent States CYP, RUS recorded as respondentStates/);

    const list = await all(t);
    const byTitle = (title: string) => list.find((c) => c.title === title)!;
    const b = byTitle('Row B');
    expect(b.jurisdiction).toBe('XIR');
    expect(b.respondentStates).toEqual(['CYP', 'RUS']);
    expect(b.provenance.original).toMatchObject({
      jurisdiction: 'Cyprus; Russian Federation (respondent States)',
      victimCount: 'over 200 recruited; 17 named in involuntary servitude counts (reported)',
    });
    const a = byTitle('Row A');
    expect(a.provenance.original).toMatchObject({ victimNationalities: 'Namibian (implied)' });
    expect(a.victims.reduce((n, v) => n + (v.kind === 'group' ? (v.count ?? 1) : 1), 0)).toBe(3);
    // The respondent States: a facet of the search API, a line of the case page, a column of the CSV export.
    await moveTo(t.app, b.id, 'published');
    const found = await t.app.inject({ url: '/api/v1/search?kind=case&respondent_state=CYP' });
    expect(found.statusCode, found.body).toBe(200);
    expect(JSON.stringify(found.json())).toContain(b.id);
    const none = await t.app.inject({ url: '/api/v1/search?kind=case&respondent_state=CHL' });
    expect(JSON.stringify(none.json())).not.toContain(b.id);
    const page = await t.app.inject({ url: `/cases/${b.id}` });
    expect(page.body).toMatch(/<dt>Respondent States<\/dt><dd>Cyprus, Russian Federation<\/dd>/);
    let csv = '';
    for await (const chunk of t.services.exports.lines('csv', {})) csv += chunk;
    expect(csv.split('\n')[0]).toContain('jurisdiction_name,respondent_states,');
    expect(csv).toContain('XIR,International and Regional Bodies,CYP; RUS,');
  });

  it('reuses the settled values of a previous mapping for a second file from the same partner', async () => {
    const first = await suggestFromFile(file, 'partner.csv', { format: 'csv' });
    const previous = mappingFromYaml(first.yaml.replace('# "Congolese": ""', '"Congolese": "COD"'));
    const second = join(dir, 'partner-2.csv');
    writeFileSync(second, `${MESSY.split('\n')[0]}\nRow F,Brazil,Congolese,4,recruitment,isolation,Forced labour\n`);
    const { draft } = await suggestFromFile(second, 'partner-2.csv', { format: 'csv', previous });
    expect(draft.summary.unsettled).toBe(0);
    expect(draft.values.victimNationalities!.find((v) => v.value === 'Congolese')).toMatchObject({
      status: 'reused',
      codes: ['COD'],
    });
    expect(draft.columns.every((c) => c.how === 'reused')).toBe(true);
  });

  it('refuses bad input clearly: no header, duplicate columns, other encodings, several sheets', async () => {
    const write = (name: string, body: string | Buffer) => {
      const p = join(dir, name);
      writeFileSync(p, body);
      return p;
    };
    const msg = async (p: string, opts: { format: 'csv' | 'xlsx'; sheet?: string } = { format: 'csv' }) =>
      (await failure(suggestFromFile(p, p, opts))).message;
    expect(await msg(write('nohead.csv', 'Row A,Namibia,2015\nRow B,Chile,2016\n'))).toMatch(
      /first row looks like data, not a header \('2015'\)/,
    );
    expect(await msg(write('dup.csv', 'Case,Country,Country\na,b,c\n'))).toMatch(/names column 'Country' twice/);
    expect(await msg(write('latin1.csv', Buffer.from('Case,Country\nRow,Espa\xf1a\n', 'latin1')))).toMatch(
      /not UTF-8; it looks like ISO-8859-1.*iconv -f ISO-8859-1 -t UTF-8/,
    );
    expect(
      await msg(write('cp1252.csv', Buffer.from([...Buffer.from('Case,Country\n'), 0x93, 0x41, 0x94, 0x0a]))),
    ).toMatch(/Windows-1252/);
    expect(await msg(write('utf16.csv', Buffer.from([0xff, 0xfe, 0x43, 0x00])))).toMatch(/UTF-16 \(little-endian\)/);

    const { default: Excel } = await import('exceljs');
    const book = new Excel.Workbook();
    book.addWorksheet('2023').addRows([
      ['Case', 'Country'],
      ['Row A', 'Chile'],
    ]);
    book.addWorksheet('2024').addRows([
      ['Case', 'Country'],
      ['Row B', 'Peru'],
    ]);
    const xlsx = join(dir, 'two.xlsx');
    await book.xlsx.writeFile(xlsx);
    expect(await msg(xlsx, { format: 'xlsx' })).toMatch(/2 sheets \(2023, 2024\): name one with --sheet/);
    const { draft } = await suggestFromFile(xlsx, 'two.xlsx', { format: 'xlsx', sheet: '2024' });
    expect(draft.values.jurisdiction!.map((v) => v.codes)).toEqual([['PER']]);
    // The import reads the named sheet only, and refuses a workbook of several sheets without one.
    const t = await makeTestApp();
    apps.push(t);
    const mapping = mappingFromYaml('columns: { Case: title, Country: jurisdiction }');
    const e = await failure(t.services.jsonl.import(xlsxItems(xlsx, mapping), {}));
    expect(e.message).toMatch(/name one with --sheet; nothing was written/);
    expect(await all(t)).toHaveLength(0);
    const r = await t.services.jsonl.import(xlsxItems(xlsx, mapping, { sheet: '2024' }), {});
    expect(r.created).toBe(1);
  });

  it('refuses a mapping that names a value twice with different codes', () => {
    expect(() =>
      mappingFromYaml('columns: { A: jurisdiction }\nvalues:\n  jurisdiction:\n    Congo: COG\n    Congo: COD\n'),
    ).toThrow(/cannot be read/);
    expect(() =>
      mappingFromYaml('columns: { A: jurisdiction }\nvalues:\n  jurisdiction:\n    Congo: COG\n    "congo ": COD\n'),
    ).toThrow(/'Congo' and 'congo ' are the same value with different codes \(COG; COD\)/);
  });

  it('writes the draft with the CLI (-o) and prints the summary', () => {
    const out = join(dir, 'map.yaml');
    const run = spawnSync(
      'node',
      ['bin/palermo.js', 'import', file, '--format', 'csv', '--suggest-mapping', '-o', out],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stderr)).toMatchObject({ output: out, unsettled: 1, proposals: 2 });
    expect(mappingFromYaml(readFileSync(out, 'utf8')).columns.Country).toBe('jurisdiction');
  });
});
