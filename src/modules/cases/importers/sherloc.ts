/**
 * The scraped reference-database format (one JSON object a line: url, unodc_no, title, jurisdiction
 * as a UN country name, year, English facts, article3 labels such as PURPOSE_FORCED_LABOUR_OR_SERVICES,
 * form) mapped to the canonical case. The original strings of normalised values stay in
 * provenance.original; the id is derived from the case's stable URL, so re-importing is idempotent.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { resolveCountry } from '../../../kernel/geo/countries.ts';
import type { CaseInput, Tags } from '../domain/case-schema.ts';
import type { FieldIssue } from '../../../kernel/errors.ts';
import { issuesOf } from '../../../kernel/validation.ts';
import { slugify } from '../../../kernel/text/slug.ts';

export const SHERLOC_LABELS: Record<string, [keyof Tags, string]> = {
  ACT_RECRUITMENT: ['acts', 'recruitment'],
  ACT_TRANSPORTATION: ['acts', 'transportation'],
  ACT_TRANSFER: ['acts', 'transfer'],
  ACT_HARBOURING: ['acts', 'harbouring'],
  ACT_RECEIPT: ['acts', 'receipt'],
  MEANS_THREAT_FORCE_OR_COERCION: ['means', 'threat_force_coercion'],
  MEANS_ABDUCTION: ['means', 'abduction'],
  MEANS_FRAUD: ['means', 'fraud'],
  MEANS_DECEPTION: ['means', 'deception'],
  MEANS_ABUSE_OF_POWER_OR_VULNERABILITY: ['means', 'abuse_of_power_or_vulnerability'],
  MEANS_PAYMENTS_OR_BENEFITS_FOR_CONTROL: ['means', 'payments_or_benefits'],
  PURPOSE_SEXUAL_EXPLOITATION: ['purposes', 'sexual_exploitation'],
  PURPOSE_FORCED_LABOUR_OR_SERVICES: ['purposes', 'forced_labour'],
  PURPOSE_SLAVERY_OR_SIMILAR_PRACTICES: ['purposes', 'slavery'],
  PURPOSE_SERVITUDE: ['purposes', 'servitude'],
  PURPOSE_REMOVAL_OF_ORGANS: ['purposes', 'organ_removal'],
  PURPOSE_OTHER: ['purposes', 'other'],
};

const SherlocRow = z.object({
  url: z.string().url(),
  unodc_no: z.string().min(1).nullable().optional(),
  title: z.string().trim().min(1),
  jurisdiction: z.string().min(1),
  year: z.number().int().min(1800).max(2200).nullable().optional(),
  facts: z.string().nullable().optional(),
  article3: z.array(z.string()).nullable().optional(),
  form: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional(),
});

/** A stable id from the case's URL: "arg/2015/case_no._91017032.html" -> "arg-2015-case-no-91017032". */
export function sherlocId(url: string): string {
  const path = url.split('/case-law-doc/')[1]?.split('/').slice(1).join('/') ?? url;
  const slug = slugify(path.replace(/\.html?$/i, ''), 200);
  if (slug.length <= 64) return slug;
  const hash = createHash('sha1').update(slug).digest('hex').slice(0, 7);
  return `${slug.slice(0, 56).replace(/-+$/, '')}-${hash}`;
}

export type SherlocResult = { input: CaseInput; warnings: FieldIssue[] } | { issues: FieldIssue[] };

export function sherlocToCase(raw: unknown, line: number): SherlocResult {
  const parsed = SherlocRow.safeParse(raw);
  if (!parsed.success) return { issues: issuesOf(parsed.error).map((i) => ({ ...i, line })) };
  const row = parsed.data;
  const issues: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const jurisdiction = resolveCountry(row.jurisdiction);
  if (!jurisdiction) issues.push({ line, path: 'jurisdiction', message: `unknown country '${row.jurisdiction}'` });
  const tags: Tags = { acts: [], means: [], purposes: [], forms: [], sectors: [], offences: [] };
  for (const label of row.article3 ?? []) {
    const mapped = SHERLOC_LABELS[label];
    if (!mapped) {
      issues.push({
        line,
        path: 'article3',
        message: `unknown label '${label}'`,
        allowed: Object.keys(SHERLOC_LABELS),
      });
      continue;
    }
    const list = tags[mapped[0]] as string[];
    if (!list.includes(mapped[1])) list.push(mapped[1]);
  }
  const forms = row.form == null ? [] : Array.isArray(row.form) ? row.form : [row.form];
  for (const f of forms.map((x) => x.trim().toLowerCase()).filter(Boolean)) {
    if (f === 'internal' || f === 'transnational') {
      if (!tags.forms.includes(f)) tags.forms.push(f);
    } else
      warnings.push({
        line,
        path: 'form',
        message: `form '${f}' is not known; left out (kept in provenance.original)`,
      });
  }
  if (row.year == null) warnings.push({ line, path: 'year', message: 'no year: decision date left unknown' });
  if (issues.length) return { issues };
  const original: Record<string, unknown> = { jurisdiction: row.jurisdiction };
  if (row.article3 !== undefined) original.article3 = row.article3;
  if (forms.length) original.form = row.form;
  if (row.unodc_no) original.unodc_no = row.unodc_no;
  return {
    warnings,
    input: {
      id: sherlocId(row.url),
      title: row.title,
      databaseNumber: row.unodc_no ?? null,
      jurisdiction: jurisdiction!,
      identifiers: row.unodc_no ? [{ type: 'other', value: row.unodc_no }] : [],
      decisionDate: row.year == null ? null : String(row.year),
      narratives: row.facts?.trim() ? { en: { facts: row.facts.trim() } } : {},
      tags,
      sources: [{ kind: 'url', value: row.url, label: 'UNODC SHERLOC case page' }],
      provenance: { source: 'UNODC SHERLOC case law database (scraped)', importBatch: null, original },
      status: 'published',
    },
  };
}
