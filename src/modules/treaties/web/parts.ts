/** Small pieces the treaty pages share: dates, an action's text, the status of one participant. */
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import type { ActionView, ParticipantStatus } from '../services/status-model.ts';

/** 21 Aug 2002, as the UN's status tables write dates (the month names are in the catalog). */
export function fmtDate(t: Translator, iso: string | null | undefined): string {
  if (!iso) return '';
  const [year, month, day] = iso.split('-');
  return t.t('treaties.date', { day: Number(day), month: String(Number(month)), year: year ?? '' });
}

/** "9 Mar 2004 a", as the UN's table writes it. */
export function actionCell(t: Translator, a: ActionView | null): string {
  if (!a) return '';
  if (!a.date) return a.action === 'consent' ? t.t('treaties.page.kindNotRecorded') : a.action;
  return `${fmtDate(t, a.date)}${a.letter ? ` ${a.letter}` : ''}`;
}

export const actionName = (a: string) => a.replace(/_/g, ' ');

export function statusText(t: Translator, p: ParticipantStatus | null): string {
  if (!p) return t.t('treaties.section.notRecorded');
  const eif = p.entryIntoForce ? fmtDate(t, p.entryIntoForce) : t.t('treaties.section.unknown');
  if (p.withdrawal?.date) return t.t('treaties.page.withdrawn', { date: fmtDate(t, p.withdrawal.date) });
  if (p.consent || p.recordedEntryIntoForce) {
    const action = p.consent ? actionName(p.consent.action) : t.t('treaties.page.kindNotRecorded');
    return p.consent?.date
      ? t.t('treaties.section.party', { action, date: fmtDate(t, p.consent.date), eif })
      : t.t('treaties.section.partyNoDate', { action, eif });
  }
  if (p.signature?.date) return t.t('treaties.section.signatory', { date: fmtDate(t, p.signature.date) });
  return t.t('treaties.section.notRecorded');
}
