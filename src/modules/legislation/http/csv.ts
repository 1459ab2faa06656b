/** CSV of provisions and assessments (UTF-8, a header row, one record a line). */
import { stringify } from 'csv-stringify/sync';
import type { Provision } from '../domain/law-schema.ts';
import type { Assessment } from '../domain/assessment.ts';

export function provisionsCsv(rows: readonly Provision[]): string {
  return stringify(
    rows.map((p) => [
      p.lawId,
      p.eid,
      p.from,
      p.to ?? '',
      p.citation ?? '',
      p.heading ?? '',
      p.text ?? '',
      p.summary ?? '',
      p.link ?? '',
      p.tags.articles.join(' '),
      p.tags.offences.join(' '),
      p.tags.acts.join(' '),
      p.tags.means.join(' '),
      p.tags.purposes.join(' '),
      p.tags.purposeList ?? '',
    ]),
    {
      header: true,
      columns: [
        'law',
        'eid',
        'from',
        'to',
        'citation',
        'heading',
        'text',
        'summary',
        'link',
        'articles',
        'offences',
        'acts',
        'means',
        'purposes',
        'purpose_list',
      ],
    },
  );
}

export function assessmentsCsv(rows: readonly Assessment[]): string {
  return stringify(
    rows.map((a) => [
      a.country,
      a.element,
      a.result,
      a.failurePatterns.join(' '),
      a.evidence.provisions.map((p) => `${p.lawId}/${p.eid}@${p.from}`).join(' '),
      a.evidence.cases.join(' '),
      a.reasoning,
      a.assessor,
      a.date,
      a.checklistVersion,
      a.proposal?.result ?? '',
      a.decision ?? '',
      a.status,
      a.version,
    ]),
    {
      header: true,
      columns: [
        'country',
        'element',
        'result',
        'failure_patterns',
        'evidence_provisions',
        'evidence_cases',
        'reasoning',
        'assessor',
        'date',
        'checklist_version',
        'proposed_result',
        'decision',
        'status',
        'version',
      ],
    },
  );
}
