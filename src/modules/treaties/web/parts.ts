/** Small pieces the treaty pages share: dates, an action's text, the status of one participant. */
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import type { ActionView, ParticipantStatus } from '../services/status-model.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 21 Aug 2002, as the UN's status tables write dates. */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? ''} ${y}`;
}

/** "9 Mar 2004 a", as the UN's table writes it. */
export function actionCell(t: Translator, a: ActionView | null): string {
  if (!a) return '';
  if (!a.date) return a.action === 'consent' ? t.t('treaties.page.kindNotRecorded') : a.action;
  return `${fmtDate(a.date)}${a.letter ? ` ${a.letter}` : ''}`;
}

export const actionName = (a: string) => a.replace(/_/g, ' ');

export function statusText(t: Translator, p: ParticipantStatus | null): string {
  if (!p) return t.t('treaties.section.notRecorded');
  const eif = p.entryIntoForce ? fmtDate(p.entryIntoForce) : t.t('treaties.section.unknown');
  if (p.withdrawal?.date) return t.t('treaties.page.withdrawn', { date: fmtDate(p.withdrawal.date) });
  if (p.consent || p.recordedEntryIntoForce) {
    const action = p.consent ? actionName(p.consent.action) : t.t('treaties.page.kindNotRecorded');
    return p.consent?.date
      ? t.t('treaties.section.party', { action, date: fmtDate(p.consent.date), eif })
      : t.t('treaties.section.partyNoDate', { action, eif });
  }
  if (p.signature?.date) return t.t('treaties.section.signatory', { date: fmtDate(p.signature.date) });
  return t.t('treaties.section.notRecorded');
}
