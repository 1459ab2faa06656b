/**
 * The four instruments of the Palermo family as the UN Treaty Collection (MTDSG chapter XVIII) lists
 * them: title, adoption, opening for signature, entry into force and its rule. Public facts: the
 * Convention and its two first Protocols were adopted by the General Assembly in resolution 55/25
 * (New York, 15 November 2000) and opened for signature in Palermo on 12 December 2000; the
 * Firearms Protocol by resolution 55/255 (31 May 2001). A field with no verified fact stays null.
 */
import type { EifRule } from './entry-into-force.ts';

export interface ArticleShape {
  article: number;
  /** Numbered paragraphs (0: the article has none). */
  paragraphs: number;
}

export interface InstrumentFacts {
  id: string;
  title: string;
  shortTitle: string;
  adoptedPlace: string;
  adoptedOn: string;
  adoptedBy: string;
  signatureOpened: string | null;
  entryIntoForce: string;
  parentId: string | null;
  eifRule: EifRule;
  /** The articles (with their numbered paragraphs when known), for checking where a reservation points. */
  articles: ArticleShape[];
  unUrl: string;
}

const rule = (article: string, notBeforeInstrument: string | null): EifRule => ({
  threshold: 40,
  daysAfterThreshold: 90,
  daysAfterLaterDeposit: 30,
  reioCounts: false,
  notBeforeInstrument,
  article,
});

const unUrl = (id: string) => `https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=${id}&chapter=18`;

/** Articles without paragraph counts (every paragraph accepted). */
const articles = (n: number): ArticleShape[] =>
  Array.from({ length: n }, (_, i) => ({ article: i + 1, paragraphs: -1 }));

/** The Protocol's numbered paragraphs per article, counted in its authentic English text (A/RES/55/25, annex II). */
const PROTOCOL_PARAGRAPHS = [3, 0, 0, 0, 2, 6, 2, 6, 5, 3, 6, 0, 0, 2, 4, 4, 2, 5, 2, 2];

export const INSTRUMENTS: readonly InstrumentFacts[] = [
  {
    id: 'XVIII-12',
    title: 'United Nations Convention against Transnational Organized Crime',
    shortTitle: 'UNTOC',
    adoptedPlace: 'New York',
    adoptedOn: '2000-11-15',
    adoptedBy: 'A/RES/55/25 (annex I)',
    signatureOpened: '2000-12-12',
    entryIntoForce: '2003-09-29',
    parentId: null,
    eifRule: rule('38', null),
    articles: articles(41),
    unUrl: unUrl('XVIII-12'),
  },
  {
    id: 'XVIII-12-a',
    title:
      'Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, ' +
      'supplementing the United Nations Convention against Transnational Organized Crime',
    shortTitle: 'Trafficking in Persons Protocol',
    adoptedPlace: 'New York',
    adoptedOn: '2000-11-15',
    adoptedBy: 'A/RES/55/25 (annex II)',
    signatureOpened: '2000-12-12',
    entryIntoForce: '2003-12-25',
    parentId: 'XVIII-12',
    eifRule: rule('17', 'XVIII-12'),
    articles: PROTOCOL_PARAGRAPHS.map((paragraphs, i) => ({ article: i + 1, paragraphs })),
    unUrl: unUrl('XVIII-12-a'),
  },
  {
    id: 'XVIII-12-b',
    title:
      'Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the United Nations ' +
      'Convention against Transnational Organized Crime',
    shortTitle: 'Smuggling of Migrants Protocol',
    adoptedPlace: 'New York',
    adoptedOn: '2000-11-15',
    adoptedBy: 'A/RES/55/25 (annex III)',
    signatureOpened: '2000-12-12',
    entryIntoForce: '2004-01-28',
    parentId: 'XVIII-12',
    eifRule: rule('22', 'XVIII-12'),
    articles: articles(25),
    unUrl: unUrl('XVIII-12-b'),
  },
  {
    id: 'XVIII-12-c',
    title:
      'Protocol against the Illicit Manufacturing of and Trafficking in Firearms, their Parts and Components ' +
      'and Ammunition, supplementing the United Nations Convention against Transnational Organized Crime',
    shortTitle: 'Firearms Protocol',
    adoptedPlace: 'New York',
    adoptedOn: '2001-05-31',
    adoptedBy: 'A/RES/55/255',
    signatureOpened: null,
    entryIntoForce: '2005-07-03',
    parentId: 'XVIII-12',
    eifRule: rule('18', 'XVIII-12'),
    articles: articles(21),
    unUrl: unUrl('XVIII-12-c'),
  },
];

/** Where an article/paragraph reference points outside the instrument, what is wrong (else null). */
export function articleProblem(
  shape: readonly ArticleShape[],
  article: number,
  paragraph: string | null,
): 'article' | 'paragraph' | null {
  const a = shape.find((s) => s.article === article);
  if (!a) return 'article';
  if (!paragraph || a.paragraphs < 0) return null;
  const n = /^(\d+)/.exec(paragraph);
  if (!n) return null; // a letter sub-paragraph of an unnumbered article, e.g. 3(a)
  return Number(n[1]) >= 1 && Number(n[1]) <= a.paragraphs ? null : 'paragraph';
}
