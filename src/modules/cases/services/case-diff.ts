/**
 * What changed between two versions of a case: field-level changes (microdiff) for the version
 * history and the review screen, and word-level text diffs (jsdiff) for long narrative fields.
 * Pure: no I/O.
 */
import microdiff from 'microdiff';
import { diffWords } from 'diff';

export interface FieldChange {
  /** Dotted path, e.g. `victims.0.gender`, `narratives.en.facts`; '' when the whole value differs. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
}

export interface TextPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

/** Bookkeeping keys that change on every save and say nothing about the content. */
const BOOKKEEPING = new Set(['version', 'updatedAt', 'createdAt']);

const KIND = { CREATE: 'added', REMOVE: 'removed', CHANGE: 'changed' } as const;

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null;
}

function withoutBookkeeping(v: unknown): unknown {
  if (!isContainer(v) || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !BOOKKEEPING.has(k)));
}

/**
 * Every changed leaf between two records, depth first in the order the paths appear (in each object,
 * the keys of `before` first, then the keys only `after` has). A missing record (null/undefined, e.g. before the
 * first version)
 * counts as an empty one, so each top-level field is reported as added.
 */
export function diffRecords(before: unknown, after: unknown): FieldChange[] {
  const a = withoutBookkeeping(before);
  const b = withoutBookkeeping(after);
  if (!isContainer(a) && !isContainer(b)) {
    return Object.is(a, b) || (a == null && b == null) ? [] : [{ path: '', kind: 'changed', before: a, after: b }];
  }
  const left = isContainer(a) ? a : Array.isArray(b) ? [] : {};
  const right = isContainer(b) ? b : Array.isArray(a) ? [] : {};
  if (Array.isArray(left) !== Array.isArray(right)) return [{ path: '', kind: 'changed', before: a, after: b }];
  return microdiff(left, right).map((d) => ({
    path: d.path.map(String).join('.'),
    kind: KIND[d.type],
    before: d.type === 'CREATE' ? undefined : d.oldValue,
    after: d.type === 'REMOVE' ? undefined : d.value,
  }));
}

/** The distinct top-level fields that differ, sorted: the "what changed" column of a version list. */
export function changedFields(before: unknown, after: unknown): string[] {
  const keys = new Set(
    diffRecords(before, after)
      .map((c) => c.path.split('.')[0]!)
      .filter(Boolean),
  );
  return [...keys].sort();
}

/** Word-level diff of two texts: unchanged, removed and added runs, in reading order. */
export function textDiff(before: string, after: string): TextPart[] {
  return diffWords(before, after).map((c) => ({
    value: c.value,
    ...(c.added ? { added: true } : {}),
    ...(c.removed ? { removed: true } : {}),
  }));
}
