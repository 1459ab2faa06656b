/** The page of one instrument: header, status as at and source, timeline, map, sortable table, reservations. */
import { countryName } from '../../../kernel/geo/country-names.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html, safeUrl, type SafeHtml } from '../../../kernel/web/html.ts';
import { page } from '../../../kernel/web/layout.ts';
import { tHtml } from '../../../kernel/web/i18n-html.ts';
import { columnChart } from '../../../kernel/web/charts.ts';
import type { StatTable } from '../../../kernel/web/stat-table.ts';
import { categoryMap } from '../../../kernel/web/world-map.ts';
import { participantName } from '../domain/participants.ts';
import {
  isParty,
  isSignatory,
  partyTimeline,
  type InstrumentStatus,
  type ParticipantStatus,
  type StatementView,
} from '../services/status-model.ts';
import { actionCell, eifText, fmtDate, instrumentTitle, linksText } from './parts.ts';
import { notificationsTable } from './notifications-table.ts';
import type { NotificationItem } from '../http/csv.ts';

export const SORTS = ['participant', 'signature', 'consent', 'eif'] as const;
export type Sort = (typeof SORTS)[number];

export interface PartialNote {
  total: number;
  date: string;
}

const keyOf: Record<Sort, (p: ParticipantStatus) => string> = {
  participant: (p) => p.name,
  signature: (p) => p.signature?.date ?? '',
  consent: (p) => p.consent?.date ?? p.recordedEntryIntoForce ?? '',
  eif: (p) => p.entryIntoForce ?? '',
};

/** Sorted for the table; names as the reader sees them (`nameOf`), compared in the reader's language. */
export function sortParticipants(
  ps: readonly ParticipantStatus[],
  sort: Sort,
  desc: boolean,
  nameOf: (p: ParticipantStatus) => string = (p) => p.name,
  locale = 'en',
): ParticipantStatus[] {
  const k = sort === 'participant' ? nameOf : keyOf[sort];
  const collator = new Intl.Collator(locale);
  return [...ps].sort((a, b) => {
    const [x, y] = [k(a), k(b)];
    if (!x !== !y) return x ? -1 : 1; // empty cells last either way
    return (desc ? collator.compare(y, x) : collator.compare(x, y)) || collator.compare(nameOf(a), nameOf(b));
  });
}

/** English keeps the name as the UN's status table lists it; another language, the UN's name in it. */
const localName = (t: Translator, code: string, english: string) =>
  t.locale === 'en' || t.locale === 'en-XA' || !countryByCode(code) ? english : countryName(code, t);

function timeline(t: Translator, s: InstrumentStatus, today: string): SafeHtml {
  const points = partyTimeline(s.participants, s.instrument.statusAsAt ?? today);
  const table: StatTable = {
    name: 'party-timeline',
    title: t.t('treaties.page.timeline'),
    note: t.t('treaties.page.timelineNote'),
    coverage: '',
    cases: 0,
    restsOn: { cases: 0, what: '' },
    minCell: 0,
    rule: '',
    columns: [
      { key: 'year', label: t.t('treaties.page.year'), type: 'text' },
      { key: 'parties', label: t.t('treaties.page.partyCount'), type: 'count' },
    ],
    rows: points.map((p) => ({ year: String(p.year), parties: p.parties })),
    chart: { kind: 'columns', label: 'year', value: 'parties' },
  };
  const rows = points.map((p) => html`<tr><th scope="row">${p.year}</th><td class="num">${p.parties}</td></tr>`);
  return html`<section id="timeline"><h2>${table.title}</h2><p class="muted">${table.note}</p>
<figure class="chart-figure">${points.length ? columnChart(t, table, 'timeline-chart') : ''}</figure>
<details><summary>${t.t('treaties.page.timeline')}</summary><div class="table-wrap"><table class="data">
<caption>${table.title}</caption><thead><tr><th scope="col">${t.t('treaties.page.year')}</th>
<th scope="col" class="num">${t.t('treaties.page.partyCount')}</th></tr></thead>
<tbody>${rows}</tbody></table></div></details>
</section>`;
}

function map(t: Translator, s: InstrumentStatus): SafeHtml {
  const entries = s.participants
    .filter((p) => isParty(p) || isSignatory(p))
    .map((p) => ({ code: p.code, name: localName(t, p.code, p.name), category: isParty(p) ? 0 : 1 }));
  const { svg, notDrawn } = categoryMap(
    entries,
    [
      { cls: 'c4', label: t.t('treaties.page.mapParty') },
      { cls: 'c1', label: t.t('treaties.page.mapSignatory') },
    ],
    {
      title: t.t('treaties.page.map'),
      desc: t.t('treaties.page.mapDesc'),
      noneLabel: t.t('treaties.page.mapNone'),
      point: (name, status) => t.t('treaties.page.mapPoint', { name, status }),
    },
  );
  return html`<section id="map"><h2>${t.t('treaties.page.map')}</h2>${svg}
${notDrawn.length ? html`<p class="muted">${t.t('treaties.page.notDrawn', { names: notDrawn.join(', ') })}</p>` : ''}
</section>`;
}

function table(t: Translator, s: InstrumentStatus, sort: Sort, desc: boolean): SafeHtml {
  const labels: Record<Sort, string> = {
    participant: t.t('treaties.page.participant'),
    signature: t.t('treaties.page.signature'),
    consent: t.t('treaties.page.consent'),
    eif: t.t('treaties.page.eif'),
  };
  const th = (k: Sort) => {
    const active = k === sort;
    const href = `/treaties/${s.instrument.id}?sort=${k}${active && !desc ? '&dir=desc' : ''}#status`;
    const aria = active ? html` aria-sort="${desc ? 'descending' : 'ascending'}"` : '';
    return html`<th scope="col"${aria}><a href="${href}">${labels[k]}</a>${active ? (desc ? ' ▼' : ' ▲') : ''}</th>`;
  };
  const nameOf = (p: ParticipantStatus) => localName(t, p.code, p.name);
  const rows = sortParticipants(s.participants, sort, desc, nameOf, t.locale === 'en-XA' ? 'en' : t.locale).map((p) => {
    const eif = eifText(t, p.entryIntoForceDetail);
    const consent = p.withdrawal?.date
      ? html`${actionCell(t, p.consent)}; ${t.t('treaties.page.withdrawn', { date: fmtDate(t, p.withdrawal.date) })}`
      : actionCell(t, p.consent);
    const former = p.formerNames.map((n) => n.name).join(', ');
    const formerly = former
      ? html`<br><span class="muted">${t.t('treaties.page.formerly', { names: former })}</span>`
      : '';
    const links = linksText(t, p);
    const name = localName(t, p.code, p.nameAsListed);
    return html`<tr><th scope="row"><a href="/countries/${p.code}">${name}</a>${formerly}${links}</th>
<td>${actionCell(t, p.signature)}</td><td>${consent}</td><td>${eif}</td><td>${p.sources.join(', ')}</td></tr>`;
  });
  const id = s.instrument.id;
  return html`<section id="status"><h2>${t.t('treaties.page.table')}</h2>
<p><a href="/api/v1/treaties/${id}.csv">${t.t('treaties.page.downloadCsv')}</a> ·
<a href="/api/v1/treaties/${id}">${t.t('treaties.page.downloadJson')}</a> ·
<a href="/api/v1/treaties/${id}/statements.csv">${t.t('treaties.page.downloadStatements')}</a></p>
<div class="table-wrap"><table class="data treaty-status"><caption>${t.t('treaties.page.tableCaption', {
    column: labels[sort],
  })}</caption>
<thead><tr>${SORTS.map(th)}<th scope="col">${t.t('treaties.page.sources')}</th></tr></thead>
<tbody>${rows}</tbody></table></div></section>`;
}

/** "3(d)" -> "(3)(d)", "2" -> "(2)". */
const paragraphRef = (p: string) => p.replace(/^(\d+)/, '($1)').replace(/^([^(])/, '($1)');

function statements(t: Translator, list: readonly StatementView[]): SafeHtml {
  const groups = new Map<number | null, StatementView[]>();
  for (const s of [...list].sort((a, b) =>
    participantName(a.participant).localeCompare(participantName(b.participant)),
  ))
    groups.set(s.article, [...(groups.get(s.article) ?? []), s]);
  const keys = [...groups.keys()].sort((a, b) => (a ?? 999) - (b ?? 999));
  const label = (l: string) => t.t('treaties.page.label', { label: l });
  const notCopied = html` <span class="muted">${t.t('treaties.page.textNotCopied')}</span>`;
  const body = keys.map((k) => {
    const items = groups
      .get(k)!
      .map(
        (s) =>
          html`<li><strong>${participantName(s.participant)}</strong>: ${label(s.label)}${
            s.paragraph ? html`, ${k !== null ? `art. ${k}${paragraphRef(s.paragraph)}` : s.paragraph}` : ''
          }${s.classification ? html` — ${s.classification}` : ''}${s.occasion ? html`, ${s.occasion}` : ''}${
            s.date ? html`, ${fmtDate(t, s.date)}` : ''
          }${
            s.objectsTo
              ? html`; ${t.t('treaties.page.objectsTo', { name: participantName(s.objectsTo.split('|')[1] ?? '') })}`
              : ''
          }${s.text ? html`<blockquote>${s.text}</blockquote>` : notCopied}</li>`,
      );
    const heading = k === null ? t.t('treaties.page.noArticle') : t.t('treaties.page.article', { article: k });
    return html`<h3>${heading}</h3><ul>${items}</ul>`;
  });
  return html`<section id="statements"><h2>${t.t('treaties.page.statements')}</h2>${
    list.length ? body : html`<p>${t.t('treaties.page.noStatements')}</p>`
  }</section>`;
}

export function treatyPage(
  t: Translator,
  s: InstrumentStatus,
  opts: { sort: Sort; desc: boolean; partial: PartialNote | null; today: string; notifications: NotificationItem[] },
): string {
  const i = s.instrument;
  const r = i.eifRule;
  const source = i.statusSource
    ? safeUrl(i.statusSource)
      ? html`<a href="${i.statusSource}">${i.statusSource}</a>`
      : i.statusSource
    : null;
  const parties = s.participants.filter(isParty).length;
  const signatories = s.participants.filter(isSignatory).length;
  // Place and resolution symbol are Latin-script data: isolated, so that Arabic text keeps them whole.
  const adopted = tHtml(t, 'treaties.page.adopted', {
    place: html`<bdi>${i.adoptedPlace ?? ''}</bdi>`,
    date: fmtDate(t, i.adoptedOn),
    by: html`<bdi>${i.adoptedBy ?? ''}</bdi>`,
  });
  const inForce = i.entryIntoForce
    ? t.t('treaties.page.entryIntoForce', { date: fmtDate(t, i.entryIntoForce), article: r.article })
    : t.t('treaties.page.notInForce');
  const asAt = i.statusAsAt
    ? t.t('treaties.page.statusAsAt', { date: fmtDate(t, i.statusAsAt) })
    : t.t('treaties.page.statusAsAtUnknown');
  const un = i.unUrl ? html`<p><a href="${i.unUrl}">${t.t('treaties.page.unLink')}</a></p>` : '';
  const body = html`<h1>${instrumentTitle(t, i)}</h1>
<p class="muted">${t.t('treaties.page.mtdsg', { short: i.shortTitle, id: i.id })}</p>
<p>${adopted}
${i.signatureOpened ? t.t('treaties.page.signatureOpened', { date: fmtDate(t, i.signatureOpened) }) : ''}
${inForce}</p>
<p class="muted">${t.t('treaties.page.rule', {
    days1: r.daysAfterThreshold,
    threshold: r.threshold,
    parent: r.notBeforeInstrument ?? 'none',
    days2: r.daysAfterLaterDeposit,
    reio: r.reioCounts ? 'yes' : 'no',
  })}</p>
${un}
${
  opts.partial
    ? html`<p class="notice" role="note">${t.t('treaties.page.partial', {
        recorded: s.participants.length,
        total: opts.partial.total,
        date: fmtDate(t, opts.partial.date),
      })}</p>`
    : ''
}
<p>${asAt}
${source ? html`${t.t('treaties.page.source')} ${source}` : ''}</p>
<p>${t.t('treaties.page.counts', { parties, signatories })}</p>
${timeline(t, s, opts.today)}
${map(t, s)}
${table(t, s, opts.sort, opts.desc)}
${statements(t, s.statements)}
${notificationsTable(t, i.id, opts.notifications)}`;
  return page(
    t,
    {
      title: i.shortTitle,
      description: t.t('treaties.page.description', { title: i.shortTitle }),
      canonical: undefined,
    },
    body,
  );
}
