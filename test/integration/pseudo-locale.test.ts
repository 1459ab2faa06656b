/**
 * The pseudo-locale test: every public page type rendered in en-XA (PALERMO_PSEUDO_LOCALE on), where each
 * catalog string is marked ⟦…⟧, shows no visible text that is neither marked nor data (the seeded records'
 * own text, names from reference data). What is left is a hard-coded string. In English the same pages
 * carry no marks.
 */
import { INSTRUMENTS } from '../../src/modules/treaties/domain/instruments.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { caseInput } from '../factories/case-factory.ts';
import { unmarkedText } from '../helpers/pseudo-locale.ts';
import { SYSTEM } from '../../src/modules/platform/index.ts';
import { COUNTRIES, countryByCode } from '../../src/kernel/geo/countries.ts';
import type { CaseInput } from '../../src/modules/cases/domain/case-schema.ts';
import { CALL_2011 } from '../../src/modules/grants/index.ts';

const PSEUDO = { 'accept-language': 'en-XA' };
const MISSPELT = 'Zorlbat';

// Narratives in words no interface uses, so that snippets (fragments of them) are recognisably data.
const CASES: CaseInput[] = [
  caseInput({
    id: 'pseudo-okapi',
    title: 'Prosecutor v. Zorblat',
    jurisdiction: 'PHL',
    court: 'Regional Trial Court of Quezon',
    databaseNumber: 'PHL-0042',
    decisionDate: '2015-06-30',
    identifiers: [
      { type: 'docket', value: 'Crim. Case No. 7781' },
      { type: 'ecli', value: 'ECLI:PH:RTC:2015:7781' },
    ],
    proceedings: [{ stage: 'appeal', court: 'Quezon Appellate Bench', date: '2016-02', outcome: 'Zorblat upheld' }],
    narratives: {
      en: {
        facts: 'Zorblat quokkamongers vimmered okapi trawlers near Quezon.',
        reasoning: 'Vimmery quokkamongers forfeited okapi holdings.',
        commentary: 'Okapi vimmery grumbles.',
        crossCutting: 'Quokkamongers trawl.',
      },
      fr: { facts: 'Zorblat vimmerait les chalutiers okapi.', reasoning: null, commentary: null, crossCutting: null },
    },
    victims: [
      { kind: 'person', label: 'AAA', gender: 'female', child: true, ageAtOffence: 15, nationalities: ['PHL', 'IDN'] },
      { kind: 'group', label: 'Crew', count: 12, gender: 'male', child: false, ageAtTrial: 30, nationalities: ['IDN'] },
    ],
    defendants: [
      {
        kind: 'person',
        label: 'Z.',
        gender: 'male',
        birthYear: 1970,
        nationalities: ['PHL'],
        charges: [
          {
            statute: 'RA 9208 s. 4',
            charge: 'Qualified okapi trafficking',
            verdict: 'convicted',
            prisonMonths: 480,
            fine: { amount: 2000000, currency: 'PHP' },
            otherSentence: 'Okapi restitution',
          },
        ],
      },
      { kind: 'legal_entity', label: null, nationalities: [], charges: [] },
    ],
    tags: {
      acts: ['recruitment', 'transportation'],
      means: ['deception'],
      purposes: ['forced_labour', 'sexual_exploitation'],
      forms: ['transnational'],
      sectors: ['fishing'],
      offences: ['trafficking_children'],
    },
  }),
  caseInput({
    id: 'pseudo-quokka',
    title: 'State v. Vimmery Holdings',
    jurisdiction: 'ITA',
    court: 'Tribunale di Zorbla',
    decisionDate: '2019-11',
    identifiers: [{ type: 'docket', value: 'RG 5521/19' }],
    narratives: {
      en: { facts: 'Vimmery quokkamongers trawled okapi.', reasoning: null, commentary: null, crossCutting: null },
    },
    victims: [{ kind: 'person', label: 'B.', gender: 'female', child: false, nationalities: ['NGA'] }],
    defendants: [
      {
        kind: 'person',
        label: 'C.',
        gender: 'female',
        nationalities: ['ITA'],
        charges: [{ statute: 'art. 601 c.p.', charge: 'Tratta', verdict: 'acquitted', prisonMonths: null }],
      },
    ],
    tags: {
      acts: ['recruitment'],
      means: ['abuse_of_power_or_vulnerability'],
      purposes: ['forced_labour'],
      forms: ['transnational'],
      sectors: ['agriculture'],
      offences: [],
    },
  }),
  caseInput({ id: 'pseudo-third', title: 'Prosecutor v. Okapi Trawlers', jurisdiction: 'XIR', decisionDate: null }),
];

/** Every string in a value (a record), and the words of the longer ones (snippets show fragments). */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string')
    out.push(v, ...(v.includes(' ') ? v.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2) : []));
  else if (typeof v === 'number') out.push(String(v));
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

const MONTHS = Array.from({ length: 12 }, (_, m) =>
  (['long', 'short'] as const).map((month) =>
    new Date(Date.UTC(2000, m, 1)).toLocaleString('en-GB', { month, timeZone: 'UTC' }),
  ),
).flat();

let t: TestApp;
let data: string[];

const get = (url: string, headers: Record<string, string> = PSEUDO) => t.app.inject({ url, headers });

beforeAll(async () => {
  t = await makeTestApp({ pseudoLocale: true });
  for (const c of CASES) {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: AUTH, payload: c });
    expect(r.statusCode, r.body).toBe(201);
  }
  const doc = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases/pseudo-okapi/documents?filename=okapi-judgment.txt',
    headers: { ...AUTH, 'content-type': 'text/plain' },
    payload: 'Zorblat okapi judgment text.',
  });
  expect(doc.statusCode).toBe(201);
  await t.services.grants.calls.createCall(CALL_2011, SYSTEM, 'sgf-2011');

  // Names from reference data that the pages show: countries, their UN M49 regions, languages, months.
  const codes = CASES.flatMap((c) => [
    c.jurisdiction,
    ...[...(c.victims ?? []), ...(c.defendants ?? [])].flatMap((p) => p.nationalities ?? []),
  ]);
  const countries = codes.map((c) => countryByCode(c)!);
  const languages = new Intl.DisplayNames(['en'], { type: 'language' });
  // The similar-case reasons are written in English by the search engines (src/modules/cases/search),
  // not yet translatable; they are the one known exception on the public pages, taken as they come.
  const similar = await Promise.all(
    CASES.map(async (c) => (await get(`/api/v1/cases/${c.id}/similar`, {})).json().items as { reason: string }[]),
  );
  // A did-you-mean suggestion is a word of the index (data).
  const dym = (await get(`/api/v1/search?q=${MISSPELT}`, {})).json().didYouMean as string | null;
  data = [
    ...strings(CASES),
    'okapi-judgment.txt',
    ...countries.flatMap((c) => [c.name, ...c.regions.map((r) => r.name)]),
    ...['en', 'fr'].map((l) => languages.of(l)!),
    ...MONTHS,
    ...similar.flat().map((s) => s.reason),
    dym ?? '',
    CALL_2011.title,
    CALL_2011.description,
    CALL_2011.sourceUrl,
    ...CALL_2011.questions.map((q) => q.text),
    // The treaty pages name every country on the map (reference data).
    ...COUNTRIES.map((c) => c.name),
    ...INSTRUMENTS.flatMap((i) => [i.id, i.shortTitle, i.title, i.adoptedPlace, i.adoptedBy]),
  ];
  // The library: a published resource with a file, and a withdrawn one (its tombstone page).
  const lib = t.services.library;
  const resource = {
    type: 'manual' as const,
    title: 'Zorblat library manual',
    abstract: 'An okapi manual for labour inspectors.',
    corporateAuthors: ['Okapi Office'],
    publisher: 'Okapi Press',
    date: '2019-04',
    languages: [{ language: 'en' }],
    topics: ['labour_exploitation' as const],
    countries: ['PHL'],
  };
  const published = await lib.resources.create(resource, SYSTEM);
  await lib.files.upload(
    { resourceId: published.id, language: 'en', filename: 'okapi.txt', bytes: Buffer.from('Okapi.') },
    SYSTEM,
  );
  const gone = await lib.resources.create({ ...resource, title: 'Zorblat withdrawn manual' }, SYSTEM);
  await lib.files.upload(
    { resourceId: gone.id, language: 'en', filename: 'okapi.txt', bytes: Buffer.from('Okapi.') },
    SYSTEM,
  );
  for (const id of [published.id, gone.id]) {
    await lib.resources.transition(id, { to: 'in_review' }, SYSTEM);
    await lib.resources.transition(id, { to: 'published' }, SYSTEM);
  }
  await lib.resources.transition(
    gone.id,
    { to: 'withdrawn', reason: 'Okapi reason', successorId: published.id },
    SYSTEM,
  );
  data.push(...strings(resource), 'Zorblat withdrawn manual', 'Okapi reason', 'okapi.txt', '2019', '2019-04');
});

afterAll(async () => {
  await t.close();
});

const PAGES: [string, string][] = [
  ['home', '/'],
  ['search with results and facets', '/search?q=okapi'],
  ['search with filters, sorted', '/search?q=okapi&purposes=forced_labour&sort=date_desc&limit=1'],
  ['browse', '/search'],
  ['search with no results', '/search?q=xylophonic'],
  ['search with did-you-mean', `/search?q=${MISSPELT}`],
  ['case page', '/cases/pseudo-okapi'],
  ['case page, other language', '/cases/pseudo-okapi?lang=fr'],
  ['case page, sparse record', '/cases/pseudo-third'],
  ['country profile', '/countries/PHL'],
  ['international bodies profile', '/countries/XIR'],
  ['about', '/about'],
  ['api', '/api'],
  ['statistics', '/statistics'],
  ['statistics of a search, compared', '/statistics?q=okapi&compare=PHL,ITA&purposes=forced_labour'],
  ['statistics, a bad comparison', '/statistics?compare=PHL'],
  ['grants: the calls', '/grants'],
  ['grants: a call', '/grants/calls/sgf-2011?tz=Asia/Bangkok'],
  ['404 page', '/cases/no-such-case'],
  ['404 jurisdiction', '/jurisdictions/QQQ'],
  ['library search with facets', '/library?q=zorblat'],
  ['library resource page', '/library/zorblat-library-manual'],
  ['library tombstone', '/library/zorblat-withdrawn-manual'],
  ['404 country', '/countries/QQQ'],
  ['treaty list', '/treaties'],
  ['treaty status page', '/treaties/XVIII-12-a'],
];

describe('pseudo-locale: every public page type', () => {
  it.each(PAGES)('%s (%s): all visible text comes from a catalog or is data', async (_name, url) => {
    const res = await get(url);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<html lang="en-XA"');
    expect(res.body).toContain('⟦');
    expect(unmarkedText(res.body, data)).toEqual([]);
  });

  it('the pages show what the test relies on: results, facets, did-you-mean, charts, comparison', async () => {
    expect((await get('/search?q=okapi')).body).toMatch(/<fieldset><legend>⟦/);
    expect((await get(`/api/v1/search?q=${MISSPELT}`, {})).json().didYouMean).toBe('zorblat');
    expect((await get(`/search?q=${MISSPELT}`)).body).toMatch(/<p>⟦[^<]*<a href="\/search\?q=zorblat/);
    expect((await get('/search?q=xylophonic')).body).toContain('<ol class="hits"></ol>');
    const stats = (await get('/statistics?q=okapi&compare=PHL,ITA&purposes=forced_labour')).body;
    expect(stats).toContain('class="chart"');
    expect(stats).toContain('class="world-map"');
    expect(stats).toContain('class="data compare"');
    expect((await get('/cases/pseudo-okapi')).body).toContain('class="similar"');
    expect((await get('/cases/no-such-case')).statusCode).toBe(404);
  });

  it('the Atom feed: its own text from the catalog', async () => {
    const res = await get('/search.atom?q=okapi');
    expect(res.statusCode).toBe(200);
    // Identifiers, links and timestamps are machine data, not text.
    const text = res.body.replace(/<(id|updated)>[^<]*<\/\1>/g, '').replace(/<link [^>]*\/>/g, '');
    expect(text).toContain('<title>⟦');
    expect(unmarkedText(text, data)).toEqual([]);
  });

  it('in English the same pages carry no pseudo-locale marks', async () => {
    for (const [, url] of PAGES) {
      const res = await get(url, {});
      expect(res.body, url).not.toContain('⟦');
      expect(res.body, url).toContain('<html lang="en"');
    }
    expect((await get('/search.atom?q=okapi', {})).body).not.toContain('⟦');
  });
});
