/**
 * The provision source of the one search: kind 'provision', the latest wording of each provision of
 * a published law. Facets share the cases' names where they mean the same (jurisdiction, region,
 * acts, means, purposes), so cases and provisions narrow together; `article` (the Protocol/UNTOC
 * article implemented) and `inForce` are the provisions' own.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { FacetDef } from '../../../kernel/search/facet-registry.ts';
import type { SearchSource } from '../../../kernel/search/search-source.ts';
import { bestSnippet, type SnippetField } from '../../../kernel/search/snippets.ts';
import { countryByCode, REGIONS } from '../../../kernel/geo/countries.ts';
import { ACTS, MEANS, PURPOSES, codes } from '../../cases/index.ts';
import type { LawWork, Provision, ProvisionInput, ProvisionView } from '../domain/law-schema.ts';
import { ARTICLE } from '../domain/law-schema.ts';
import type { LegislationDb } from '../store/schema.ts';
import { latestWordings, viewOf } from '../store/law-repo.ts';

const REGION_NAMES = new Map(REGIONS.map((r) => [r.code, r.name]));
const codeFacet = (name: 'acts' | 'means' | 'purposes', list: readonly string[]): FacetDef<ProvisionView> => ({
  name,
  param: name,
  schema: z.enum(list as [string, ...string[]]),
  labelKey: `cases.facet.${name}`,
  label: name,
  valueLabel: (v) => v,
  values: (p) => p.tags[name],
});

export const PROVISION_FACETS: readonly FacetDef<ProvisionView>[] = [
  {
    name: 'jurisdiction',
    param: 'jurisdiction',
    schema: z.string().regex(/^[A-Z]{3}$/),
    labelKey: 'cases.facet.jurisdiction',
    label: 'Jurisdiction',
    valueLabel: (v) => countryByCode(v)?.name ?? v,
    values: (p) => [p.law.country],
  },
  {
    name: 'region',
    param: 'region',
    schema: z.string(),
    labelKey: 'cases.facet.region',
    label: 'Region',
    valueLabel: (v) => REGION_NAMES.get(v) ?? v,
    values: (p) => countryByCode(p.law.country)?.regions.map((r) => r.code) ?? [],
  },
  {
    name: 'article',
    param: 'article',
    schema: z.string().regex(ARTICLE),
    query: { key: 'article', names: ['article', 'articles'], values: 'code', order: 100 },
    labelKey: 'legislation.facet.article',
    label: 'Article implemented',
    valueLabel: (v) => v,
    // A provision implementing tip.5.2.b counts for tip.5.2.b and for tip.5 (a search by article).
    values: (p) => [...new Set(p.tags.articles.flatMap((a) => [a, a.split('.').slice(0, 2).join('.')]))],
  },
  codeFacet('acts', codes(ACTS)),
  codeFacet('means', codes(MEANS)),
  codeFacet('purposes', codes(PURPOSES)),
  {
    name: 'inForce',
    param: 'in_force',
    schema: z.enum(['in_force', 'repealed']),
    query: { key: 'inForce', names: ['in_force'], values: 'code', order: 101, codes: ['in_force', 'repealed'] },
    labelKey: 'legislation.facet.inForce',
    label: 'In force or repealed',
    valueLabel: (v) => v,
    values: (p) => [p.inForce ? 'in_force' : 'repealed'],
  },
];

const parse = <T>(s: string) => JSON.parse(s) as T;

function docOf(p: ProvisionView) {
  const title = [p.law.title, p.citation ?? p.eid, p.heading].filter(Boolean).join(' — ');
  return {
    title: [[title, 'en']] as [string, string][],
    summary: [[p.summary ?? '', 'en']] as [string, string][],
    body: [[p.text ?? '', 'en']] as [string, string][],
    authority: [] as [string, string][],
    citation: p.citation ? ([[p.citation, 'en']] as [string, string][]) : [],
    place: [[countryByCode(p.law.country)?.name ?? p.law.country, 'en']] as [string, string][],
    language: 'en',
    titleKey: '',
    date: Number(p.from.replace(/-/g, '')) || 0,
    facets: Object.fromEntries(PROVISION_FACETS.map((f) => [f.name, f.values(p)])),
  };
}

interface Row {
  law_id: string;
  eid: string;
  valid_from: string;
  valid_to: string | null;
  doc: string;
  law: string;
}

function viewsOf(rows: Row[]): ProvisionView[] {
  const byLaw = new Map<string, { law: LawWork; ps: Provision[] }>();
  for (const r of rows) {
    const entry = byLaw.get(r.law_id) ?? { law: parse<LawWork>(r.law), ps: [] };
    entry.ps.push({ ...parse<ProvisionInput>(r.doc), lawId: r.law_id, from: r.valid_from, to: r.valid_to });
    byLaw.set(r.law_id, entry);
  }
  return [...byLaw.values()].flatMap(({ law, ps }) => latestWordings(ps).map((p) => viewOf(p, law)));
}

const SELECT =
  'SELECT p.law_id, p.eid, p.valid_from, p.valid_to, p.doc, w.doc AS law FROM law_provisions p ' +
  'JOIN law_works w ON w.id = p.law_id';

/** The source; `db` is the connection hits are hydrated from; `sqlite` the raw handle scans use on SQLite. */
export function provisionSource(
  db: Kysely<LegislationDb>,
  sqlite?: BetterSqlite3.Database,
): SearchSource<ProvisionView> {
  const select = (k: Kysely<LegislationDb>) =>
    k
      .selectFrom('law_provisions as p')
      .innerJoin('law_works as w', 'w.id', 'p.law_id')
      .select(['p.law_id', 'p.eid', 'p.valid_from', 'p.valid_to', 'p.doc', 'w.doc as law']);
  return {
    kind: 'provision',
    facets: PROVISION_FACETS,
    idOf: (p) => `${p.lawId}/${p.eid}`,
    indexable: (p) => p.law.status === 'published',
    document: docOf,
    async *scan(tx) {
      // On SQLite the rebuild holds the one connection: read it synchronously; on PostgreSQL through `tx`.
      const rows = sqlite
        ? (sqlite.prepare(SELECT).all() as Row[])
        : ((await select(tx as Kysely<LegislationDb>).execute()) as Row[]);
      yield* viewsOf(rows);
    },
    fulltext: async () => new Map(),
    identified: async () => [],
    async hydrate(ids) {
      const lawIds = [...new Set(ids.map((id) => id.split('/')[0]!))];
      if (!lawIds.length) return new Map();
      const rows = (await select(db)
        .where('p.law_id', 'in', lawIds)
        .where('w.status', '=', 'published')
        .execute()) as Row[];
      const want = new Set(ids);
      return new Map(
        viewsOf(rows)
          .filter((p) => want.has(`${p.lawId}/${p.eid}`))
          .map((p) => [`${p.lawId}/${p.eid}`, p]),
      );
    },
    snippet: (p, terms) => bestSnippet(snippetFields(p), terms, { lead: 'summary', fulltextLanguage: null }),
  };
}

function snippetFields(p: ProvisionView): SnippetField[] {
  const out: SnippetField[] = [{ field: 'title', language: null, text: p.heading ?? p.eid, weight: 3 }];
  if (p.summary) out.push({ field: 'summary', language: 'en', text: p.summary, weight: 2 });
  if (p.text) out.push({ field: 'text', language: null, text: p.text, weight: 1 });
  return out;
}
