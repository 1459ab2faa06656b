/**
 * Validation errors of the case editor: each error path (as parseOrThrow's details give them) goes
 * to the field or group of the form that shows it; the rest appear in the summary only.
 */
import {
  TOP_FIELDS,
  CHARGE_FIELDS,
  NARRATIVE_FIELDS,
  PROVENANCE_FIELDS,
  RESTRICTED_FIELDS,
  ROW_LISTS,
  TAG_LISTS,
  languageLabel,
  type FieldSpec,
  type RowList,
} from './form-spec.ts';
import { STATUSES } from '../domain/taxonomy.ts';

export interface FormError {
  path: string;
  message: string;
}

export interface PlacedErrors {
  /** Messages by the path of the field or group that shows them. */
  byTarget: Map<string, string[]>;
  /** Every error in order, with the target it was placed on (null: summary only). */
  all: { path: string; message: string; target: string | null }[];
}

/**
 * Error paths as the services produce them, reduced to the form's paths: a `case.` prefix (a body of
 * { case, restricted }) is dropped; bare `internalNotes` / `sourceContacts` are the restricted fields.
 */
export function normalizePath(path: string): string {
  let p = path.trim().replace(/^(?:case|input|body)\./, '');
  if (p === 'internalNotes' || p === 'sourceContacts') p = `restricted.${p}`;
  return p;
}

/** Places each error on the nearest field or group that exists (`victims.0.nationalities.2` -> the nationalities input). */
export function placeErrors(errors: readonly FormError[], targets: ReadonlySet<string>): PlacedErrors {
  const byTarget = new Map<string, string[]>();
  const all = errors.map((e) => {
    const path = normalizePath(e.path);
    const parts = path.split('.');
    let target: string | null = null;
    for (let n = parts.length; n > 0 && target === null; n--) {
      const candidate = parts.slice(0, n).join('.');
      if (targets.has(candidate)) target = candidate;
    }
    if (target !== null) byTarget.set(target, [...(byTarget.get(target) ?? []), e.message]);
    return { path, message: e.message, target };
  });
  return { byTarget, all };
}

const REQUIRED = /expected \w+, received (?:null|undefined)|'(?:null|undefined)'/;

/** The message shown for a field: "Required." when the schema only says an empty value is no value, "Enter a number." for text in a number field. */
export function messageFor(message: string, spec: FieldSpec | undefined, value: string | undefined): string {
  if (REQUIRED.test(message) || (spec?.required && value === '')) return 'Required.';
  if (/expected number, received string/.test(message))
    return `Enter a number${value ? ` ('${value}' is not one)` : ''}.`;
  return message;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A human name for a path: `defendants.0.charges.1.verdict` -> "Defendant 1 › Charge 2 › Verdict". */
export function fieldLabel(path: string): string {
  return describePath(path).label;
}

/** The human name of a path and, when the path is one field of the form, that field's spec. */
export function describePath(path: string): { label: string; spec?: FieldSpec } {
  const p = normalizePath(path).split('.');
  const out: string[] = [];
  let fields: readonly FieldSpec[] = TOP_FIELDS;
  let spec: FieldSpec | undefined;
  for (let k = 0; k < p.length; k++) {
    const seg = p[k]!;
    const next = p[k + 1];
    const isIndex = next !== undefined && /^\d+$/.test(next);
    spec = undefined;
    if (k === 0 && seg in ROW_LISTS) {
      const list = ROW_LISTS[seg as RowList];
      out.push(isIndex ? `${cap(list.noun)} ${Number(next) + 1}` : list.title);
      if (isIndex) k++;
      fields = list.fields;
    } else if (seg === 'charges') {
      out.push(isIndex ? `Charge ${Number(next) + 1}` : 'Charges');
      if (isIndex) k++;
      fields = CHARGE_FIELDS;
    } else if (k === 0 && seg === 'narratives') {
      out.push(next ? `Narrative (${languageLabel(next)})` : 'Narratives');
      if (next) k++;
      fields = NARRATIVE_FIELDS;
    } else if (k === 0 && seg === 'tags') {
      const kind = TAG_LISTS.find(([kd]) => kd === next);
      out.push(kind ? kind[1] : 'Tags');
      if (kind) k++;
      // One tag of a list: its code is a term of that vocabulary.
      fields = kind
        ? p
            .slice(k + 1)
            .map((i) => ({ key: i, label: `item ${Number(i) + 1}`, control: { kind: 'select', options: kind[2] } }))
        : [];
    } else if (k === 0 && (seg === 'provenance' || seg === 'restricted')) {
      out.push(seg === 'provenance' ? 'Provenance' : 'Restricted');
      fields = seg === 'provenance' ? PROVENANCE_FIELDS : RESTRICTED_FIELDS;
    } else if (seg === 'fine' && fields === CHARGE_FIELDS) {
      spec = CHARGE_FIELDS.find((f) => f.key === `fine.${next}`);
      out.push(spec ? spec.label : 'Fine');
      if (spec) k++;
    } else if (k === 0 && seg === 'status' && p.length === 1) {
      // Not a form field: the workflow status, as the version diff shows it.
      spec = { key: 'status', label: 'Status', control: { kind: 'select', options: STATUSES } };
      out.push(spec.label);
    } else if (seg === '_newLanguage') {
      out.push('New language');
    } else {
      spec = fields.find((f) => f.key === seg);
      out.push(spec?.label ?? (/^\d+$/.test(seg) ? `item ${Number(seg) + 1}` : seg));
    }
  }
  const label = out.join(' › ') || path;
  return spec ? { label, spec } : { label };
}
