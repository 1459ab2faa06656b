/**
 * Akoma Ntoso 3.0 to a law: the document must be schema-valid (akn/validate.ts); the work's metadata
 * come from FRBR (country alpha-2, number, name, enacted date) and, when the file is Palermo's own
 * export, from its <proprietary> block; each element with an eId and its own <content> is a
 * provision (heading, paragraphs as text). The result is checked as any law input is.
 */
import type { XmlElement, XmlNode } from 'libxml2-wasm';
import { COUNTRIES } from '../../../kernel/geo/countries.ts';
import { LAW_TYPES } from '../domain/law-schema.ts';
import { AKN_NS, PLM_NS } from './akn-export.ts';
import { parseValidAkn } from './validate.ts';

const NS = { a: AKN_NS, plm: PLM_NS };

const el = (n: XmlNode | null) => n as XmlElement | null;
const attr = (n: XmlElement | null, name: string) => n?.attr(name)?.value ?? null;
const words = (s: string | null) => (s ? s.split(/\s+/).filter(Boolean) : []);
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The law input (not yet validated) an AKN document describes. */
export function aknToLawInput(xml: string): Record<string, unknown> {
  const doc = parseValidAkn(xml);
  try {
    const work = el(doc.get('//a:identification/a:FRBRWork', NS));
    const alpha2 = attr(el(work?.get('a:FRBRcountry', NS) ?? null), 'value');
    const fromAlpha2 = COUNTRIES.find((c) => c.alpha2?.toLowerCase() === alpha2?.toLowerCase())?.code ?? alpha2;
    const enacted = attr(el(work?.get('a:FRBRdate[@name="enacted"]', NS) ?? null), 'date');
    const actName = attr(el(doc.get('/a:akomaNtoso/*[1]', NS)), 'name');
    const plm = el(doc.get('//a:proprietary/plm:work', NS));
    const title =
      el(plm?.get('plm:title', NS) ?? null)?.content ?? attr(el(work?.get('a:FRBRname', NS) ?? null), 'value');
    const input: Record<string, unknown> = {
      country: attr(plm, 'country') ?? fromAlpha2?.toUpperCase(),
      title: title ? norm(title) : undefined,
      type: attr(plm, 'type') ?? (LAW_TYPES.includes(actName as never) ? actName : 'act'),
      number: attr(plm, 'number') ?? attr(el(work?.get('a:FRBRnumber', NS) ?? null), 'value'),
      gazette: attr(plm, 'gazette'),
      adopted: attr(plm, 'adopted') ?? (plm ? null : enacted),
      commenced: attr(plm, 'commenced'),
      link: attr(plm, 'link'),
      expressions: (plm?.find('plm:expression', NS) ?? []).map((x) => ({
        date: attr(el(x), 'date'),
        language: attr(el(x), 'language'),
        kind: attr(el(x), 'kind'),
      })),
    };
    input.amendments = (plm?.find('plm:amendment', NS) ?? []).map((x) => ({
      by: attr(el(x), 'by'),
      date: attr(el(x), 'date'),
    }));
    const repeal = el(plm?.get('plm:repeal', NS) ?? null);
    if (repeal) input.repeal = { by: attr(repeal, 'by'), date: attr(repeal, 'date') };
    const extra = new Map(
      doc.find('//a:proprietary/plm:provision', NS).map((n) => [attr(el(n), 'eId') ?? '', el(n)!] as const),
    );
    input.provisions = doc.find('//a:body//*[@eId][a:content]', NS).flatMap((n) => {
      const e = el(n)!;
      if (e.name === 'hcontainer' && attr(e, 'name') === 'empty') return [];
      const eid = attr(e, 'eId')!;
      const x = extra.get(eid) ?? null;
      const text = e
        .find('a:content/a:p', NS)
        .map((p) => norm(p.content))
        .filter(Boolean)
        .join('\n\n');
      const heading = el(e.get('a:heading', NS));
      return [
        {
          eid,
          heading: heading ? norm(heading.content) : null,
          text: text || null,
          summary: el(x?.get('plm:summary', NS) ?? null)?.content ?? null,
          link: attr(x, 'link'),
          citation: attr(x, 'citation'),
          tags: {
            articles: words(attr(x, 'articles')),
            offences: words(attr(x, 'offences')),
            acts: words(attr(x, 'acts')),
            means: words(attr(x, 'means')),
            purposes: words(attr(x, 'purposes')),
            purposeList: attr(x, 'purposeList'),
          },
        },
      ];
    });
    return input;
  } finally {
    doc.dispose();
  }
}
