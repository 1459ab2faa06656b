/**
 * CSV round trip: export as CSV, import that file into an empty database (Palermo's own columns,
 * no mapping), export again: identical bytes. On the real corpus (when ../shared is there) and on
 * cases with detailed victims, defendants and charges.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { caseInput } from '../factories/case-factory.ts';
import { csvItems } from '../../src/modules/cases/importers/csv-reader.ts';
import { DEFAULT_MAPPING } from '../../src/modules/cases/importers/csv-mapping.ts';
import { SYSTEM } from '../../src/modules/platform/domain/accounts.ts';

const CORPUS = new URL('../../../shared/data/sherloc-tip-cases.jsonl', import.meta.url).pathname;
const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});

async function exportCsv(t: TestApp): Promise<string> {
  let out = '';
  for await (const chunk of t.services.exports.lines('csv', {})) out += chunk;
  return out;
}

const detailed = [
  caseInput({
    id: 'rt-many-victims',
    victims: [
      { kind: 'person', gender: 'female', child: true, ageAtOffence: 15, nationalities: ['NGA'] },
      { kind: 'group', count: 12, gender: 'female', child: false, nationalities: ['NGA', 'GHA'] },
      { kind: 'person', gender: 'male', nationalities: ['BEN'] },
    ],
    defendants: [
      {
        kind: 'person',
        gender: 'male',
        nationalities: ['ITA'],
        charges: [
          { charge: 'Trafficking', verdict: 'convicted', prisonMonths: 96 },
          { charge: 'Smuggling', verdict: 'acquitted', prisonMonths: null },
        ],
      },
      {
        kind: 'legal_entity',
        label: 'Agency Srl',
        nationalities: [],
        charges: [{ charge: 'Trafficking', verdict: 'convicted', prisonMonths: null }],
      },
      { kind: 'group', count: 3, nationalities: ['NGA'], charges: [] },
    ],
  }),
  caseInput({ id: 'rt-no-parties', victims: [], defendants: [], status: 'draft' }),
  caseInput({
    id: 'rt-adults',
    victims: [
      { kind: 'person', child: false, gender: 'male' },
      { kind: 'person', child: false, gender: 'male' },
    ],
    defendants: [{ kind: 'person', charges: [{ prisonMonths: 30 }] }],
  }),
  caseInput({
    id: 'rt-unknowns',
    decisionDate: '2009-03',
    victims: [{ kind: 'group', count: 40 }],
    defendants: [{ kind: 'person', charges: [] }],
    identifiers: [
      { type: 'ecli', value: 'ECLI:NL:HR:2009:BH1234' },
      { type: 'docket', value: 'No. 09/01234' },
    ],
  }),
];

describe('CSV round trip', () => {
  it('export -> import into an empty database -> export gives identical CSV', async () => {
    const a = await makeTestApp();
    apps.push(a);
    if (existsSync(CORPUS)) {
      const r = await a.services.jsonl.import(
        createInterface({ input: createReadStream(CORPUS, 'utf8'), crlfDelay: Infinity }),
        { format: 'sherloc' },
      );
      expect(r.created).toBe(974);
    } else console.warn(`the CSV round trip runs without the real corpus (${CORPUS} is missing)`);
    for (const c of detailed) await a.services.cases.create(c, SYSTEM);

    const first = await exportCsv(a);
    const b = await makeTestApp();
    apps.push(b);
    // The reader waits for the parser many times; each wait must leave no listener behind.
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    const r = await b.services.jsonl.import(csvItems(Readable.from([first]), DEFAULT_MAPPING), {});
    process.off('warning', onWarning);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
    expect(r.rejected).toBe(0);
    const second = await exportCsv(b);
    expect(second.split('\n').length).toBe(first.split('\n').length);
    expect(second).toBe(first);
    // The summary cells were really read back, not left empty on both sides.
    const row = first.split('\n').find((l) => l.startsWith('rt-many-victims,'));
    expect(row).toContain(',14,female; male,yes,NGA; GHA; BEN,5,ITA; NGA,convicted; acquitted,96,en,');
  }, 180_000);

  it('warns, naming the line, when a row names narratives in languages a CSV cannot carry', async () => {
    const a = await makeTestApp();
    apps.push(a);
    await a.services.cases.create(
      caseInput({ id: 'rt-bilingual', narratives: { en: { facts: 'Facts.' }, es: { facts: 'Hechos.' } } }),
      SYSTEM,
    );
    const b = await makeTestApp();
    apps.push(b);
    const r = await b.services.jsonl.import(csvItems(Readable.from([await exportCsv(a)]), DEFAULT_MAPPING), {});
    expect(r.created).toBe(1);
    expect(r.warningDetails).toEqual([
      {
        line: 2,
        path: 'narrativeLanguages',
        message: 'the narratives in es are not in a CSV file and are not imported; use JSON Lines to move them',
      },
    ]);
  });
});
