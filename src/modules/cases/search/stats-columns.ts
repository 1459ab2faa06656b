/**
 * Per-case figures for statistics, kept in memory beside the facet columns (same slots) so that
 * aggregations over any search cost one pass over its matching slots: persons by gender, age group,
 * nationality and kind; verdict flags; victims; prison terms. Only published cases are ever added
 * (the engine indexes nothing else). See aggregates.ts for the definitions.
 */
import { FacetIndex, type SlotColumns } from './facet-index.ts';
import { FACET_FIELDS } from './facet-fields.ts';
import { mergeSelection } from './selection.ts';
import type { AggregateRequest } from './search-engine.ts';
import type { CaseRecord } from '../domain/case-schema.ts';
import { INTERNATIONAL_CODE } from '../../../kernel/geo/countries.ts';
import { align, padding, typedAt } from '../../../kernel/search/columns.ts';
import { codes, PURPOSES } from '../domain/taxonomy.ts';
import {
  AGGREGATE_PARTS,
  CONVICTION_VERDICTS,
  NOT_RECORDED,
  distributionOfUnsorted,
  type AggregatePart,
  type CaseAggregates,
  type Distribution,
  type Flow,
  type JurisdictionMeasures,
  type PersonCount,
} from './aggregates.ts';

export const PERSON_FIELDS = [
  'victimGender',
  'victimAge',
  'victimNationality',
  'defendantGender',
  'defendantNationality',
  'defendantKind',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];
const PURPOSE_CODES: readonly string[] = codes(PURPOSES);

/** What a case contributes to statistics (stored with the index so a reload needs no case records). */
export interface DocStats {
  /** [field, value, persons], one entry per distinct field and value. */
  people: [PersonField, string, number][];
  victims: number;
  verdict: boolean;
  convicted: boolean;
  defendants: boolean;
  /** One term in months per sentenced defendant (the longest of its charges). */
  prison: number[];
}

const personsOf = (p: { kind: string; count: number | null }) => (p.kind === 'group' && p.count ? p.count : 1);

export function statsOf(rec: CaseRecord): DocStats {
  const people = new Map<string, [PersonField, string, number]>();
  const add = (field: PersonField, value: string, n: number) => {
    const key = `${field}\u0000${value}`;
    const e = people.get(key);
    if (e) e[2] += n;
    else people.set(key, [field, value, n]);
  };
  let victims = 0;
  for (const v of rec.victims) {
    const n = personsOf(v);
    victims += n;
    add('victimGender', v.gender ?? NOT_RECORDED, n);
    add('victimAge', v.child === true ? 'child' : v.child === false ? 'adult' : NOT_RECORDED, n);
    for (const nat of v.nationalities.length ? new Set(v.nationalities) : [NOT_RECORDED])
      add('victimNationality', nat, n);
  }
  const prison: number[] = [];
  let verdict = false;
  let convicted = false;
  for (const d of rec.defendants) {
    const n = personsOf(d);
    add('defendantGender', d.gender ?? NOT_RECORDED, n);
    add('defendantKind', d.kind, n);
    for (const nat of d.nationalities.length ? new Set(d.nationalities) : [NOT_RECORDED])
      add('defendantNationality', nat, n);
    const terms = d.charges.map((c) => c.prisonMonths).filter((m): m is number => m !== null);
    if (terms.length) prison.push(Math.max(...terms));
    for (const c of d.charges) {
      if (c.verdict) verdict = true;
      if (c.verdict && CONVICTION_VERDICTS.includes(c.verdict)) convicted = true;
    }
  }
  return { people: [...people.values()], victims, verdict, convicted, defendants: rec.defendants.length > 0, prison };
}

type Typed = Uint8Array | Uint16Array | Uint32Array | Float32Array;
interface Ctor {
  new (n: number): Typed;
  new (b: ArrayBufferLike, at?: number, n?: number): Typed;
  readonly BYTES_PER_ELEMENT: number;
}
const UINT: Readonly<Record<number, Ctor>> = { 1: Uint8Array, 2: Uint16Array, 4: Uint32Array };

/**
 * A growable column. `widens`: unsigned integers kept in the narrowest of 1, 2 or 4 bytes that holds every value
 * pushed so far (counts of persons and victims: nearly all below 256, so one byte each instead of four).
 */
class Grow<T extends Typed = Typed> {
  length = 0;
  constructor(
    public data: T,
    readonly widens = false,
  ) {}
  push(v: number): void {
    while (this.widens && this.data.BYTES_PER_ELEMENT < 4 && v >= 2 ** (8 * this.data.BYTES_PER_ELEMENT))
      this.resize(this.data.length, UINT[this.data.BYTES_PER_ELEMENT * 2]!);
    if (this.length === this.data.length) this.resize(this.data.length * 2, this.data.constructor as Ctor);
    this.data[this.length++] = v;
  }
  private resize(n: number, C: Ctor): void {
    const next = new C(n) as T;
    next.set(this.data.subarray(0, this.length) as never);
    this.data = next;
  }
  get view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const u8 = (n: number) => new Uint8Array(n);
const u16 = (n: number) => new Uint16Array(n);
const u32 = (n: number) => new Uint32Array(n);
const f32 = (n: number) => new Float32Array(n);
const FIELD_BITS = 3;
const VALUE_MASK = (1 << (16 - FIELD_BITS)) - 1;

function columns() {
  const s = { wstart: new Grow(u32(1 << 12)), pstart: new Grow(u32(1 << 12)) };
  s.wstart.push(0);
  s.pstart.push(0);
  return {
    ...s,
    wpacked: new Grow(u16(1 << 14)),
    wcount: new Grow<Typed>(u8(1 << 14), true),
    prison: new Grow(f32(1 << 12)),
    jur: new Grow(u16(1 << 12)),
    purposes: new Grow(u16(1 << 12)),
    flags: new Grow(u8(1 << 12)),
    victims: new Grow<Typed>(u8(1 << 12), true),
  };
}
type Columns = ReturnType<typeof columns>;
const COLUMN_ORDER = [
  'wstart',
  'pstart',
  'wpacked',
  'wcount',
  'prison',
  'jur',
  'purposes',
  'flags',
  'victims',
] as const;
/** Each column's type; the widening ones as in a snapshot without widths (written before they widened). */
const TYPES: Record<(typeof COLUMN_ORDER)[number], Ctor> = {
  wstart: Uint32Array,
  pstart: Uint32Array,
  wpacked: Uint16Array,
  wcount: Uint32Array,
  prison: Float32Array,
  jur: Uint16Array,
  purposes: Uint16Array,
  flags: Uint8Array,
  victims: Uint32Array,
};

class Dict {
  ids = new Map<string, number>();
  constructor(public names: string[] = []) {
    names.forEach((v, i) => this.ids.set(v, i));
  }
  id(v: string): number {
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.names.length;
      if (id > VALUE_MASK) throw new Error(`statistics column has more than ${VALUE_MASK + 1} distinct values`);
      this.ids.set(v, id);
      this.names.push(v);
    }
    return id;
  }
}

/** The facet columns of the case search, with the statistics columns slot for slot (the cases' extension). */
export function caseFacetIndex(): FacetIndex {
  return new FacetIndex([...FACET_FIELDS, 'kind'], () => new StatsColumns());
}

/** The statistics columns of a facet index made by caseFacetIndex(). */
export function statsColumnsOf(ix: FacetIndex): StatsColumns {
  if (!(ix.ext instanceof StatsColumns)) throw new Error('this facet index carries no statistics columns');
  return ix.ext;
}

export class StatsColumns implements SlotColumns {
  private c: Columns = columns();
  /** Reused by aggregate for the prison terms of each group (only one aggregate runs at a time: it is synchronous). */
  private scratch = new Float64Array(0);
  private dicts = PERSON_FIELDS.map(() => new Dict());
  private jurDict = new Dict();

  /** Appends the next slot (slots are appended in order by the facet index); other kinds carry no figures. */
  push(payload: unknown, values: Readonly<Record<string, readonly string[]>>): void {
    this.pushStats(payload as DocStats | undefined, values.jurisdiction?.[0] ?? '', values.purposes ?? []);
  }

  private pushStats(stats: DocStats | undefined, jurisdiction: string, purposes: readonly string[]): void {
    const c = this.c;
    const s = stats ?? { people: [], victims: 0, verdict: false, convicted: false, defendants: false, prison: [] };
    for (const [field, value, n] of s.people) {
      const f = PERSON_FIELDS.indexOf(field);
      c.wpacked.push((f << (16 - FIELD_BITS)) | this.dicts[f]!.id(value));
      c.wcount.push(n);
    }
    c.wstart.push(c.wpacked.length);
    for (const m of s.prison) c.prison.push(m);
    c.pstart.push(c.prison.length);
    c.jur.push(this.jurDict.id(jurisdiction));
    let mask = 0;
    for (const p of purposes) {
      const i = PURPOSE_CODES.indexOf(p);
      if (i >= 0) mask |= 1 << i;
    }
    c.purposes.push(mask);
    c.flags.push((s.verdict ? 1 : 0) | (s.convicted ? 2 : 0) | (s.defendants ? 4 : 0));
    c.victims.push(s.victims);
  }

  /** Copies one slot of another instance (compaction). */
  copySlot(from: StatsColumns, slot: number): void {
    const o = from.c;
    const people: DocStats['people'] = [];
    for (let p = o.wstart.data[slot]!; p < o.wstart.data[slot + 1]!; p++) {
      const packed = o.wpacked.data[p]!;
      const f = packed >>> (16 - FIELD_BITS);
      people.push([PERSON_FIELDS[f]!, from.dicts[f]!.names[packed & VALUE_MASK]!, o.wcount.data[p]!]);
    }
    const prison = Array.from(o.prison.data.subarray(o.pstart.data[slot]!, o.pstart.data[slot + 1]!));
    const mask = o.purposes.data[slot]!;
    const flags = o.flags.data[slot]!;
    this.pushStats(
      {
        people,
        prison,
        victims: o.victims.data[slot]!,
        verdict: (flags & 1) !== 0,
        convicted: (flags & 2) !== 0,
        defendants: (flags & 4) !== 0,
      },
      from.jurDict.names[o.jur.data[slot]!]!,
      PURPOSE_CODES.filter((_, i) => mask & (1 << i)),
    );
  }

  /**
   * Two passes over the passing slots: the first counts everything and sizes the prison-term
   * buffers, the second fills them (typed arrays; quartiles found by selection, not by sorting).
   */
  aggregate(
    slots: ArrayLike<number>,
    positions: ArrayLike<number>,
    parts: ReadonlySet<AggregatePart> = new Set(AGGREGATE_PARTS),
  ): Omit<CaseAggregates, 'total' | 'cases'> {
    const wantPersons = parts.has('persons') || parts.has('flows');
    const wantFlows = parts.has('flows');
    const wantPrison = parts.has('prison');
    const c = this.c;
    const [wstart, wpacked, wcount, pstart, prison, jurOf, purposesOf, flagsOf, victimsOf] = [
      c.wstart.data,
      c.wpacked.data,
      c.wcount.data,
      c.pstart.data,
      c.prison.data,
      c.jur.data,
      c.purposes.data,
      c.flags.data,
      c.victims.data,
    ];
    const nP = PURPOSE_CODES.length;
    const sizes = this.dicts.map((d) => d.names.length);
    const offsets = sizes.map((_, f) => sizes.slice(0, f).reduce((x, y) => x + y, 0));
    const personN = new Float64Array(offsets[offsets.length - 1]! + sizes[sizes.length - 1]!);
    const personCases = new Uint32Array(personN.length);
    const nJur = this.jurDict.names.length;
    const jCases = new Uint32Array(nJur),
      jVerdict = new Uint32Array(nJur),
      jConvicted = new Uint32Array(nJur),
      jDefendants = new Uint32Array(nJur);
    const jWithVictims = new Uint32Array(nJur),
      jVictims = new Float64Array(nJur),
      jPrisonCases = new Uint32Array(nJur),
      jPrisonN = new Uint32Array(nJur);
    const pPrisonCases = new Uint32Array(nP),
      pPrisonN = new Uint32Array(nP);
    const natField = PERSON_FIELDS.indexOf('victimNationality');
    const natNames = this.dicts[natField]!.names;
    const notRecorded = this.dicts[natField]!.ids.get(NOT_RECORDED) ?? -1;
    const xir = this.jurDict.ids.get(INTERNATIONAL_CODE) ?? -1;
    // Flows as a dense nationality x jurisdiction matrix, jurisdiction ids mapped to nationality ids.
    const natOfJur = Int32Array.from(this.jurDict.names, (code) => this.dicts[natField]!.ids.get(code) ?? -1);
    const nNat = natNames.length;
    const flowCases = new Uint32Array(nNat * nJur);
    const flowVictims = new Float64Array(nNat * nJur);
    const SHIFT = 16 - FIELD_BITS;
    for (let k = 0; k < positions.length; k++) {
      const slot = slots[positions[k]!]!;
      const j = jurOf[slot]!;
      jCases[j]!++;
      const flags = flagsOf[slot]!;
      if (flags & 1) jVerdict[j]!++;
      if (flags & 2) jConvicted[j]!++;
      if (flags & 4) jDefendants[j]!++;
      const v = victimsOf[slot]!;
      if (v) {
        jWithVictims[j]!++;
        jVictims[j]! += v;
      }
      if (wantPersons)
        for (let p = wstart[slot]!, end = wstart[slot + 1]!; p < end; p++) {
          const packed = wpacked[p]!;
          const f = packed >>> SHIFT;
          const id = packed & VALUE_MASK;
          const n = wcount[p]!;
          const at = offsets[f]! + id;
          personN[at]! += n;
          personCases[at]!++;
          if (wantFlows && f === natField && j !== xir && id !== notRecorded && id !== natOfJur[j]) {
            flowCases[id * nJur + j]!++;
            flowVictims[id * nJur + j]! += n;
          }
        }
      const terms = wantPrison ? pstart[slot + 1]! - pstart[slot]! : 0;
      if (terms) {
        jPrisonCases[j]!++;
        jPrisonN[j]! += terms;
        const mask = purposesOf[slot]!;
        for (let i = 0; mask >>> i; i++) {
          if (mask & (1 << i)) {
            pPrisonCases[i]!++;
            pPrisonN[i]! += terms;
          }
        }
      }
    }
    // Second pass: prison terms into per-group buffers.
    // Views into one scratch buffer kept between calls (no megabytes of garbage per request).
    const total = [...jPrisonN, ...pPrisonN].reduce((x, y) => x + y, 0);
    if (this.scratch.length < total) this.scratch = new Float64Array(Math.max(total, this.scratch.length * 2));
    let used = 0;
    const view = (n: number) => this.scratch.subarray(used, (used += n));
    const jBuf = Array.from(jPrisonN, view);
    const pBuf = Array.from(pPrisonN, view);
    const jFill = new Uint32Array(nJur);
    const pFill = new Uint32Array(nP);
    for (let k = 0; wantPrison && k < positions.length; k++) {
      const slot = slots[positions[k]!]!;
      const p0 = pstart[slot]!;
      const p1 = pstart[slot + 1]!;
      if (p0 === p1) continue;
      const j = jurOf[slot]!;
      const mask = purposesOf[slot]!;
      for (let p = p0; p < p1; p++) {
        const m = prison[p]!;
        jBuf[j]![jFill[j]!++] = m;
        for (let i = 0; mask >>> i; i++) if (mask & (1 << i)) pBuf[i]![pFill[i]!++] = m;
      }
    }
    const personList = (field: PersonField): PersonCount[] => {
      const f = PERSON_FIELDS.indexOf(field);
      const out: PersonCount[] = [];
      this.dicts[f]!.names.forEach((value, id) => {
        const at = offsets[f]! + id;
        if (personCases[at]) out.push({ value, persons: personN[at]!, cases: personCases[at]! });
      });
      return out;
    };
    const byJurisdiction: JurisdictionMeasures[] = [];
    this.jurDict.names.forEach((code, j) => {
      if (!jCases[j]) return;
      byJurisdiction.push({
        jurisdiction: code,
        cases: jCases[j]!,
        casesWithVerdict: jVerdict[j]!,
        casesWithConviction: jConvicted[j]!,
        casesWithVictims: jWithVictims[j]!,
        victims: jVictims[j]!,
        casesWithDefendants: jDefendants[j]!,
        prison: wantPrison ? distributionOfUnsorted(jBuf[j]!, jPrisonCases[j]!) : null,
      });
    });
    const prisonByPurpose: { purpose: string; prison: Distribution }[] = [];
    PURPOSE_CODES.forEach((purpose, i) => {
      const d = distributionOfUnsorted(pBuf[i]!, pPrisonCases[i]!);
      if (d) prisonByPurpose.push({ purpose, prison: d });
    });
    const flows: Flow[] = [];
    for (let at = 0; at < flowCases.length; at++) {
      if (flowCases[at])
        flows.push({
          from: natNames[Math.floor(at / nJur)]!,
          to: this.jurDict.names[at % nJur]!,
          cases: flowCases[at]!,
          victims: flowVictims[at]!,
        });
    }
    return {
      victims: {
        gender: personList('victimGender'),
        age: personList('victimAge'),
        nationality: personList('victimNationality'),
      },
      defendants: {
        gender: personList('defendantGender'),
        nationality: personList('defendantNationality'),
        kind: personList('defendantKind'),
      },
      byJurisdiction,
      prisonByPurpose,
      flows,
    };
  }

  /** The columns as JSON header plus typed arrays (a part of the facet snapshot). */
  serialize(): Buffer {
    const header = Buffer.from(
      JSON.stringify({
        fields: PERSON_FIELDS,
        purposes: PURPOSE_CODES,
        dicts: this.dicts.map((d) => d.names),
        jur: this.jurDict.names,
        lengths: COLUMN_ORDER.map((k) => this.c[k].length),
        widths: COLUMN_ORDER.map((k) => this.c[k].data.BYTES_PER_ELEMENT),
      }),
    );
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    // Each column followed by its padding: one copy in all (Buffer.concat), not one per column.
    const parts = COLUMN_ORDER.flatMap((k) => {
      const v = this.c[k].view;
      return [Buffer.from(v.buffer, v.byteOffset, v.byteLength), padding(v.byteLength)];
    });
    return Buffer.concat([len, header, padding(header.length), ...parts]);
  }

  /** Loads what serialize wrote; false (and unchanged) when it is of another layout. */
  deserialize(buf: Buffer): boolean {
    const headerLength = buf.readUInt32LE(0);
    const header = JSON.parse(buf.subarray(4, 4 + headerLength).toString('utf8')) as {
      fields: string[];
      purposes: string[];
      dicts: string[][];
      jur: string[];
      lengths: number[];
      widths?: number[];
    };
    if (
      JSON.stringify(header.fields) !== JSON.stringify(PERSON_FIELDS) ||
      JSON.stringify(header.purposes) !== JSON.stringify(PURPOSE_CODES)
    )
      return false;
    let at = 4 + headerLength + ((4 - (headerLength % 4)) % 4);
    const c = columns();
    for (const [i, k] of COLUMN_ORDER.entries()) {
      const n = header.lengths[i]!;
      const C = c[k].widens && header.widths ? UINT[header.widths[i]!] : TYPES[k];
      if (!C) return false;
      const col = c[k] as Grow;
      col.data = typedAt(C as typeof Uint32Array, buf, at, n, 1);
      col.length = n;
      at += align(n * C.BYTES_PER_ELEMENT);
    }
    this.c = c;
    this.dicts = header.dicts.map((names) => new Dict(names));
    this.jurDict = new Dict(header.jur);
    return true;
  }

  clear(): void {
    this.c = columns();
    this.dicts = PERSON_FIELDS.map(() => new Dict());
    this.jurDict = new Dict();
  }

  bytes(): number {
    return COLUMN_ORDER.reduce((sum, k) => sum + this.c[k].data.byteLength, 0);
  }
}

/** The aggregates of the matches that pass the request's filters. */
export function aggregateMatches(req: AggregateRequest, slots: Uint32Array, facets: FacetIndex): CaseAggregates {
  // Statistics are the case source's extension: they count cases only.
  const selection = { ...mergeSelection(req.selection, req.query.filters), kind: ['case'] };
  const { passing } = facets.evaluate(slots, selection, false);
  const parts = new Set(req.parts ?? AGGREGATE_PARTS);
  const cases = Object.fromEntries(
    parts.has('cases') ? facets.countPassing(slots, passing) : FACET_FIELDS.map((f) => [f, []]),
  ) as CaseAggregates['cases'];
  return { total: passing.length, cases, ...statsColumnsOf(facets).aggregate(slots, passing, parts) };
}
