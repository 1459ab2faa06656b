/** /cases/{id}: every section of the record, similar cases, a citation, machine-readable metadata. */
import { html, jsonForScript, safeUrl, type SafeHtml } from '../../../kernel/web/html.ts';
import { page } from '../../../kernel/web/layout.ts';
import type { CaseRecord, Defendant, Victim } from '../domain/case-schema.ts';
import type { CaseDocument } from '../../../kernel/files/documents.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import { labelOf, TAG_KINDS } from '../domain/taxonomy.ts';
import { formatDate } from './parts.ts';
import { jsonLd, TAG_VOCAB } from '../domain/case-json-ld.ts';

const languageName = new Intl.DisplayNames(['en'], { type: 'language' });
const langLabel = (tag: string) => {
  try {
    return languageName.of(tag) ?? tag;
  } catch {
    return tag;
  }
};
const TAG_TITLES = {
  acts: 'Acts',
  means: 'Means',
  purposes: 'Purposes',
  forms: 'Form',
  sectors: 'Sector',
  offences: 'Offence',
};

function party(p: Victim | Defendant): SafeHtml[] {
  const age = [
    p.ageAtOffence !== null ? `${p.ageAtOffence} at offence` : '',
    p.ageAtTrial !== null ? `${p.ageAtTrial} at trial` : '',
    p.birthYear ? `born ${p.birthYear}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return [
    html`<td>${p.label ?? '—'}</td>`,
    html`<td>${labelOf('partyKinds', p.kind)}${p.count ? ` (${p.count})` : ''}</td>`,
    html`<td>${p.gender ? labelOf('genders', p.gender) : '—'}</td>`,
    html`<td>${p.child === null ? '—' : p.child ? 'yes' : 'no'}</td>`,
    html`<td>${age || '—'}</td>`,
    html`<td>${p.nationalities.map((n) => countryByCode(n)?.name ?? n).join(', ') || '—'}</td>`,
  ];
}

export function citationOf(rec: CaseRecord): string {
  const ident = rec.identifiers.find((i) => i.type === 'ecli' || i.type === 'neutral_citation') ?? rec.identifiers[0];
  return [rec.title, rec.court, ident?.value, rec.decisionDate ? formatDate(rec.decisionDate) : null]
    .filter(Boolean)
    .join(', ');
}

export interface SimilarItem {
  id: string;
  title: string;
  reason: string;
}

const KIND_LABEL: Record<string, string> = { 'application/pdf': 'PDF', 'text/html': 'HTML', 'text/plain': 'Text' };

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function documentsSection(id: string, docs: CaseDocument[]): SafeHtml | '' {
  if (!docs.length) return '';
  return html`<h2>Judgment documents</h2>
<ul class="documents">${docs.map((d) => html`<li><a href="/api/v1/cases/${encodeURIComponent(id)}/documents/${d.sha256}" type="${d.mediaType}">${d.filename}</a> <span class="muted">${KIND_LABEL[d.mediaType] ?? 'Word'}, ${sizeLabel(d.size)}${d.pages ? `, ${d.pages} ${d.pages === 1 ? 'page' : 'pages'}` : ''}${d.textLength ? '' : ', no text layer (not searchable)'}</span></li>`)}</ul>`;
}

export function casePage(
  rec: CaseRecord,
  opts: { lang: string | null; similar: SimilarItem[]; baseUrl: string; documents?: CaseDocument[] },
): string {
  const url = `${opts.baseUrl}/cases/${encodeURIComponent(rec.id)}`;
  const langs = Object.keys(rec.narratives);
  const lang = opts.lang && langs.includes(opts.lang) ? opts.lang : langs.includes('en') ? 'en' : (langs[0] ?? null);
  const n = lang ? rec.narratives[lang]! : null;
  const ecli = rec.identifiers.find((i) => i.type === 'ecli');
  const country = countryByCode(rec.jurisdiction);
  const section = (title: string, text: string | null | undefined) =>
    text ? html`<h3>${title}</h3><div class="narrative">${text}</div>` : '';
  const charges = rec.defendants.flatMap((d, i) => d.charges.map((c) => ({ d: d.label ?? `Defendant ${i + 1}`, c })));
  const head = html`<script type="application/ld+json">${jsonForScript(jsonLd(rec, url))}</script>
${ecli ? html`<meta name="DC.identifier" content="${ecli.value}"><meta name="ecli" content="${ecli.value}">` : ''}
<meta name="citation_title" content="${rec.title}">${rec.decisionDate ? html`<meta name="citation_date" content="${rec.decisionDate}">` : ''}`;
  const body = html`<article>
<p class="muted"><a href="/jurisdictions/${rec.jurisdiction}">${country?.name ?? rec.jurisdiction}</a> · ${rec.court ?? 'court not recorded'} · ${formatDate(rec.decisionDate)}</p>
<h1>${rec.title}</h1>
<h2>Identity and procedure</h2>
<dl class="facts">
<dt>Jurisdiction</dt><dd>${country?.name ?? rec.jurisdiction}</dd>
${rec.databaseNumber ? html`<dt>Database number</dt><dd>${rec.databaseNumber}</dd>` : ''}
${rec.identifiers.map((i) => html`<dt>${labelOf('identifierTypes', i.type)}</dt><dd>${i.value}</dd>`)}
<dt>Court</dt><dd>${rec.court ?? '—'}${rec.courtLevel ? html` (${labelOf('courtLevels', rec.courtLevel)})` : ''}</dd>
${rec.legalSystem ? html`<dt>Legal system</dt><dd>${labelOf('legalSystems', rec.legalSystem)}</dd>` : ''}
<dt>Decision</dt><dd>${formatDate(rec.decisionDate)}</dd>
</dl>
${rec.proceedings.length ? html`<h3>Chain of proceedings</h3><ol>${rec.proceedings.map((p) => html`<li>${labelOf('proceedingStages', p.stage)}: ${p.court ?? ''}${p.date ? html`, ${formatDate(p.date)}` : ''}${p.outcome ? html` — ${p.outcome}` : ''}${p.caseId ? html` (<a href="/cases/${encodeURIComponent(p.caseId)}">record</a>)` : ''}</li>`)}</ol>` : ''}
<h2>Article 3 profile and tags</h2>
${TAG_KINDS.filter((k) => rec.tags[k].length).map((k) => html`<h3>${TAG_TITLES[k]}</h3><ul class="chips">${rec.tags[k].map((c) => html`<li>${labelOf(TAG_VOCAB[k], c)}</li>`)}</ul>`)}
<h2>Narrative</h2>
${langs.length > 1 ? html`<p class="lang-switch noprint">Language: ${langs.map((l, i) => html`${i ? ' · ' : ''}<a href="?lang=${l}" hreflang="${l}"${l === lang ? html` aria-current="true"` : ''}>${langLabel(l)}</a>`)}</p>` : ''}
${n ? html`<div lang="${lang ?? 'en'}">${section('Facts', n.facts)}${section('Legal reasoning', n.reasoning)}${section('Commentary and significant features', n.commentary)}${section('Cross-cutting issues', n.crossCutting)}</div>` : html`<p class="muted">No narrative recorded.</p>`}
<h2>Victims</h2>
${rec.victims.length ? html`<div class="table-wrap"><table><thead><tr><th>Victim</th><th>Kind</th><th>Gender</th><th>Child</th><th>Age</th><th>Nationality</th></tr></thead><tbody>${rec.victims.map((v) => html`<tr>${party(v)}</tr>`)}</tbody></table></div>` : html`<p class="muted">Not recorded.</p>`}
<h2>Defendants and charges</h2>
${rec.defendants.length ? html`<div class="table-wrap"><table><thead><tr><th>Defendant</th><th>Kind</th><th>Gender</th><th>Child</th><th>Age</th><th>Nationality</th></tr></thead><tbody>${rec.defendants.map((d) => html`<tr>${party(d)}</tr>`)}</tbody></table></div>` : html`<p class="muted">Not recorded.</p>`}
${charges.length ? html`<div class="table-wrap"><table><thead><tr><th>Defendant</th><th>Statute</th><th>Charge</th><th>Verdict</th><th>Prison</th><th>Fine / other</th></tr></thead><tbody>${charges.map(({ d, c }) => html`<tr><td>${d}</td><td>${c.statute ?? '—'}</td><td>${c.charge ?? '—'}</td><td>${c.verdict ? labelOf('verdicts', c.verdict) : '—'}</td><td>${c.prisonMonths !== null ? `${c.prisonMonths} months` : '—'}</td><td>${[c.fine ? `${c.fine.amount} ${c.fine.currency}` : '', c.otherSentence ?? ''].filter(Boolean).join('; ') || '—'}</td></tr>`)}</tbody></table></div>` : ''}
<h2>Sources</h2>
<ul>${rec.sources.map((s) => {
    const href = s.kind === 'url' ? safeUrl(s.value) : null;
    return html`<li>${href ? html`<a href="${href}" rel="nofollow noopener">${s.label ?? s.value}</a>` : s.value}</li>`;
  })}</ul>
${documentsSection(rec.id, opts.documents ?? [])}
<h2>Cite this case</h2>
<p class="cite">${citationOf(rec)}. Palermo, ${url}</p>
</article>
${opts.similar.length ? html`<aside class="similar"><h2>Similar cases</h2><ul>${opts.similar.map((s) => html`<li><a href="/cases/${encodeURIComponent(s.id)}">${s.title}</a> <span class="muted">${s.reason}</span></li>`)}</ul></aside>` : ''}`;
  return page({ title: rec.title, description: n?.facts?.slice(0, 200) ?? rec.title, canonical: url, head }, body);
}
