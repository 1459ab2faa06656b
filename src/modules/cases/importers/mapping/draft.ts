/**
 * The mapping draft: columns matched to fields, then for every distinct value of a coded column a
 * proposed code with its confidence. Values it cannot settle become commented lines with the
 * closest candidates; proposals (a term that evidences a means) are marked for a person to
 * confirm; values settled in a previous mapping of the same partner are reused as they are.
 */
import { countryByCode } from '../../../../kernel/geo/countries.ts';
import type { CsvMapping, CsvTarget } from '../csv-mapping.ts';
import { matchColumns, type ColumnMatch } from './columns.ts';
import { readCountries } from './countries.ts';
import { matchTerm, type TermVocabulary } from './terms.ts';
import type { Table } from './table.ts';

type Coded = { kind: 'country'; several: boolean } | { kind: 'term'; vocab: TermVocabulary | 'article3' };
export const CODED: Partial<Record<CsvTarget, Coded>> = {
  jurisdiction: { kind: 'country', several: false },
  victimNationalities: { kind: 'country', several: true },
  defendantNationalities: { kind: 'country', several: true },
  tags: { kind: 'term', vocab: 'article3' },
  acts: { kind: 'term', vocab: 'acts' },
  means: { kind: 'term', vocab: 'means' },
  purposes: { kind: 'term', vocab: 'purposes' },
  forms: { kind: 'term', vocab: 'forms' },
  sectors: { kind: 'term', vocab: 'sectors' },
  offences: { kind: 'term', vocab: 'offences' },
  verdicts: { kind: 'term', vocab: 'verdicts' },
  victimGenders: { kind: 'term', vocab: 'genders' },
  defendantGenders: { kind: 'term', vocab: 'genders' },
  courtLevel: { kind: 'term', vocab: 'courtLevels' },
};

export interface ValueSuggestion {
  value: string;
  /** The code(s); empty when unsettled. */
  codes: string[];
  confidence: number;
  status: 'settled' | 'proposal' | 'unsettled' | 'reused';
  note: string;
}

export interface Draft {
  columns: Array<{ name: string } & ColumnMatch>;
  values: Partial<Record<CsvTarget, ValueSuggestion[]>>;
  separator: string;
  delimiter: string;
  summary: { settled: number; proposals: number; unsettled: number; reused: number; columnsUnmapped: number };
}

const countryName = (c: string) => `${c} (${countryByCode(c)?.name ?? '?'})`;

function suggestValue(value: string, coded: Coded): ValueSuggestion {
  if (coded.kind === 'country') {
    const r = readCountries(value, coded.several);
    if (r.respondentStates.length)
      return {
        value,
        codes: [...r.codes, ...r.respondentStates],
        confidence: r.confidence,
        status: 'settled',
        note: `international court; respondent States ${r.respondentStates.join(', ')}`,
      };
    if (r.codes.length) {
      const q = r.qualifier ? `; qualifier '${r.qualifier}' kept in provenance.original with a warning` : '';
      const how = r.confidence < 1 ? 'close spelling' : 'name, code or demonym';
      return { value, codes: r.codes, confidence: r.confidence, status: 'settled', note: `${how}${q}` };
    }
    const why = { ambiguous: 'ambiguous', several: 'several countries where one is allowed', unknown: 'unknown' };
    return {
      value,
      codes: [],
      confidence: 0,
      status: 'unsettled',
      note: `${why[r.problem ?? 'unknown']}; candidates: ${r.candidates.map(countryName).join(', ') || 'none'}`,
    };
  }
  const m = matchTerm(value, coded.vocab);
  if (m.proposal)
    return {
      value,
      codes: m.codes,
      confidence: m.confidence,
      status: 'proposal',
      note: `PROPOSAL, confirm: ${m.proposal}`,
    };
  if (m.codes.length)
    return {
      value,
      codes: m.codes,
      confidence: m.confidence,
      status: 'settled',
      note: m.confidence < 1 ? 'close spelling' : 'label or synonym',
    };
  return {
    value,
    codes: [],
    confidence: 0,
    status: 'unsettled',
    note: `not recognised; candidates: ${m.candidates.join(', ') || 'none'}`,
  };
}

/** Splits a cell of a coded column into values (a country cell is kept whole: the reader splits it). */
function cellValues(cell: string, coded: Coded, separator: string): string[] {
  const t = cell.trim();
  if (!t) return [];
  if (coded.kind === 'country' && !coded.several) return [t];
  return t
    .split(separator)
    .map((v) => v.trim())
    .filter(Boolean);
}

export function suggestMapping(table: Table, previous?: CsvMapping): Draft {
  const col = (i: number) => table.rows.map((r) => r.cells[i] ?? '');
  const matches = matchColumns(table.header, col);
  const columns = table.header.map((name, i) => {
    const prior = previous?.columns[name];
    if (prior !== undefined)
      return { name, target: prior, how: 'reused' as const, confidence: 1, note: 'reused from the previous mapping' };
    return { name, ...matches[i]! };
  });
  const all = table.rows.flatMap((r) => r.cells.join(''));
  const separator = all.some((c) => c.includes(';')) || !all.some((c) => c.includes('|')) ? ';' : '|';
  const values: Draft['values'] = {};
  const summary = { settled: 0, proposals: 0, unsettled: 0, reused: 0, columnsUnmapped: 0 };
  columns.forEach((c, i) => {
    if (!c.target) return void summary.columnsUnmapped++;
    const coded = CODED[c.target];
    if (!coded) return;
    const distinct = [...new Set(col(i).flatMap((cell) => cellValues(cell, coded, separator)))].sort();
    const list = (values[c.target] ??= []);
    for (const value of distinct) {
      if (list.some((s) => s.value === value)) continue;
      const old = previous?.values[c.target]?.[value];
      const s: ValueSuggestion =
        old !== undefined
          ? { value, codes: [old].flat(), confidence: 1, status: 'reused', note: 'reused from the previous mapping' }
          : suggestValue(value, coded);
      list.push(s);
      summary[s.status === 'proposal' ? 'proposals' : s.status]++;
    }
  });
  return { columns, values, separator, delimiter: table.delimiter, summary };
}

const q = (s: string) => JSON.stringify(s);
const codeText = (codes: string[]) => (codes.length === 1 ? q(codes[0]!) : `[${codes.map(q).join(', ')}]`);

/** The draft as a commented YAML mapping, readable by `palermo import --mapping`. */
export function draftYaml(draft: Draft, file: string): string {
  const s = draft.summary;
  const total = s.settled + s.proposals + s.unsettled + s.reused;
  const lines = [
    `# Mapping draft for ${file}, written by palermo import --suggest-mapping.`,
    `# Values: ${total}; settled ${s.settled + s.reused} (${s.reused} reused), proposals to confirm ${s.proposals},` +
      ` unsettled ${s.unsettled} (commented lines: fill them in).`,
    `# Columns not recognised: ${s.columnsUnmapped} (mapped to null: map them, or leave them ignored).`,
    `delimiter: ${q(draft.delimiter)}`,
    `separator: ${q(draft.separator)}`,
    'columns:',
    ...draft.columns.map(
      (c) => `  ${q(c.name)}: ${c.target ?? 'null'}  # ${c.note}${c.how === 'content' ? ` (${c.confidence})` : ''}`,
    ),
    'values:',
  ];
  for (const [target, list] of Object.entries(draft.values)) {
    lines.push(list.some((v) => v.codes.length) ? `  ${target}:` : `  ${target}: {}`);
    for (const v of list) {
      const code = v.codes.length ? codeText(v.codes) : '""';
      const line = `${q(v.value)}: ${code}  # ${v.confidence.toFixed(2)} ${v.note}`;
      lines.push(v.codes.length ? `    ${line}` : `    # ${line}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
