/**
 * Three-way merge of a stale edit, field by field: the version an editor started from (base),
 * what is stored now (theirs) and what the editor sent (mine). A field only one side changed takes
 * that side's value; a field both changed differently is a conflict (mine is kept, and named).
 */
import type { Restricted } from '../store/editorial-store.ts';

type Fields = Record<string, unknown>;

export interface EditState {
  content: Fields;
  restricted: Restricted;
}

export interface MergeResult extends EditState {
  /** Fields both sides changed, to different values (e.g. "court", "restricted.internalNotes"). */
  conflicts: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function mergeFields(base: Fields, theirs: Fields, mine: Fields, prefix: string, conflicts: string[]): Fields {
  const out: Fields = {};
  for (const k of new Set([...Object.keys(base), ...Object.keys(theirs), ...Object.keys(mine)])) {
    const mineChanged = !same(base[k], mine[k]);
    const theirsChanged = !same(base[k], theirs[k]);
    out[k] = mineChanged ? mine[k] : theirs[k];
    if (mineChanged && theirsChanged && !same(mine[k], theirs[k])) conflicts.push(`${prefix}${k}`);
  }
  return out;
}

export function mergeEdits(base: EditState, theirs: EditState, mine: EditState): MergeResult {
  const conflicts: string[] = [];
  const content = mergeFields(base.content, theirs.content, mine.content, '', conflicts);
  const restricted = mergeFields(
    base.restricted as unknown as Fields,
    theirs.restricted as unknown as Fields,
    mine.restricted as unknown as Fields,
    'restricted.',
    conflicts,
  ) as unknown as Restricted;
  return { content, restricted, conflicts };
}
