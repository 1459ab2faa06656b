/**
 * Validation errors of the case editor: each error path (as parseOrThrow's details give them) goes
 * to the field or group of the form that shows it; the rest appear in the summary only. The text of
 * an error comes from the catalog (form-messages.ts); the path's human name from the field specs.
 */
import type { MessageValues, Translator } from '../../../kernel/i18n/i18n.ts';
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

/**
 * One error of the form: a validation issue (message and, through causeOf, its zod code), or an
 * error the editor words itself (`key` and `values` of the catalog).
 */
export interface FormError {
  path: string;
  message: string;
  key?: string;
  values?: MessageValues;
}

export interface PlacedError {
  path: string;
  error: FormError;
  /** The path of the field or group that shows it (null: the summary only). */
  target: string | null;
}

export interface PlacedErrors {
  /** Errors by the path of the field or group that shows them. */
  byTarget: Map<string, FormError[]>;
  /** Every error in order, with the target it was placed on. */
  all: PlacedError[];
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

/**
 * Places each error on the nearest field or group that exists (`victims.0.nationalities.2` -> the
 * nationalities input).
 */
export function placeErrors(errors: readonly FormError[], targets: ReadonlySet<string>): PlacedErrors {
  const byTarget = new Map<string, FormError[]>();
  const all = errors.map((e) => {
    const path = normalizePath(e.path);
    const parts = path.split('.');
    let target: string | null = null;
    for (let n = parts.length; n > 0 && target === null; n--) {
      const candidate = parts.slice(0, n).join('.');
      if (targets.has(candidate)) target = candidate;
    }
    if (target !== null) byTarget.set(target, [...(byTarget.get(target) ?? []), e]);
    return { path, error: e, target };
  });
  return { byTarget, all };
}

/** A human name for a path: `defendants.0.charges.1.verdict` -> "Defendant 1 › Charge 2 › Verdict". */
export function fieldLabel(t: Translator, path: string): string {
  return describePath(t, path).label;
}

const STATUS_SPEC: FieldSpec = {
  key: 'status',
  label: 'cases.editor.field.status',
  control: { kind: 'select', options: STATUSES, labels: { vocabulary: 'statuses' } },
};

/** The human name of a path and, when the path is one field of the form, that field's spec. */
export function describePath(t: Translator, path: string): { label: string; spec?: FieldSpec } {
  const p = normalizePath(path).split('.');
  const out: string[] = [];
  const item = (i: string) => t.t('cases.editor.path.item', { n: Number(i) + 1 });
  let fields: readonly FieldSpec[] = TOP_FIELDS;
  let spec: FieldSpec | undefined;
  for (let k = 0; k < p.length; k++) {
    const seg = p[k]!;
    const next = p[k + 1];
    const isIndex = next !== undefined && /^\d+$/.test(next);
    spec = undefined;
    if (k === 0 && seg in ROW_LISTS) {
      out.push(t.t(`cases.editor.list.${seg}.${isIndex ? 'row' : 'title'}`, { n: Number(next) + 1 }));
      if (isIndex) k++;
      fields = ROW_LISTS[seg as RowList].fields;
    } else if (seg === 'charges') {
      out.push(isIndex ? t.t('cases.editor.charge.row', { n: Number(next) + 1 }) : t.t('cases.editor.path.charges'));
      if (isIndex) k++;
      fields = CHARGE_FIELDS;
    } else if (k === 0 && seg === 'narratives') {
      const lang = next ? languageLabel(next, t.locale) : '';
      out.push(t.t(next ? 'cases.editor.path.narrative' : 'cases.editor.section.narratives', { language: lang }));
      if (next) k++;
      fields = NARRATIVE_FIELDS;
    } else if (k === 0 && seg === 'tags') {
      const kind = TAG_LISTS.find(([kd]) => kd === next);
      out.push(t.t(kind ? kind[1] : 'cases.editor.path.tags'));
      if (kind) k++;
      // One tag of a list: its code is a term of that vocabulary.
      fields = kind
        ? p.slice(k + 1).map((i) => ({
            key: i,
            label: 'cases.editor.path.item',
            control: { kind: 'select', options: kind[2], labels: { vocabulary: kind[0] } },
          }))
        : [];
    } else if (k === 0 && (seg === 'provenance' || seg === 'restricted')) {
      out.push(t.t(`cases.editor.path.${seg}`));
      fields = seg === 'provenance' ? PROVENANCE_FIELDS : RESTRICTED_FIELDS;
    } else if (seg === 'fine' && fields === CHARGE_FIELDS) {
      spec = CHARGE_FIELDS.find((f) => f.key === `fine.${next}`);
      out.push(spec ? t.t(spec.label) : t.t('cases.editor.charge.fine'));
      if (spec) k++;
    } else if (k === 0 && seg === 'status' && p.length === 1) {
      // Not a form field: the workflow status, as the version diff shows it.
      spec = STATUS_SPEC;
      out.push(t.t(spec.label));
    } else if (seg === '_newLanguage') {
      out.push(t.t('cases.editor.path.newLanguage'));
    } else {
      spec = fields.find((f) => f.key === seg);
      out.push(spec ? t.t(spec.label, { n: Number(seg) + 1 }) : /^\d+$/.test(seg) ? item(seg) : seg);
    }
  }
  const label = out.join(' › ') || path;
  return spec ? { label, spec } : { label };
}
