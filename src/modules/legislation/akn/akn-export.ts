/**
 * A law as Akoma Ntoso 3.0: FRBR identification (work, expression, manifestation; country as ISO
 * alpha-2 per the AKN naming convention), each provision as a hierarchy element with its eId,
 * heading and text, and what AKN has no element for (our summary, the official link, the tags, the
 * work's type, gazette, amendments and repeal) in <proprietary> under Palermo's namespace.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import type { LawWork, Provision } from '../domain/law-schema.ts';

export const AKN_NS = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
export const PLM_NS = 'urn:palermo:legislation:1';

/** Element names of AKN hierarchy levels by eId prefix; others are generic hcontainers. */
export const ELEMENT_OF: Record<string, string> = {
  part: 'part',
  chp: 'chapter',
  sec: 'section',
  subsec: 'subsection',
  art: 'article',
  para: 'paragraph',
  subpara: 'subparagraph',
  rule: 'rule',
};

const attrs = (o: Record<string, string | null | undefined>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== '')) as Record<
    string,
    string
  >;

function frbr(law: LawWork, at: string) {
  const c = (countryByCode(law.country)?.alpha2 ?? law.country).toLowerCase();
  const date = law.adopted ?? law.commenced ?? at;
  const work = `/akn/${c}/act/${date.slice(0, 4)}/${(law.number ?? law.id).replace(/[^A-Za-z0-9-]+/g, '-')}`;
  return { c, date, work, expr: `${work}/eng@${at}` };
}

export function lawToAkn(law: LawWork, provisions: readonly Provision[], at: string): string {
  const f = frbr(law, at);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(AKN_NS, 'akomaNtoso');
  const act = root.ele('act', { name: law.type });
  const meta = act.ele('meta');
  const id = meta.ele('identification', { source: '#palermo' });
  const w = id.ele('FRBRWork');
  w.ele('FRBRthis', { value: `${f.work}/!main` });
  w.ele('FRBRuri', { value: f.work });
  w.ele('FRBRdate', { date: f.date, name: law.adopted ? 'enacted' : 'commenced' });
  w.ele('FRBRauthor', { href: '#legislature' });
  w.ele('FRBRcountry', { value: f.c });
  if (law.number) w.ele('FRBRnumber', { value: law.number });
  w.ele('FRBRname', { value: law.title });
  const e = id.ele('FRBRExpression');
  e.ele('FRBRthis', { value: `${f.expr}/!main` });
  e.ele('FRBRuri', { value: f.expr });
  e.ele('FRBRdate', { date: at, name: 'pointInTime' });
  e.ele('FRBRauthor', { href: '#palermo' });
  e.ele('FRBRlanguage', { language: 'eng' });
  const m = id.ele('FRBRManifestation');
  m.ele('FRBRthis', { value: `${f.expr}/!main.xml` });
  m.ele('FRBRuri', { value: `${f.expr}.akn` });
  m.ele('FRBRdate', { date: at, name: 'transform' });
  m.ele('FRBRauthor', { href: '#palermo' });
  const refs = meta.ele('references', { source: '#palermo' });
  refs.ele('TLCOrganization', { eId: 'palermo', href: '/ontology/organization/palermo', showAs: 'Palermo' });
  refs.ele('TLCOrganization', {
    eId: 'legislature',
    href: `/ontology/organization/${f.c}/legislature`,
    showAs: 'Legislature',
  });
  proprietary(meta.ele('proprietary', { source: '#palermo' }), law, provisions);
  const body = act.ele('body');
  if (!provisions.length) body.ele('hcontainer', { name: 'empty', eId: 'hcontainer_1' }).ele('content').ele('p');
  for (const p of provisions) {
    const type = p.eid.split('__').at(-1)!.split('_')[0]!;
    const name = ELEMENT_OF[type];
    const el = name ? body.ele(name, { eId: p.eid }) : body.ele('hcontainer', { name: 'provision', eId: p.eid });
    if (p.heading) el.ele('heading').txt(p.heading);
    const content = el.ele('content');
    const paras = (p.text ?? '').split(/\n{2,}/).filter((x) => x.trim());
    if (!paras.length) content.ele('p');
    for (const para of paras) content.ele('p').txt(para);
  }
  return root.end({ prettyPrint: true });
}

function proprietary(el: XMLBuilder, law: LawWork, provisions: readonly Provision[]): void {
  const work = el.ele(PLM_NS, 'plm:work', {
    ...attrs({
      country: law.country,
      type: law.type,
      number: law.number,
      gazette: law.gazette,
      adopted: law.adopted,
      commenced: law.commenced,
      link: law.link,
    }),
  });
  work.ele(PLM_NS, 'plm:title').txt(law.title);
  for (const x of law.expressions)
    work.ele(PLM_NS, 'plm:expression', { date: x.date, language: x.language, kind: x.kind });
  for (const a of law.amendments) work.ele(PLM_NS, 'plm:amendment', { by: a.by, date: a.date });
  if (law.repeal) work.ele(PLM_NS, 'plm:repeal', { by: law.repeal.by, date: law.repeal.date });
  for (const p of provisions) {
    const t = p.tags;
    const pe = el.ele(PLM_NS, 'plm:provision', {
      ...attrs({
        eId: p.eid,
        from: p.from,
        citation: p.citation,
        link: p.link,
        articles: t.articles.join(' '),
        offences: t.offences.join(' '),
        acts: t.acts.join(' '),
        means: t.means.join(' '),
        purposes: t.purposes.join(' '),
        purposeList: t.purposeList,
      }),
    });
    if (p.summary) pe.ele(PLM_NS, 'plm:summary').txt(p.summary);
  }
}
