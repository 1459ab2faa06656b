/** /cases/{id}: every section of the record, similar cases, a citation, machine-readable metadata. */
import { html, jsonForScript, safeUrl, type SafeHtml } from '../../../kernel/web/html.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { page } from '../../../kernel/web/layout.ts';
import type { CaseRecord, Defendant, Victim } from '../domain/case-schema.ts';
import type { CaseDocument } from '../../../kernel/files/documents.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import { TAG_KINDS } from '../domain/taxonomy.ts';
import { languageName, termLabel } from '../i18n/labels.ts';
import { formatDate } from './parts.ts';
import { jsonLd, TAG_VOCAB } from '../domain/case-json-ld.ts';

function party(t: Translator, p: Victim | Defendant): SafeHtml[] {
  const age = [
    p.ageAtOffence !== null ? t.t('cases.case.party.ageAtOffence', { age: String(p.ageAtOffence) }) : '',
    p.ageAtTrial !== null ? t.t('cases.case.party.ageAtTrial', { age: String(p.ageAtTrial) }) : '',
    p.birthYear ? t.t('cases.case.party.born', { year: String(p.birthYear) }) : '',
  ]
    .filter(Boolean)
    .join(', ');
  return [
    html`<td>${p.label ?? '—'}</td>`,
    html`<td>${termLabel(t, 'partyKinds', p.kind)}${p.count ? ` (${p.count})` : ''}</td>`,
    html`<td>${p.gender ? termLabel(t, 'genders', p.gender) : '—'}</td>`,
    html`<td>${p.child === null ? '—' : p.child ? t.t('cases.case.party.yes') : t.t('cases.case.party.no')}</td>`,
    html`<td>${age || '—'}</td>`,
    html`<td>${p.nationalities.map((n) => countryByCode(n)?.name ?? n).join(', ') || '—'}</td>`,
  ];
}

export function citationOf(t: Translator, rec: CaseRecord): string {
  const ident = rec.identifiers.find((i) => i.type === 'ecli' || i.type === 'neutral_citation') ?? rec.identifiers[0];
  return [rec.title, rec.court, ident?.value, rec.decisionDate ? formatDate(t, rec.decisionDate) : null]
    .filter(Boolean)
    .join(', ');
}

export interface SimilarItem {
  id: string;
  title: string;
  reason: string;
}

const KIND_KEY: Record<string, string> = { 'application/pdf': 'pdf', 'text/html': 'html', 'text/plain': 'text' };

function sizeLabel(t: Translator, bytes: number): string {
  return bytes >= 1024 * 1024
    ? t.t('cases.case.documents.megabytes', { size: (bytes / 1024 / 1024).toFixed(1) })
    : t.t('cases.case.documents.kilobytes', { size: String(Math.max(1, Math.round(bytes / 1024))) });
}

function documentLine(t: Translator, d: CaseDocument): string {
  return t.t('cases.case.documents.line', {
    kind: t.t(`cases.case.documents.kind.${KIND_KEY[d.mediaType] ?? 'word'}`),
    size: sizeLabel(t, d.size),
    pages: d.pages ?? 0,
    searchable: d.textLength ? 'yes' : 'no',
  });
}

function documentsSection(t: Translator, id: string, docs: CaseDocument[]): SafeHtml | '' {
  if (!docs.length) return '';
  return html`<h2>${t.t('cases.case.documents.heading')}</h2>
<ul class="documents">${docs.map((d) => html`<li><a href="/api/v1/cases/${encodeURIComponent(id)}/documents/${d.sha256}" type="${d.mediaType}">${d.filename}</a> <span class="muted">${documentLine(t, d)}</span></li>`)}</ul>`;
}

export function casePage(
  t: Translator,
  rec: CaseRecord,
  opts: { lang: string | null; similar: SimilarItem[]; baseUrl: string; documents?: CaseDocument[] },
): string {
  const url = `${opts.baseUrl}/cases/${encodeURIComponent(rec.id)}`;
  const langs = Object.keys(rec.narratives);
  const lang = opts.lang && langs.includes(opts.lang) ? opts.lang : langs.includes('en') ? 'en' : (langs[0] ?? null);
  const n = lang ? rec.narratives[lang]! : null;
  const ecli = rec.identifiers.find((i) => i.type === 'ecli');
  const country = countryByCode(rec.jurisdiction);
  const section = (key: string, text: string | null | undefined) =>
    text ? html`<h3>${t.t(`cases.case.narrative.${key}`)}</h3><div class="narrative">${text}</div>` : '';
  const charges = rec.defendants.flatMap((d, i) =>
    d.charges.map((c) => ({ d: d.label ?? t.t('cases.case.defendantN', { n: i + 1 }), c })),
  );
  const date = (d: string | null) => formatDate(t, d);
  const term = termLabel.bind(null, t);
  const notRecorded = html`<p class="muted">${t.t('cases.case.notRecorded')}</p>`;
  const partyHead = (first: string) =>
    html`<thead><tr><th>${t.t(first)}</th><th>${t.t('cases.case.party.kind')}</th><th>${t.t('cases.case.party.gender')}</th><th>${t.t('cases.case.party.child')}</th><th>${t.t('cases.case.party.age')}</th><th>${t.t('cases.case.party.nationality')}</th></tr></thead>`;
  const head = html`<script type="application/ld+json">${jsonForScript(jsonLd(rec, url))}</script>
${ecli ? html`<meta name="DC.identifier" content="${ecli.value}"><meta name="ecli" content="${ecli.value}">` : ''}
<meta name="citation_title" content="${rec.title}">${rec.decisionDate ? html`<meta name="citation_date" content="${rec.decisionDate}">` : ''}`;
  const body = html`<article>
<p class="muted"><a href="/jurisdictions/${rec.jurisdiction}">${country?.name ?? rec.jurisdiction}</a> · ${rec.court ?? t.t('cases.hit.courtNotRecorded')} · ${date(rec.decisionDate)}</p>
<h1>${rec.title}</h1>
<h2>${t.t('cases.case.identity')}</h2>
<dl class="facts">
<dt>${t.t('cases.case.jurisdiction')}</dt><dd>${country?.name ?? rec.jurisdiction}</dd>
${rec.databaseNumber ? html`<dt>${t.t('cases.case.databaseNumber')}</dt><dd>${rec.databaseNumber}</dd>` : ''}
${rec.identifiers.map((i) => html`<dt>${term('identifierTypes', i.type)}</dt><dd>${i.value}</dd>`)}
<dt>${t.t('cases.case.court')}</dt><dd>${rec.court ?? '—'}${rec.courtLevel ? html` (${term('courtLevels', rec.courtLevel)})` : ''}</dd>
${rec.legalSystem ? html`<dt>${t.t('cases.case.legalSystem')}</dt><dd>${term('legalSystems', rec.legalSystem)}</dd>` : ''}
<dt>${t.t('cases.case.decision')}</dt><dd>${date(rec.decisionDate)}</dd>
</dl>
${rec.proceedings.length ? html`<h3>${t.t('cases.case.proceedings')}</h3><ol>${rec.proceedings.map((p) => html`<li>${term('proceedingStages', p.stage)}: ${p.court ?? ''}${p.date ? html`, ${date(p.date)}` : ''}${p.outcome ? html` — ${p.outcome}` : ''}${p.caseId ? html` (<a href="/cases/${encodeURIComponent(p.caseId)}">${t.t('cases.case.proceedingRecord')}</a>)` : ''}</li>`)}</ol>` : ''}
<h2>${t.t('cases.case.profile')}</h2>
${TAG_KINDS.filter((k) => rec.tags[k].length).map((k) => html`<h3>${t.t(`cases.case.tags.${k}`)}</h3><ul class="chips">${rec.tags[k].map((c) => html`<li>${term(TAG_VOCAB[k], c)}</li>`)}</ul>`)}
<h2>${t.t('cases.case.narrative')}</h2>
${langs.length > 1 ? html`<p class="lang-switch noprint">${t.t('cases.case.languageSwitch')} ${langs.map((l, i) => html`${i ? ' · ' : ''}<a href="?lang=${l}" hreflang="${l}"${l === lang ? html` aria-current="true"` : ''}>${languageName(t, l)}</a>`)}</p>` : ''}
${n ? html`<div lang="${lang ?? 'en'}">${section('facts', n.facts)}${section('reasoning', n.reasoning)}${section('commentary', n.commentary)}${section('crossCutting', n.crossCutting)}</div>` : html`<p class="muted">${t.t('cases.case.noNarrative')}</p>`}
<h2>${t.t('cases.case.victims')}</h2>
${rec.victims.length ? html`<div class="table-wrap"><table>${partyHead('cases.case.party.victim')}<tbody>${rec.victims.map((v) => html`<tr>${party(t, v)}</tr>`)}</tbody></table></div>` : notRecorded}
<h2>${t.t('cases.case.defendants')}</h2>
${rec.defendants.length ? html`<div class="table-wrap"><table>${partyHead('cases.case.party.defendant')}<tbody>${rec.defendants.map((d) => html`<tr>${party(t, d)}</tr>`)}</tbody></table></div>` : notRecorded}
${charges.length ? html`<div class="table-wrap"><table><thead><tr><th>${t.t('cases.case.party.defendant')}</th><th>${t.t('cases.case.charge.statute')}</th><th>${t.t('cases.case.charge.charge')}</th><th>${t.t('cases.case.charge.verdict')}</th><th>${t.t('cases.case.charge.prison')}</th><th>${t.t('cases.case.charge.fine')}</th></tr></thead><tbody>${charges.map(({ d, c }) => html`<tr><td>${d}</td><td>${c.statute ?? '—'}</td><td>${c.charge ?? '—'}</td><td>${c.verdict ? term('verdicts', c.verdict) : '—'}</td><td>${c.prisonMonths !== null ? t.t('cases.case.charge.months', { months: String(c.prisonMonths) }) : '—'}</td><td>${[c.fine ? `${c.fine.amount} ${c.fine.currency}` : '', c.otherSentence ?? ''].filter(Boolean).join('; ') || '—'}</td></tr>`)}</tbody></table></div>` : ''}
<h2>${t.t('cases.case.sources')}</h2>
<ul>${rec.sources.map((s) => {
    const href = s.kind === 'url' ? safeUrl(s.value) : null;
    return html`<li>${href ? html`<a href="${href}" rel="nofollow noopener">${s.label ?? s.value}</a>` : s.value}</li>`;
  })}</ul>
${documentsSection(t, rec.id, opts.documents ?? [])}
<h2>${t.t('cases.case.cite')}</h2>
<p class="cite">${t.t('cases.case.citation', { citation: citationOf(t, rec), url })}</p>
</article>
${opts.similar.length ? html`<aside class="similar"><h2>${t.t('cases.case.similar')}</h2><ul>${opts.similar.map((s) => html`<li><a href="/cases/${encodeURIComponent(s.id)}">${s.title}</a> <span class="muted">${s.reason}</span></li>`)}</ul></aside>` : ''}`;
  return page(t, { title: rec.title, description: n?.facts?.slice(0, 200) ?? rec.title, canonical: url, head }, body);
}
