/**
 * The IATI 2.03 export: published activities as an `iati-activities` file (xmlbuilder2). The
 * internal model is IATI's (activity, participating organisations with roles, status, dates,
 * recipients with percentages, sectors, budgets, disbursements, results, hierarchy), so the export
 * is a projection. Identifiers are `{reporting-org ref}-{activity id}`. Countries are written as
 * ISO 3166-1 alpha-2 (IATI's Country codelist). Dates known to the month or year are written as
 * their first (start) or last (end) day, with a narrative saying the precision.
 *
 * An activity with no date at all cannot be valid IATI (activity-date is required): it is left out
 * and named in `skipped`.
 */
import { create } from 'xmlbuilder2';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import { ACTIVITY_DATE_TYPE, IATI_VERSION, ORG_KIND_IATI_TYPE, type OrgKind } from '../domain/codelists.ts';
import type { Activity, Organisation } from '../domain/schemas.ts';
import type { Stored } from '../store/record-repo.ts';

type XMLBuilder = ReturnType<typeof create>;

export interface IatiReportingOrg {
  ref: string;
  name: string;
  type: string;
}

export const iatiIdentifier = (org: IatiReportingOrg, activityId: string) => `${org.ref}-${activityId}`;

/** A partial date as a full one: the first day for a start, the last for an end. */
export function fullDateOf(partial: string, edge: 'start' | 'end'): string {
  if (partial.length === 10) return partial;
  if (partial.length === 4) return edge === 'start' ? `${partial}-01-01` : `${partial}-12-31`;
  if (edge === 'start') return `${partial}-01`;
  const [y, m] = partial.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${partial}-${String(last).padStart(2, '0')}`;
}

const narrative = (el: XMLBuilder, text: string) => el.ele('narrative').txt(text).up();

function dates(a: Activity): [keyof typeof ACTIVITY_DATE_TYPE, string][] {
  const keys = ['plannedStart', 'actualStart', 'plannedEnd', 'actualEnd'] as const;
  return keys.flatMap((k) => (a[k] ? [[k, a[k]] as [typeof k, string]] : []));
}

export function iatiXml(
  activities: readonly Stored<Activity>[],
  organisations: ReadonlyMap<string, Organisation>,
  org: IatiReportingOrg,
  generated = new Date(),
): { xml: string; skipped: string[]; written: string[] } {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc
    .ele('iati-activities')
    .att('version', IATI_VERSION)
    .att('generated-datetime', generated.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const skipped: string[] = [];
  const written: string[] = [];
  const ids = new Set(activities.map((a) => a.record.id));
  for (const s of activities) {
    const a = s.record;
    if (dates(a).length === 0) {
      skipped.push(a.id);
      continue;
    }
    written.push(a.id);
    const act = root
      .ele('iati-activity')
      .att('xml:lang', 'en')
      .att('last-updated-datetime', s.updatedAt.replace(/\.\d{3}Z$/, 'Z'))
      .att('hierarchy', a.parentId ? '2' : '1');
    if (a.currency) act.att('default-currency', a.currency);
    act.ele('iati-identifier').txt(iatiIdentifier(org, a.id));
    narrative(act.ele('reporting-org').att('ref', org.ref).att('type', org.type), org.name);
    narrative(act.ele('title'), a.title);
    narrative(act.ele('description').att('type', '1'), a.description);
    if (a.objectives.length) narrative(act.ele('description').att('type', '2'), a.objectives.join('\n'));
    if (a.provenance) {
      const p = a.provenance;
      const where = p.paragraphs.length ? `, paragraph ${p.paragraphs.join(', ')}` : '';
      narrative(act.ele('description').att('type', '4'), `Source: ${p.source}${where}${p.url ? ` (${p.url})` : ''}`);
    }
    for (const po of a.participatingOrgs) {
      const known = po.orgId ? organisations.get(po.orgId) : undefined;
      const el = act.ele('participating-org');
      const ref = po.ref ?? known?.iatiRef;
      if (ref) el.att('ref', ref);
      const type = po.type ?? known?.iatiType ?? (known ? ORG_KIND_IATI_TYPE[known.kind as OrgKind] : undefined);
      if (type) el.att('type', type);
      el.att('role', po.role);
      narrative(el, po.name ?? known?.name ?? po.orgId ?? '');
    }
    act.ele('activity-status').att('code', a.activityStatus);
    for (const [k, d] of dates(a)) {
      const edge = k.endsWith('Start') ? 'start' : 'end';
      const el = act.ele('activity-date').att('type', ACTIVITY_DATE_TYPE[k]).att('iso-date', fullDateOf(d, edge));
      if (d.length < 10) narrative(el, `Known to the ${d.length === 4 ? 'year' : 'month'}: ${d}`);
    }
    for (const rc of a.recipientCountries) {
      const alpha2 = countryByCode(rc.code)?.alpha2;
      if (!alpha2) continue;
      const el = act.ele('recipient-country').att('code', alpha2);
      if (rc.percentage !== undefined) el.att('percentage', String(rc.percentage));
    }
    for (const rr of a.recipientRegions) {
      const el = act.ele('recipient-region').att('code', rr.code).att('vocabulary', '1');
      if (rr.percentage !== undefined) el.att('percentage', String(rr.percentage));
    }
    for (const sec of a.sectors) {
      const el = act.ele('sector').att('vocabulary', '1').att('code', sec.code);
      if (sec.percentage !== undefined) el.att('percentage', String(sec.percentage));
    }
    for (const b of a.budgets) {
      const el = act.ele('budget').att('type', '1').att('status', '1');
      el.ele('period-start').att('iso-date', b.periodStart).up();
      el.ele('period-end').att('iso-date', b.periodEnd).up();
      money(el, b.value, b.currency, b.valueDate ?? b.periodStart);
    }
    for (const d of a.disbursements) {
      const el = act.ele('transaction');
      el.ele('transaction-type').att('code', '3').up();
      el.ele('transaction-date').att('iso-date', d.date).up();
      money(el, d.value, d.currency, d.date);
      if (d.provider) narrative(el.ele('provider-org'), d.provider);
      if (d.receiver) narrative(el.ele('receiver-org'), d.receiver);
    }
    if (a.parentId && ids.has(a.parentId))
      act.ele('related-activity').att('ref', iatiIdentifier(org, a.parentId)).att('type', '1').up();
    for (const child of activities)
      if (child.record.parentId === a.id && dates(child.record).length)
        act.ele('related-activity').att('ref', iatiIdentifier(org, child.record.id)).att('type', '2').up();
    for (const r of a.results) {
      const res = act.ele('result').att('type', r.type);
      narrative(res.ele('title'), r.title);
      const ind = res.ele('indicator').att('measure', r.measure);
      narrative(ind.ele('title'), r.indicator);
      if (r.baselineYear !== undefined) {
        const bl = ind.ele('baseline').att('year', String(r.baselineYear));
        if (r.baseline !== undefined) bl.att('value', String(r.baseline));
      }
      if (r.periodStart && r.periodEnd) {
        const per = ind.ele('period');
        per.ele('period-start').att('iso-date', r.periodStart).up();
        per.ele('period-end').att('iso-date', r.periodEnd).up();
        if (r.target !== undefined) per.ele('target').att('value', String(r.target)).up();
        if (r.actual !== undefined) per.ele('actual').att('value', String(r.actual)).up();
      }
    }
  }
  return { xml: doc.end({ prettyPrint: true }), skipped, written };
}

function money(el: XMLBuilder, value: number, currency: string | undefined, valueDate: string): void {
  const v = el.ele('value').att('value-date', valueDate);
  if (currency) v.att('currency', currency);
  v.txt(String(value)).up();
}
