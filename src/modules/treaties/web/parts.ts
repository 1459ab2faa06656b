/** Small pieces the treaty pages share: dates, an action's text, the status of one participant. */
import { formatPartialDate } from '../../../kernel/dates/format-date.ts';
import { parsePartialDate } from '../../../kernel/dates/partial-date.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html, safeUrl, type SafeHtml } from '../../../kernel/web/html.ts';
import { FORMER_STATES } from '../domain/participants.ts';
import type { LinkView, ParticipantLinks } from '../services/link-service.ts';
import type { ActionView, EntryIntoForceDetail, ParticipantStatus } from '../services/status-model.ts';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A treaty date in the reader's language through Intl, with the short month: "21 Aug 2002" as the UN's
 * status tables write it (English in the UN's day-month-year order), "21 août 2002", "2002年8月21日",
 * "21 авг. 2002 г.", "21 أغسطس 2002" (the digits follow the reader's numbering system). A date known only
 * to the month or year reads as the kernel's partial dates do.
 */
export function fmtDate(t: Translator, iso: string | null | undefined): string {
  if (!iso) return '';
  const intl = (t.intl ?? 'en').replace(/^en(?=-|$)/, 'en-GB');
  const p = parsePartialDate(iso);
  if (typeof p === 'string' || p.precision !== 'day') return formatPartialDate(iso, intl);
  let f = dayFormats.get(intl);
  if (!f) {
    f = new Intl.DateTimeFormat(intl, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dayFormats.set(intl, f);
  }
  return f.format(new Date(Date.UTC(p.year, p.month! - 1, p.day!)));
}

/** "9 Mar 2004 a", as the UN's table writes it. */
export function actionCell(t: Translator, a: ActionView | null): string {
  if (!a) return '';
  if (!a.date) return a.action === 'consent' ? t.t('treaties.page.kindNotRecorded') : actionName(t, a.action);
  return `${fmtDate(t, a.date)}${a.letter ? ` ${a.letter}` : ''}`;
}

/** An action's name in the reader's language ("ratification", "التصديق"), never its code. */
export const actionName = (t: Translator, action: string) => t.t('treaties.action.name', { action });

export function statusText(t: Translator, p: ParticipantStatus | null): string {
  if (!p) return t.t('treaties.section.notRecorded');
  const eif = p.entryIntoForce ? fmtDate(t, p.entryIntoForce) : t.t('treaties.section.unknown');
  if (p.withdrawal?.date) return t.t('treaties.page.withdrawn', { date: fmtDate(t, p.withdrawal.date) });
  if (p.consent || p.recordedEntryIntoForce) {
    const action = p.consent ? actionName(t, p.consent.action) : t.t('treaties.page.kindNotRecorded');
    return p.consent?.date
      ? t.t('treaties.section.party', { action, date: fmtDate(t, p.consent.date), eif })
      : t.t('treaties.section.partyNoDate', { action, eif });
  }
  if (p.signature?.date) return t.t('treaties.section.signatory', { date: fmtDate(t, p.signature.date) });
  return t.t('treaties.section.notRecorded');
}

const FORMER_STATE_CODES = new Set(FORMER_STATES.map((f) => f.code));

/** "successor of Serbia and Montenegro (3 Jun 2006, source)"; one line per link, empty when none. */
export function linksText(t: Translator, l: ParticipantLinks): SafeHtml {
  const one = (key: string) => (x: LinkView) => {
    const name = FORMER_STATE_CODES.has(x.code) ? x.name : html`<a href="/countries/${x.code}">${x.name}</a>`;
    const source = safeUrl(x.source) ? html`<a href="${x.source}">${t.t('treaties.links.source')}</a>` : x.source;
    const date = x.date ? html`${fmtDate(t, x.date)}, ` : '';
    return html`<br><span class="muted treaty-link">${t.t(key)} ${name} (${date}${source})</span>`;
  };
  return html`${l.predecessors.map(one('treaties.links.successorOf'))}${l.successors.map(
    one('treaties.links.predecessorOf'),
  )}`;
}

/** The date with its basis; where a recorded date differs from the computed one, both, marked. */
export function eifText(t: Translator, d: EntryIntoForceDetail | null): SafeHtml | string {
  if (!d) return '';
  const basis = t.t(d.basis === 'computed' ? 'treaties.page.computed' : 'treaties.page.recorded');
  const differs = d.disagrees
    ? html`<br><strong class="treaty-eif-differs">${t.t('treaties.page.eifDiffers', {
        recorded: fmtDate(t, d.recorded),
      })}</strong>`
    : '';
  return html`${fmtDate(t, d.date)} <span class="muted">(${basis})</span>${differs}`;
}

const INSTRUMENT_SLUG: Record<string, string> = {
  'XVIII-12': 'convention',
  'XVIII-12-a': 'trafficking',
  'XVIII-12-b': 'smuggling',
  'XVIII-12-c': 'firearms',
};

/**
 * An instrument's official title in the page's language: the titles of the authentic texts of the Convention
 * and its Protocols (A/RES/55/25 annexes I-III, A/RES/55/255 annex, as on the UN Treaty Collection, MTDSG
 * chapter XVIII) in `treaties.instrument.title`; the stored (English) title for another instrument.
 */
export function instrumentTitle(t: Translator, i: { id: string; title: string }): string {
  const slug = INSTRUMENT_SLUG[i.id];
  return (slug && t.t('treaties.instrument.title', { instrument: slug })) || i.title;
}
