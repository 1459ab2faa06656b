/** Pure helpers over case records: canonical form, sort keys, identifier folding. */
import type { CaseContent, CaseRecord } from './case-schema.ts';
import { parsePartialDate } from '../../../kernel/dates/partial-date.ts';

export { foldIdentifier } from '../../../kernel/search/identifier.ts';

/** Narratives keyed by language in a stable (sorted) order, so equal records serialise equally. */
export function canonicalContent(content: CaseContent): CaseContent {
  const narratives = Object.fromEntries(
    Object.keys(content.narratives)
      .sort()
      .map((k) => [k, content.narratives[k]!]),
  );
  // respondentStates: stored cases from before the field read as none (migration 20261204T1500 adds it).
  return { ...content, respondentStates: content.respondentStates ?? [], narratives };
}

/** The API / JSON Lines shape: id first, then the content, then the bookkeeping fields. */
export function toRecord(
  id: string,
  content: CaseContent,
  meta: { version: number; createdAt: string; updatedAt: string },
): CaseRecord {
  return {
    id,
    ...canonicalContent(content),
    version: meta.version,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
  };
}

export function contentOf(rec: CaseRecord): CaseContent {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...content } = rec;
  return content;
}

/** '2010' -> '2010-00-00' so that partial dates sort before the full dates of the same period. */
export function decisionSortKey(date: string | null): string {
  if (!date) return '';
  const p = parsePartialDate(date);
  if (typeof p === 'string') return '';
  const pad = (n: number | null) => String(n ?? 0).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export function decisionYear(date: string | null): number | null {
  if (!date) return null;
  const p = parsePartialDate(date);
  return typeof p === 'string' ? null : p.year;
}
