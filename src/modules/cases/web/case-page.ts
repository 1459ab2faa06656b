/** /cases/{id}: every section of the record, similar cases, a citation, machine-readable metadata. */
import { tHtml } from '../../../kernel/web/i18n-html.ts';
import { countryName } from '../../../kernel/geo/country-names.ts';
import { html, jsonForScript, safeUrl, type SafeHtml } from '../../../kernel/web/html.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { page } from '../../../kernel/web/layout.ts';
import type { CaseRecord, Defendant, Victim } from '../domain/case-schema.ts';
import type { CaseDocument } from '../../../kernel/files/documents.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import { TAG_KINDS } from '../domain/taxonomy.ts';
import { languageName, termLabel } from '../i18n/labels.ts';
import { formatDate } from './parts.ts';
import type { SimilarReason } from '../search/search-engine.ts';
import { reasonVocabulary } from '../search/similar-reasons.ts';
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
    html`<td>${p.nationalities.map((n) => countryName(n, t)).join(', ') || '—'}</td>`,
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
  reasons: readonly SimilarReason[];
}

/** The reasons of a similar case in the reader's language (keys cases.similar.*). */
function similarReason(t: Translator, reasons: readonly SimilarReason[]): string {
  if (!reasons.length) return t.t('cases.similar.close_wording');
  const parts = reasons.map((r) =>
    r.kind === 'shared_words'
      ? t.t('cases.similar.shared_words', { words: r.words.join(', ') })
      : t.t(`cases.similar.${r.kind}`, {
          values: r.values.map((v) => termLabel(t, reasonVocabulary(r.kind), v)).join(', '),
        }),
  );
  return t.t('cases.similar.reasons', { reasons: parts.join('; ') });
}

const KIND_KEY: Record<string, string> = { 'application/pdf': 'pdf', 'text/html': 'html', 'text/plain': 'text' };

/** A document's format for people ("PDF", "Word", "Texte"), not its media type; the fourth type is .docx. */
export const documentKind = (t: Translator, mediaType: string): string =>
  t.t(`cases.case.documents.kind.${KIND_KEY[mediaType] ?? 'word'}`);

function sizeLabel(t: Translator, bytes: number): string {
  return bytes >= 1024 * 1024
    ? t.t('cases.case.documents.megabytes', { size: (bytes / 1024 / 1024).toFixed(1) })
    : t.t('cases.case.documents.kilobytes', { size: String(Math.max(1, Math.round(bytes / 1024))) });
}

function documentLine(t: Translator, d: CaseDocument): string {
  return t.t('cases.case.documents.line', {
    kind: documentKind(t, d.mediaType),
    size: sizeLabel(t, d.size),
    pages: d.pages ?? 0,
    searchable: d.textLength ? 'yes' : 'no',
  });
}

function documentsSection(t: Translator, id: string, docs: CaseDocument[]): SafeHtml | '' {
  if (!docs.length) return '';
  const item = (d: CaseDocument) => {
    const href = `/api/v1/cases/${encodeURIComponent(id)}/documents/${d.sha256}`;
    const file = html`<a href="${href}" type="${d.mediaType}">${d.filename}</a>`;
    return html`<li>${file} <span class="muted">${documentLine(t, d)}</span></li>`;
  };
  return html`<h2>${t.t('cases.case.documents.heading')}</h2>
<ul class="documents">${docs.map(item)}</ul>`;
}

const cells = (tag: 'th' | 'td', values: (SafeHtml | string)[]) => values.map((v) => html`<${tag}>${v}</${tag}>`);
const table = (head: SafeHtml[], rows: SafeHtml[]) =>
  html`<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;

function partiesTable(t: Translator, first: string, parties: (Victim | Defendant)[]): SafeHtml {
  const head = cells('th', [
    t.t(first),
    ...['kind', 'gender', 'child', 'age', 'nationality'].map((k) => t.t(`cases.case.party.${k}`)),
  ]);
  return table(
    head,
    parties.map((p) => html`<tr>${party(t, p)}</tr>`),
  );
}

function chargesTable(t: Translator, rec: CaseRecord): SafeHtml | '' {
  const charges = rec.defendants.flatMap((d, i) =>
    d.charges.map((c) => ({ d: d.label ?? t.t('cases.case.defendantN', { n: i + 1 }), c })),
  );
  if (!charges.length) return '';
  const head = cells('th', [
    t.t('cases.case.party.defendant'),
    ...['statute', 'charge', 'verdict', 'prison', 'fine'].map((k) => t.t(`cases.case.charge.${k}`)),
  ]);
  const rows = charges.map(({ d, c }) => {
    const months = c.prisonMonths !== null ? t.t('cases.case.charge.months', { months: c.prisonMonths }) : '—';
    const fine = [c.fine ? `${c.fine.amount} ${c.fine.currency}` : '', c.otherSentence ?? '']
      .filter(Boolean)
      .join('; ');
    const verdict = c.verdict ? termLabel(t, 'verdicts', c.verdict) : '—';
    return html`<tr>${cells('td', [d, c.statute ?? '—', c.charge ?? '—', verdict, months, fine || '—'])}</tr>`;
  });
  return table(head, rows);
}

function identity(t: Translator, rec: CaseRecord, date: (d: string | null) => string): SafeHtml {
  const term = termLabel.bind(null, t);
  const country = countryByCode(rec.jurisdiction);
  const respondents = rec.respondentStates.map((c) => (countryByCode(c) ? countryName(c, t) : c)).join(', ');
  const fact = (key: string, value: SafeHtml | string) => html`<dt>${t.t(`cases.case.${key}`)}</dt><dd>${value}</dd>`;
  const level = rec.courtLevel ? html` (${term('courtLevels', rec.courtLevel)})` : '';
  const stage = (p: CaseRecord['proceedings'][number]) => {
    const record = p.caseId
      ? html` (<a href="/cases/${encodeURIComponent(p.caseId)}">${t.t('cases.case.proceedingRecord')}</a>)`
      : '';
    const when = p.date ? html`, ${date(p.date)}` : '';
    const outcome = p.outcome ? html` — <bdi>${p.outcome}</bdi>` : '';
    const court = p.court ? html`<bdi>${p.court}</bdi>` : '';
    return html`<li>${term('proceedingStages', p.stage)}: ${court}${when}${outcome}${record}</li>`;
  };
  const proceedings = rec.proceedings.length
    ? html`<h3>${t.t('cases.case.proceedings')}</h3><ol>${rec.proceedings.map(stage)}</ol>`
    : '';
  return html`<h2>${t.t('cases.case.identity')}</h2>
<dl class="facts">
${fact('jurisdiction', country ? countryName(rec.jurisdiction, t) : rec.jurisdiction)}
${respondents ? fact('respondentStates', respondents) : ''}
${rec.databaseNumber ? fact('databaseNumber', rec.databaseNumber) : ''}
${rec.identifiers.map((i) => html`<dt>${term('identifierTypes', i.type)}</dt><dd><bdi>${i.value}</bdi></dd>`)}
${fact('court', html`<bdi>${rec.court ?? '—'}</bdi>${level}`)}
${rec.legalSystem ? fact('legalSystem', term('legalSystems', rec.legalSystem)) : ''}
${fact('decision', date(rec.decisionDate))}
</dl>
${proceedings}`;
}

/**
 * The narrative to show: the one asked for (`?lang=`), else the page's language, else English, else the
 * first. A narrative's language is its primary subtag or a fuller tag (`pt-BR`).
 */
export function narrativeLanguage(page: string, langs: readonly string[], asked: string | null): string | null {
  if (asked && langs.includes(asked)) return asked;
  const own = langs.find((l) => l.split('-')[0] === page.split('-')[0]);
  return own ?? (langs.includes('en') ? 'en' : (langs[0] ?? null));
}

function narrative(t: Translator, rec: CaseRecord, lang: string | null): SafeHtml {
  const langs = Object.keys(rec.narratives);
  const n = lang ? rec.narratives[lang]! : null;
  const section = (key: string, text: string | null | undefined) =>
    text ? html`<h3>${t.t(`cases.case.narrative.${key}`)}</h3><div class="narrative" dir="auto">${text}</div>` : '';
  const choice = (l: string, i: number) => {
    const current = l === lang ? html` aria-current="true"` : '';
    return html`${i ? ' · ' : ''}<a href="?lang=${l}" hreflang="${l}"${current}>${languageName(t, l)}</a>`;
  };
  const switcher =
    langs.length > 1
      ? html`<p class="lang-switch noprint">${t.t('cases.case.languageSwitch')} ${langs.map(choice)}</p>`
      : '';
  const text = n
    ? html`<div lang="${lang ?? 'en'}">${section('facts', n.facts)}${section('reasoning', n.reasoning)}${section(
        'commentary',
        n.commentary,
      )}${section('crossCutting', n.crossCutting)}</div>`
    : html`<p class="muted">${t.t('cases.case.noNarrative')}</p>`;
  // The page is in a language the case has no narrative in: say which one is shown instead.
  const page = t.locale.split('-')[0]!;
  const fallback =
    n && lang && t.locale !== 'en-XA' && lang.split('-')[0] !== page && !langs.some((l) => l.split('-')[0] === page)
      ? html`<p class="muted fallback">${t.t('kernel.lang.fallback', {
          wanted: languageName(t, page),
          shown: languageName(t, lang),
        })}</p>`
      : '';
  return html`<h2>${t.t('cases.case.narrative')}</h2>
${switcher}
${fallback}
${text}`;
}

export function casePage(
  t: Translator,
  rec: CaseRecord,
  opts: { lang: string | null; similar: SimilarItem[]; baseUrl: string; documents?: CaseDocument[] },
): string {
  const url = `${opts.baseUrl}/cases/${encodeURIComponent(rec.id)}`;
  const langs = Object.keys(rec.narratives);
  const lang = narrativeLanguage(t.locale, langs, opts.lang);
  const n = lang ? rec.narratives[lang]! : null;
  const ecli = rec.identifiers.find((i) => i.type === 'ecli');
  const country = countryByCode(rec.jurisdiction);
  const date = (d: string | null) => formatDate(t, d);
  const notRecorded = html`<p class="muted">${t.t('cases.case.notRecorded')}</p>`;
  const ecliMeta = ecli
    ? html`<meta name="DC.identifier" content="${ecli.value}"><meta name="ecli" content="${ecli.value}">`
    : '';
  const dateMeta = rec.decisionDate ? html`<meta name="citation_date" content="${rec.decisionDate}">` : '';
  const head = html`<script type="application/ld+json">${jsonForScript(jsonLd(rec, url))}</script>
${ecliMeta}
<meta name="citation_title" content="${rec.title}">${dateMeta}`;
  const tags = TAG_KINDS.filter((k) => rec.tags[k].length).map(
    (k) =>
      html`<h3>${t.t(`cases.case.tags.${k}`)}</h3><ul class="chips">${rec.tags[k].map(
        (c) => html`<li>${termLabel(t, TAG_VOCAB[k], c)}</li>`,
      )}</ul>`,
  );
  const victims = rec.victims.length ? partiesTable(t, 'cases.case.party.victim', rec.victims) : notRecorded;
  const defendants = rec.defendants.length
    ? partiesTable(t, 'cases.case.party.defendant', rec.defendants)
    : notRecorded;
  const sources = rec.sources.map((s) => {
    const href = s.kind === 'url' ? safeUrl(s.value) : null;
    return html`<li>${href ? html`<a href="${href}" rel="nofollow noopener">${s.label ?? s.value}</a>` : s.value}</li>`;
  });
  const similarItem = (s: SimilarItem) => {
    const reason = similarReason(t, s.reasons);
    const link = html`<a href="/cases/${encodeURIComponent(s.id)}">${s.title}</a>`;
    return html`<li>${link} <span class="muted">${reason}</span></li>`;
  };
  const similar = opts.similar.length
    ? html`<aside class="similar"><h2>${t.t('cases.case.similar')}</h2><ul>${opts.similar.map(
        similarItem,
      )}</ul></aside>`
    : '';
  const where = country ? countryName(rec.jurisdiction, t) : rec.jurisdiction;
  const jurisdiction = html`<a href="/countries/${rec.jurisdiction}">${where}</a>`;
  const body = html`<article>
<p class="muted">${jurisdiction} · <bdi>${rec.court ?? t.t('cases.hit.courtNotRecorded')}</bdi> · ${date(
    rec.decisionDate,
  )}</p>
<h1><bdi>${rec.title}</bdi></h1>
${identity(t, rec, date)}
<h2>${t.t('cases.case.profile')}</h2>
${tags}
${narrative(t, rec, lang)}
<h2>${t.t('cases.case.victims')}</h2>
${victims}
<h2>${t.t('cases.case.defendants')}</h2>
${defendants}
${chargesTable(t, rec)}
<h2>${t.t('cases.case.sources')}</h2>
<ul>${sources}</ul>
${documentsSection(t, rec.id, opts.documents ?? [])}
<h2>${t.t('cases.case.cite')}</h2>
<p class="cite">${tHtml(t, 'cases.case.citation', { citation: html`<bdi>${citationOf(t, rec)}</bdi>`, url })}</p>
</article>
${similar}`;
  return page(t, { title: rec.title, description: n?.facts?.slice(0, 200) ?? rec.title, canonical: url, head }, body);
}
