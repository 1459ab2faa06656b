/**
 * The case editor's data side, pure: a case -> the name/value pairs a browser submits (formFields),
 * the parsed urlencoded body -> a case ready for CaseInputSchema (parseCaseForm), and the
 * add/remove-row operations that work without JavaScript (applyFormOp).
 */
import { AppError } from '../../../kernel/errors.ts';
import { languageTag } from '../domain/case-schema.ts';
import { TAG_KINDS } from '../domain/taxonomy.ts';
import { FORM_QS_OPTIONS } from '../../../kernel/http/protections.ts';
import {
  TOP_FIELDS,
  CHARGE_FIELDS,
  NARRATIVE_FIELDS,
  PROVENANCE_FIELDS,
  RESTRICTED_FIELDS,
  ROW_LISTS,
  ROW_LIST_KEYS,
  TAG_LISTS,
  join,
  nameOf,
  type FieldSpec,
  type Option,
  type RowList,
} from './form-spec.ts';

export interface CaseFormValues {
  /** A CaseInput-like object: the form never holds status, id or bookkeeping fields. */
  case: Record<string, unknown>;
  /** Kept apart from the case: never public. */
  restricted: { internalNotes: string | null; sourceContacts: string | null };
  /** The version the editor started from (optimistic locking). */
  version?: number;
}

/** A row operation from a submit button: `add:victims`, `remove:defendants.0.charges.1`, `add:narratives` ... */
export interface FormOp {
  action: 'add' | 'remove';
  path: string;
  /** For `add:narratives`: the language chosen in `_newLanguage`. */
  language?: string;
}

export { FORM_QS_OPTIONS };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const objAt = (v: unknown): Obj => (isObj(v) ? v : {});

/** An array, or qs's object form of a long/sparse array ({ "0": .., "1001": .. }), in index order. */
function listAt(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (!isObj(v)) return [];
  return Object.keys(v)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => v[k]);
}

function getKey(o: Obj, key: string): unknown {
  let cur: unknown = o;
  for (const k of key.split('.')) cur = isObj(cur) ? cur[k] : undefined;
  return cur;
}

/* ---------------------------------------------------------------- case -> name/value pairs */

function encode(spec: FieldSpec, v: unknown): string {
  switch (spec.control.kind) {
    case 'yesno':
      return v === true ? 'yes' : v === false ? 'no' : 'unknown';
    case 'countries':
      return Array.isArray(v) ? v.map(String).join(', ') : typeof v === 'string' ? v : '';
    default:
      if (v === null || v === undefined) return spec.default ?? '';
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

export interface FieldEntry {
  path: string;
  name: string;
  value: string;
}

function objectEntries(prefix: string, fields: readonly FieldSpec[], o: Obj): FieldEntry[] {
  return fields.map((f) => {
    const path = join(prefix, f.key);
    return { path, name: nameOf(path), value: encode(f, getKey(o, f.key)) };
  });
}

function rowEntries(c: Obj, list: RowList): FieldEntry[] {
  return listAt(c[list]).flatMap((row, i) => {
    const r = objAt(row);
    const own = objectEntries(join(list, i), ROW_LISTS[list].fields, r);
    if (list !== 'defendants') return own;
    return [
      ...own,
      ...listAt(r.charges).flatMap((ch, j) => objectEntries(join(list, i, 'charges', j), CHARGE_FIELDS, objAt(ch))),
    ];
  });
}

/** The checked codes of a tag list in the order of the checkboxes: the vocabulary's, then unknown codes. */
export function checkedCodes(options: readonly Option[], value: unknown): string[] {
  const codes = new Set(listAt(value).map(String));
  const known = options.filter((o) => codes.has(o.code)).map((o) => o.code);
  return [...known, ...[...codes].filter((c) => !options.some((o) => o.code === c))];
}

/**
 * Every field of the form with its dotted path, its input name and its value as a browser submits it,
 * in the order of the rendered form (the order a browser sends them in).
 */
export function fieldEntries(values: CaseFormValues): FieldEntry[] {
  const c = values.case;
  const tags = objAt(c.tags);
  return [
    ...(values.version !== undefined ? [{ path: 'version', name: 'version', value: String(values.version) }] : []),
    ...objectEntries('', TOP_FIELDS, c),
    ...rowEntries(c, 'identifiers'),
    ...rowEntries(c, 'proceedings'),
    ...Object.entries(objAt(c.narratives)).flatMap(([lang, n]) =>
      objectEntries(join('narratives', lang), NARRATIVE_FIELDS, objAt(n)),
    ),
    ...rowEntries(c, 'victims'),
    ...rowEntries(c, 'defendants'),
    ...TAG_LISTS.flatMap(([kind, , options]) =>
      checkedCodes(options, tags[kind]).map((code) => ({ path: `tags.${kind}`, name: `tags[${kind}][]`, value: code })),
    ),
    ...rowEntries(c, 'sources'),
    ...objectEntries('provenance', PROVENANCE_FIELDS, objAt(c.provenance)),
    ...objectEntries('restricted', RESTRICTED_FIELDS, values.restricted),
  ];
}

/** The flat name/value pairs a browser submits for this form (names in qs bracket style). */
export function formFields(values: CaseFormValues): [name: string, value: string][] {
  return fieldEntries(values).map((e) => [e.name, e.value]);
}

/* ---------------------------------------------------------------- parsed body -> case */

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

function decode(spec: FieldSpec, raw: unknown): unknown {
  if (raw === undefined || raw === null) return spec.control.kind === 'countries' ? [] : (spec.default ?? null);
  if (spec.control.kind === 'countries') {
    const parts = (Array.isArray(raw) ? raw : [raw])
      .filter((x) => typeof x === 'string')
      .flatMap((s) => s.split(/[\s,;]+/));
    return parts.filter(Boolean).map((s) => s.toUpperCase());
  }
  // Anything but a string (title[x]=.. or a repeated name) goes through untouched for the schema to name.
  if (typeof raw !== 'string') return raw;
  const s = raw.replace(/\r\n?/g, '\n');
  const t = s.trim();
  switch (spec.control.kind) {
    case 'yesno':
      return t === 'yes' ? true : t === 'no' ? false : null;
    case 'number':
      return t === '' ? null : NUMBER.test(t) ? Number(t) : t;
    case 'textarea':
      return t === '' ? null : s;
    default:
      return t === '' ? null : t;
  }
}

function readObject(fields: readonly FieldSpec[], src: Obj): Obj {
  const out: Obj = {};
  for (const f of fields) {
    const [a, b] = f.key.split('.') as [string, string | undefined];
    if (b === undefined) out[a] = decode(f, src[a]);
    else out[a] = { ...objAt(out[a]), [b]: decode(f, objAt(src[a])[b]) };
  }
  return out;
}

function readCharge(src: Obj): Obj {
  const c = readObject(CHARGE_FIELDS, src);
  const fine = objAt(c.fine);
  const currency = typeof fine.currency === 'string' ? fine.currency.toUpperCase() : fine.currency;
  c.fine = fine.amount === null && currency === null ? null : { amount: fine.amount, currency };
  return c;
}

function readRow(list: RowList, src: Obj): Obj {
  const row = readObject(ROW_LISTS[list].fields, src);
  if (list === 'defendants') row.charges = listAt(src.charges).map((ch) => readCharge(objAt(ch)));
  return row;
}

function readTags(src: Obj): Obj {
  const out: Obj = {};
  for (const kind of TAG_KINDS) {
    const v = src[kind];
    out[kind] = (typeof v === 'string' ? [v] : listAt(v)).filter((x) => typeof x === 'string' && x !== '');
  }
  return out;
}

const OP = /^(add|remove):([A-Za-z0-9_.-]{1,200})$/;

export function parseFormOp(raw: unknown, newLanguage: unknown): FormOp | null {
  if (raw === undefined || raw === '') return null;
  const m = typeof raw === 'string' ? OP.exec(raw) : null;
  if (!m)
    throw new AppError('BAD_REQUEST', `unknown form operation '${String(raw)}'`, [
      { path: '_op', message: 'expected add:<list> or remove:<row>' },
    ]);
  const op: FormOp = { action: m[1] as FormOp['action'], path: m[2]! };
  if (op.action === 'add' && op.path === 'narratives')
    op.language = typeof newLanguage === 'string' ? newLanguage.trim() : '';
  return op;
}

/**
 * Reads the body of the editor form (already parsed with qs, see FORM_QS_OPTIONS) into values ready
 * for CaseInputSchema: empty -> null, numbers parsed (a non-number stays a string so the schema names
 * it), child yes/no/unknown -> true/false/null, missing lists -> []. `_csrf`, `_op` and `_newLanguage`
 * are not part of the values; `_op` comes back as `op` (a submit button that adds or removes a row).
 */
export function parseCaseForm(body: Record<string, unknown>): { values: CaseFormValues; op: FormOp | null } {
  const c: Obj = readObject(TOP_FIELDS, body);
  for (const list of ROW_LIST_KEYS) c[list] = listAt(body[list]).map((r) => readRow(list, objAt(r)));
  const narratives: Obj = {};
  for (const [lang, n] of Object.entries(objAt(body.narratives)))
    narratives[lang] = readObject(NARRATIVE_FIELDS, objAt(n));
  c.narratives = narratives;
  c.tags = readTags(objAt(body.tags));
  c.provenance = readObject(PROVENANCE_FIELDS, objAt(body.provenance));
  const r = readObject(RESTRICTED_FIELDS, objAt(body.restricted));
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const values: CaseFormValues = {
    case: c,
    restricted: { internalNotes: str(r.internalNotes), sourceContacts: str(r.sourceContacts) },
  };
  const version = typeof body.version === 'string' && /^\d{1,9}$/.test(body.version) ? Number(body.version) : undefined;
  if (version !== undefined) values.version = version;
  return { values, op: parseFormOp(body._op, body._newLanguage) };
}

/* ---------------------------------------------------------------- add/remove rows */

function blankOf(fields: readonly FieldSpec[]): Obj {
  return readObject(fields, {});
}

/** An empty row of a list, as the form shows it (party kind defaults to person, as in the schema). */
export function blankRow(list: RowList | 'charges'): Obj {
  return list === 'charges' ? readCharge({}) : readRow(list, {});
}

function badOp(op: FormOp, why: string): AppError {
  return new AppError('BAD_REQUEST', `cannot ${op.action} '${op.path}': ${why}`, [{ path: '_op', message: why }]);
}

function withList(list: unknown[], op: FormOp, index: number | null): unknown[] {
  if (index === null) return list;
  if (index >= list.length) throw badOp(op, `there is no row ${index + 1}`);
  return list.filter((_, i) => i !== index);
}

/** Applies a row operation and returns the new values (the input is not changed). */
export function applyFormOp(values: CaseFormValues, op: FormOp): CaseFormValues {
  const next: CaseFormValues = structuredClone(values);
  const c = next.case;
  const parts = op.path.split('.');
  const [head, i, sub, j] = parts;
  const idx = (s: string | undefined) => (s !== undefined && /^\d{1,6}$/.test(s) ? Number(s) : NaN);
  if (head === 'narratives') {
    const narratives = { ...objAt(c.narratives) };
    if (op.action === 'add' && parts.length === 1) {
      const lang = op.language ?? '';
      if (!languageTag.safeParse(lang).success) {
        throw new AppError('VALIDATION_FAILED', `'${lang}' is not a language tag (e.g. en, es, pt-BR)`, [
          { path: '_newLanguage', message: 'choose a language to add' },
        ]);
      }
      if (lang in narratives)
        throw new AppError('VALIDATION_FAILED', `the narrative already has ${lang}`, [
          { path: '_newLanguage', message: `${lang} is already there` },
        ]);
      narratives[lang] = blankOf(NARRATIVE_FIELDS);
    } else if (op.action === 'remove' && parts.length === 2) {
      if (!(i! in narratives)) throw badOp(op, `there is no language ${i}`);
      delete narratives[i!];
    } else throw badOp(op, 'not a narrative operation');
    c.narratives = narratives;
    return next;
  }
  if (!(ROW_LIST_KEYS as string[]).includes(head!)) throw badOp(op, 'not a repeatable list');
  const list = head as RowList;
  const rows = listAt(c[list]).slice();
  if (op.action === 'add' && parts.length === 1) {
    c[list] = [...rows, blankRow(list)];
  } else if (op.action === 'remove' && parts.length === 2 && Number.isInteger(idx(i))) {
    c[list] = withList(rows, op, idx(i));
  } else if (
    list === 'defendants' &&
    sub === 'charges' &&
    Number.isInteger(idx(i)) &&
    (parts.length === 3 || parts.length === 4)
  ) {
    const d = idx(i);
    if (d >= rows.length) throw badOp(op, `there is no defendant ${d + 1}`);
    const defendant = { ...objAt(rows[d]) };
    const charges = listAt(defendant.charges).slice();
    if (op.action === 'add' && parts.length === 3) defendant.charges = [...charges, blankRow('charges')];
    else if (op.action === 'remove' && parts.length === 4 && Number.isInteger(idx(j)))
      defendant.charges = withList(charges, op, idx(j));
    else throw badOp(op, 'not a charge operation');
    rows[d] = defendant;
    c[list] = rows;
  } else throw badOp(op, 'not a row operation');
  return next;
}

/** The first field of the row an operation added (to focus it when the form comes back), or null. */
export function focusAfterOp(values: CaseFormValues, op: FormOp): string | null {
  if (op.action !== 'add') return null;
  if (op.path === 'narratives') return op.language ? `narratives.${op.language}.facts` : null;
  const parts = op.path.split('.');
  const c = values.case;
  if (parts.length === 1 && (ROW_LIST_KEYS as string[]).includes(parts[0]!)) {
    const list = parts[0] as RowList;
    const n = listAt(c[list]).length;
    return n ? join(list, n - 1, ROW_LISTS[list].fields[0]!.key) : null;
  }
  if (parts.length === 3 && parts[0] === 'defendants' && parts[2] === 'charges') {
    const n = listAt(objAt(listAt(c.defendants)[Number(parts[1])]).charges).length;
    return n ? join(op.path, n - 1, CHARGE_FIELDS[0]!.key) : null;
  }
  return null;
}

/**
 * The form edits the content, not the workflow: status, id and the import bookkeeping of provenance
 * (importBatch, original) are not in it. Copies them from the stored record into the edited case so
 * a whole-record save keeps them. Tag checkboxes come back in vocabulary order; codes that were
 * already stored keep their stored order (new ones follow), so an edit that leaves the tags alone
 * does not show up as a change in the version history.
 */
export function keepUneditedFields(
  stored: Record<string, unknown>,
  edited: Record<string, unknown>,
): Record<string, unknown> {
  const out: Obj = { ...edited };
  if (stored.id !== undefined) out.id = stored.id;
  if (stored.status !== undefined) out.status = stored.status;
  const sp = objAt(stored.provenance);
  const provenance: Obj = { ...objAt(edited.provenance) };
  if (sp.importBatch !== undefined) provenance.importBatch = sp.importBatch;
  if (sp.original !== undefined) provenance.original = sp.original;
  out.provenance = provenance;
  if (isObj(edited.tags)) {
    const storedTags = objAt(stored.tags);
    const tags: Obj = { ...edited.tags };
    for (const kind of TAG_KINDS) {
      if (!Array.isArray(tags[kind])) continue;
      const now = tags[kind] as unknown[];
      const before = listAt(storedTags[kind]).filter((c) => now.includes(c));
      tags[kind] = [...new Set([...before, ...now])];
    }
    out.tags = tags;
  }
  return out;
}
