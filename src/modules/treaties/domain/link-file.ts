/**
 * Predecessor/successor links between participants, read from a CSV `participant,relation,other,date,source[,note]`
 * (relation: successor_of | predecessor_of). Each row becomes a link stored one way round (the successor and its
 * predecessor) or an issue naming its line and field.
 */
import type { FieldIssue } from '../../../kernel/errors.ts';
import { parseTableDate } from './dates.ts';
import { closestParticipants, resolveLinkParticipant } from './participants.ts';

export const LINK_COLUMNS = ['participant', 'relation', 'other', 'date', 'source', 'note'] as const;
export const LINK_RELATIONS = ['successor_of', 'predecessor_of'] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

export interface LinkEntry {
  line: number;
  successor: string;
  predecessor: string;
  date: string | null;
  source: string;
  note: string | null;
}

/** Checks one link (from a file line or the API); the issues name the field. */
export function readLink(
  line: number | undefined,
  cells: Record<string, string | undefined>,
): { link: LinkEntry | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const at = line === undefined ? {} : { line };
  const v = (k: string) => (cells[k] ?? '').trim();
  const who = (field: string): string | null => {
    const raw = v(field);
    if (!raw) {
      issues.push({ ...at, path: field, message: 'the participant is missing' });
      return null;
    }
    const code = resolveLinkParticipant(raw);
    if (!code) {
      const near = closestParticipants(raw);
      issues.push({
        ...at,
        path: field,
        message: `participant '${raw}' is not known; closest: ${near.join(', ')}`,
        allowed: near,
      });
    }
    return code ?? null;
  };
  const code = who('participant');
  const relation = v('relation');
  if (!LINK_RELATIONS.includes(relation as LinkRelation))
    issues.push({ ...at, path: 'relation', message: `unknown relation '${relation}'`, allowed: LINK_RELATIONS });
  const other = who('other');
  if (code && other && code === other)
    issues.push({ ...at, path: 'other', message: 'a participant cannot be its own predecessor or successor' });
  let date: string | null = null;
  if (v('date')) {
    const d = parseTableDate(v('date'));
    if (d === 'invalid')
      issues.push({ ...at, path: 'date', message: `'${v('date')}' is not a date that exists (e.g. 2006-06-03)` });
    else date = d;
  }
  const source = v('source');
  if (!/^https?:\/\/\S+$/.test(source))
    issues.push({
      ...at,
      path: 'source',
      message: 'the source is a link (http:// or https://) to where the link is stated',
    });
  if (issues.length || !code || !other) return { link: null, issues };
  const successorOf = relation === 'successor_of';
  return {
    link: {
      line: line ?? 0,
      successor: successorOf ? code : other,
      predecessor: successorOf ? other : code,
      date,
      source,
      note: v('note') || null,
    },
    issues,
  };
}

/** Reads every row of a links file; a pair named twice is an error on the second line. */
export function readLinkRows(rows: readonly { line: number; cells: Record<string, string> }[]): {
  links: LinkEntry[];
  errors: FieldIssue[];
} {
  const links: LinkEntry[] = [];
  const errors: FieldIssue[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (Object.values(row.cells).every((c) => !c.trim())) continue;
    const { link, issues } = readLink(row.line, row.cells);
    errors.push(...issues);
    if (!link) continue;
    const key = `${link.successor}|${link.predecessor}`;
    const first = seen.get(key);
    if (first !== undefined)
      errors.push({ line: row.line, path: 'other', message: `the same link again (line ${first})` });
    else seen.set(key, row.line);
    links.push(link);
  }
  return { links, errors };
}
