/**
 * Possible duplicates of an incoming case among the stored ones (and earlier lines of the same
 * file): the same identifier, or the same jurisdiction, court and decision date with a similar
 * title. Reported as warnings naming the other case; nothing is merged automatically.
 */
import type { CaseInputSchema } from '../domain/case-schema.ts';
import type { FieldIssue } from '../../../kernel/errors.ts';
import { foldIdentifier } from '../domain/case-record.ts';
import type { CaseReader } from '../store/case-store.ts';
import { titleKey } from '../../../kernel/search/title-key.ts';

type Parsed = ReturnType<typeof CaseInputSchema.parse>;

function similarTitles(a: string, b: string): boolean {
  const ta = new Set(titleKey(a).split(' ').filter(Boolean));
  const tb = new Set(titleKey(b).split(' ').filter(Boolean));
  if (!ta.size || !tb.size) return false;
  const inter = [...ta].filter((t) => tb.has(t)).length;
  return inter / new Set([...ta, ...tb]).size >= 0.6;
}

const sameCourt = (a: string | null, b: string | null) => !a || !b || titleKey(a) === titleKey(b);

export class DuplicateFinder {
  /** Identifiers seen earlier in this file: folded value -> line and case id. */
  private readonly seen = new Map<string, { line: number; id: string | undefined }>();

  constructor(private readonly cases: CaseReader) {}

  async check(c: Parsed, line: number): Promise<FieldIssue[]> {
    const out: FieldIssue[] = [];
    const self = c.id;
    for (const [i, ident] of c.identifiers.entries()) {
      const key = `${ident.type}:${foldIdentifier(ident.value)}`;
      const earlier = this.seen.get(key);
      if (earlier !== undefined)
        out.push({
          line,
          path: `identifiers.${i}`,
          message: `possible duplicate of line ${earlier.line} (same ${ident.type} '${ident.value}')`,
        });
      else this.seen.set(key, { line, id: self });
      for (const other of await this.cases.findByIdentifier(ident.type, ident.value)) {
        // Cases written by earlier lines of this file were reported by line already.
        if (other !== self && other !== earlier?.id)
          out.push({
            line,
            path: `identifiers.${i}`,
            message: `possible duplicate of stored case '${other}' (same ${ident.type} '${ident.value}')`,
          });
      }
    }
    if (c.decisionDate) {
      for (const other of await this.cases.findByJurisdictionAndDate(c.jurisdiction, c.decisionDate)) {
        if (other.id !== self && sameCourt(other.court, c.court) && similarTitles(other.title, c.title)) {
          out.push({
            line,
            path: 'title',
            message:
              `possible duplicate of stored case '${other.id}' (same jurisdiction, court and date; similar ` +
              `title '${other.title}')`,
          });
        }
      }
    }
    return out;
  }
}
