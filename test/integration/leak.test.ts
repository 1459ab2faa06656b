/**
 * The privacy boundary, end to end: cases that are not published (draft, in review, withdrawn) and
 * the restricted side of published ones (internal notes, source contacts, review comments) carry a
 * unique marker word in every field; then every public channel is read, raw, as the anonymous
 * public and as a contributor who does not own them (by session and by personal token). Not one
 * marker may appear. A published control case carries markers the same way and MUST show in those
 * channels, so the check can tell a leak from a channel that shows nothing.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { cookieHeader, createToken, createUser, signIn } from '../helpers/accounts.ts';
import { moveTo } from '../helpers/workflow.ts';
import type { CaseInput } from '../../src/modules/cases/domain/case-schema.ts';
import { activityInput } from '../factories/activity-factory.ts';
import { MODULES } from '../../src/app/modules.ts';
import { legislationSection } from '../../src/modules/legislation/web/country-section.ts';
import { SYSTEM } from '../../src/modules/platform/domain/accounts.ts';

let t: TestApp;

/** Words every test case shares, so that the hidden cases are the control's nearest neighbours. */
const SHARED =
  'The accused recruited women with promises of restaurant work abroad, confiscated their passports and forced ' +
  'them into debt bondage.';
const NARRATIVE_FIELDS = ['facts', 'reasoning', 'commentary', 'crossCutting'] as const;

/** A case with a marker word (prefix + field name, letters only) in every text field. */
function markedCase(p: string, jurisdiction: string, status: CaseInput['status']): CaseInput {
  const narrative = (lang: string) =>
    Object.fromEntries(NARRATIVE_FIELDS.map((f) => [f, `${SHARED} ${p}${lang}${f.toLowerCase()} ${SHARED}`]));
  return {
    id: `${p}id`,
    title: `Prosecutor v. ${p}title`,
    databaseNumber: `${p}dbnumber`,
    jurisdiction,
    // Issue 22: each case its own country as respondent State, so the respondent_state facet is in the counts.
    respondentStates: [jurisdiction],
    identifiers: [
      { type: 'docket', value: `${p}docket` },
      { type: 'other', value: `${p}otherident` },
    ],
    court: `${p}court Regional Court`,
    courtLevel: 'first_instance',
    legalSystem: 'civil_law',
    decisionDate: '2019-03-14',
    proceedings: [
      {
        stage: 'appeal',
        court: `${p}appealcourt`,
        courtLevel: 'appellate',
        date: '2020-01-02',
        docket: `${p}appealdocket`,
        outcome: `${p}appealoutcome`,
      },
    ],
    narratives: { en: narrative('en'), fr: narrative('fr') },
    victims: [{ kind: 'person', label: `${p}victim`, gender: 'female', child: true, nationalities: [jurisdiction] }],
    defendants: [
      {
        kind: 'person',
        label: `${p}defendant`,
        gender: 'male',
        nationalities: [jurisdiction],
        charges: [
          {
            statute: `${p}statute`,
            charge: `${p}charge`,
            verdict: 'convicted',
            prisonMonths: 96,
            otherSentence: `${p}othersentence`,
          },
        ],
      },
    ],
    tags: {
      acts: ['recruitment', 'harbouring'],
      means: ['deception', 'fraud'],
      purposes: ['forced_labour'],
      forms: ['transnational'],
      sectors: ['hospitality'],
      offences: ['trafficking_adults'],
    },
    sources: [
      { kind: 'citation', value: `${p}citation`, label: `${p}sourcelabel` },
      { kind: 'url', value: `https://example.org/${p}url`, label: null },
    ],
    provenance: { source: `${p}provenance`, importBatch: null, original: {} },
    status,
  };
}

/** Every marker word of a marked case (what a full export of it holds). */
function contentMarkers(p: string): string[] {
  return [
    'id',
    'title',
    'dbnumber',
    'docket',
    'otherident',
    'court',
    'appealcourt',
    'appealdocket',
    'appealoutcome',
    ...['en', 'fr'].flatMap((l) => NARRATIVE_FIELDS.map((f) => `${l}${f.toLowerCase()}`)),
    'victim',
    'defendant',
    'statute',
    'charge',
    'othersentence',
    'citation',
    'sourcelabel',
    'url',
    'provenance',
  ].map((f) => p + f);
}
/** Markers of what is attached beside the record: restricted fields, comments, a document. */
const sideMarkers = (p: string) => ['notes', 'contacts', 'comment', 'transitioncomment', 'document'].map((f) => p + f);

// Hidden: never public. The control is published; its restricted side is hidden (prefix 'xqzsecret').
const HIDDEN = { draft: 'xqzdraft', review: 'xqzreview', withdrawn: 'xqzwithdrawn' } as const;
const CONTROL = 'xqzcontrol';
const SECRET = 'xqzsecret';
const TAKEDOWN = 'xqztakedown';
const FORBIDDEN_ALL = ['xqzdraft', 'xqzreview', 'xqzwithdrawn', 'xqzsecret', 'xqzcontrol', 'xqztakedown'];
const hiddenIds = Object.values(HIDDEN).map((p) => `${p}id`);

/** Marker words (a prefix followed by letters) found in a text. */
function markersIn(body: string, prefixes: readonly string[]): string[] {
  const re = new RegExp(`(?:${prefixes.join('|')})[a-z]*`, 'gi');
  return [...new Set(body.match(re) ?? [])].sort();
}

interface Seen {
  channel: string;
  status: number;
  /** What the marker check reads. */
  body: string;
  /** The answer as sent, when `body` is it without the echoed query. */
  raw?: string;
  /** Where a redirect sends the reader. */
  location?: string;
  /** Why the answer is not what a search for a word nothing holds gets. */
  differs?: string;
}

/** "channel -> markers" for every channel that shows a marker of `prefixes`; empty when none leaks. */
function leaks(seen: Seen[], prefixes: readonly string[]): string[] {
  return seen.flatMap((s) => {
    const found = markersIn(s.body, prefixes);
    return [
      ...(found.length ? [`${s.channel} (${s.status}) leaked: ${found.join(', ')}`] : []),
      ...(s.differs ? [`${s.channel} ${s.differs}`] : []),
    ];
  });
}

type Who = { name: string; headers: Record<string, string> };
const ANON: Who = { name: 'anonymous', headers: {} };
let viewers: Who[] = [ANON];

async function get(url: string, who: Who): Promise<Seen> {
  const res = await t.app.inject({ url, headers: who.headers });
  const location = res.headers.location === undefined ? {} : { location: String(res.headers.location) };
  return { channel: `${who.name} GET ${url}`, status: res.statusCode, body: res.body, ...location };
}

/** Every page of a paged JSON listing, following `next`. */
async function allPages(url: string, who: Who): Promise<Seen[]> {
  const out: Seen[] = [];
  for (let next: string | null = url, n = 0; next && n < 100; n++) {
    const s = await get(next, who);
    out.push(s);
    next = s.status === 200 ? (JSON.parse(s.body) as { next: string | null }).next : null;
  }
  return out;
}

const STAT_NAMES_URL = '/api/v1/stats';
const GHOST = 'xqzghost';

/**
 * Searches for a marker word: the word itself, its case's prefix*, a misspelling (did-you-mean and
 * fuzzy matching) and the word in each searchable field, through the API, the pages, the feed, the
 * export and the statistics. The answers echo the query, so each is compared with the answer to
 * the same query for a word no case holds (the prefix replaced by GHOST): with the echo mapped to
 * the ghost word, the two must be identical (no hit, no snippet, no suggestion, no count).
 */
async function wordQueries(w: string, who: Who): Promise<Seen[]> {
  const prefix = FORBIDDEN_ALL.find((p) => w.startsWith(p)) ?? w.slice(0, 8);
  const g = w.replace(prefix, GHOST);
  const forms: [string, string][] = [
    [w, g],
    [w.slice(0, -1), g.slice(0, -1)],
    [prefix, GHOST],
  ];
  const queries = [w, `${prefix}*`, w.slice(0, -1), `title:${w}`, `facts:${w}`, `court:${w}`, `citation:${w}`];
  const urls = [
    ...queries.map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`),
    `/search?q=${w}`,
    `/search?q=${w.slice(0, -1)}`,
    `/search.atom?q=${w}`,
    `/api/v1/export?format=jsonl&q=${w}`,
    `/api/v1/stats/years?q=${w}`,
  ];
  const toGhost = (text: string) => forms.reduce((acc, [from, to]) => acc.split(from).join(to), text);
  const noIds = (text: string) => text.replace(/"requestId":"[^"]+"/g, '');
  return Promise.all(
    urls.map(async (url) => {
      const [real, ghost] = await Promise.all([get(url, who), get(toGhost(url), who)]);
      const body = toGhost(real.body);
      const differs =
        real.status !== ghost.status || noIds(body) !== noIds(ghost.body)
          ? `answers unlike a search for '${toGhost(w)}' (${real.status} vs ${ghost.status}): ` +
            `${firstDifference(noIds(body), noIds(ghost.body))}`
          : undefined;
      // The marker check reads the answer without the echoed query (a hit holding it makes `differs`).
      const stripped = real.body
        .split(w)
        .join('')
        .split(w.slice(0, -1))
        .join('')
        .replace(new RegExp(`${prefix}(\\*|%2A)`, 'gi'), '');
      return { ...real, raw: real.body, body: stripped, differs };
    }),
  );
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `…${a.slice(Math.max(0, i - 60), i + 120)}… vs …${b.slice(Math.max(0, i - 60), i + 120)}…`;
}

/** The public channels that do not name a case: search, listings, feeds, exports, statistics, pages. */
async function publicChannels(who: Who, words: string[], jurisdictions: string[]): Promise<Seen[]> {
  const urls: string[] = [
    '/',
    '/editor',
    '/account',
    '/search',
    '/search?sort=date_asc&limit=100',
    '/search.atom',
    '/about',
    '/api',
    '/statistics',
    '/sitemap.xml',
    '/robots.txt',
    '/healthz',
    '/api/v1/search?limit=100',
    '/api/v1/search?limit=100&sort=date_asc',
    '/api/v1/export',
    '/api/v1/export?format=csv',
    '/api/v1/export?format=jsonld',
    '/api/v1/export?format=jsonl&q=debt+bondage',
    `/api/v1/export?format=csv&jurisdiction=${jurisdictions.join('&jurisdiction=')}`,
    STAT_NAMES_URL,
    '/api/v1/taxonomy',
    '/api/v1/countries',
    '/api/v1/openapi.json',
  ];
  for (const j of jurisdictions) {
    urls.push(
      `/countries/${j}`,
      `/api/v1/countries/${j}/profile`,
      `/search.atom?jurisdiction=${j}`,
      `/search?jurisdiction=${j}`,
      `/api/v1/search?jurisdiction=${j}&limit=100`,
      `/statistics?jurisdiction=${j}`,
    );
  }
  const seen = await Promise.all(urls.map((u) => get(u, who)));
  for (const w of words) seen.push(...(await wordQueries(w, who)));
  seen.push(...(await allPages('/api/v1/cases?limit=100', who)));
  seen.push(...(await allPages('/api/v1/cases?limit=100&sort=created_asc', who)));
  const stats = JSON.parse((await get(STAT_NAMES_URL, who)).body) as { items: { name: string }[] };
  const compare = `jurisdiction=${jurisdictions[0]}&jurisdiction=${jurisdictions[1] ?? 'PHL'}`;
  for (const { name } of stats.items) {
    const qs = name === 'comparison' ? compare : '';
    seen.push(await get(`/api/v1/stats/${name}?${qs}`, who), await get(`/api/v1/stats/${name}?format=csv&${qs}`, who));
  }
  return seen;
}

/** The channels that name one case: the record, its page, similar cases, documents, editorial routes. */
async function caseChannels(id: string, who: Who): Promise<Seen[]> {
  const e = encodeURIComponent(id);
  const urls = [
    `/api/v1/cases/${e}`,
    `/cases/${e}`,
    `/cases/${e}?lang=fr`,
    `/api/v1/cases/${e}/similar`,
    `/api/v1/cases/${e}/documents`,
    `/api/v1/cases/${e}/documents/${docSha[id] ?? '0'.repeat(64)}`,
    `/api/v1/cases/${e}/editorial`,
    `/api/v1/cases/${e}/comments`,
    `/api/v1/cases/${e}/versions`,
    `/api/v1/cases/${e}/versions/1`,
    '/api/v1/review-queue',
    '/api/v1/review-queue?status=draft',
    '/api/v1/audit',
  ];
  return Promise.all(urls.map((u) => get(u, who)));
}

const docSha: Record<string, string> = {};

async function post(url: string, payload: unknown, headers = AUTH) {
  const res = await t.app.inject({ method: 'POST', url, headers, payload: payload as object });
  if (res.statusCode >= 300) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res;
}

/** Creates a marked case with its restricted fields, a review comment and a text document. */
async function createMarked(p: string, jurisdiction: string, restrictedPrefix = p): Promise<void> {
  await post('/api/v1/cases', markedCase(p, jurisdiction, 'draft'));
  const id = `${p}id`;
  const put = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/cases/${id}/restricted`,
    headers: AUTH,
    payload: { internalNotes: `${restrictedPrefix}notes`, sourceContacts: `${restrictedPrefix}contacts` },
  });
  expect(put.statusCode, put.body).toBe(200);
  await post(`/api/v1/cases/${id}/comments`, { body: `${restrictedPrefix}comment` });
  const doc = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${id}/documents?filename=judgment.txt`,
    headers: { ...AUTH, 'content-type': 'text/plain' },
    payload: `Judgment. ${SHARED} The court heard ${p}document about the debt bondage.`,
  });
  expect(doc.statusCode, doc.body).toBe(201);
  docSha[id] = doc.json().sha256;
  await post(`/api/v1/cases/${id}/transitions`, { to: 'in_review', comment: `${restrictedPrefix}transitioncomment` });
}

let before: { search: unknown; stats: Record<string, string>; health: unknown; about: string };

/** What must not change when hidden cases are added: totals, facet counts, every statistic. */
async function countsSnapshot() {
  const s = (await t.app.inject({ url: '/api/v1/search?limit=1' })).json();
  const stats: Record<string, string> = {};
  const names = (await t.app.inject({ url: STAT_NAMES_URL })).json().items as { name: string }[];
  for (const { name } of names) {
    const qs = name === 'comparison' ? 'jurisdiction=PHL&jurisdiction=NZL' : '';
    stats[name] = (await t.app.inject({ url: `/api/v1/stats/${name}?format=csv&${qs}` })).body;
  }
  const about = (await t.app.inject({ url: '/about' })).body;
  return {
    search: { total: s.total, facets: s.facets },
    stats,
    health: (await t.app.inject({ url: '/healthz' })).json(),
    about: /holds [\d,]+ published cases/.exec(about)?.[0] ?? about,
  };
}

beforeAll(async () => {
  // Rate limits off: this test reads hundreds of URLs per viewer (the limits have their own tests).
  t = await makeTestApp({ rateLimit: 0, rateLimitToken: 0 });
  // The control: published, with markers in every public field and, in its restricted side, SECRET.
  await createMarked(CONTROL, 'PHL', SECRET);
  await moveTo(t.app, `${CONTROL}id`, 'published');
  await post(`/api/v1/cases/${CONTROL}id/comments`, { body: `${SECRET}latecomment` });
  before = await countsSnapshot();

  // The hidden cases: a draft, one in review, and one published then withdrawn. NZL and CHL have no other case.
  await createMarked(HIDDEN.draft, 'NZL');
  await moveTo(t.app, `${HIDDEN.draft}id`, 'draft');
  await createMarked(HIDDEN.review, 'NZL');
  await createMarked(HIDDEN.withdrawn, 'CHL');
  await moveTo(t.app, `${HIDDEN.withdrawn}id`, 'withdrawn');

  const contributor = await createUser(t.services, 'contributor');
  const session = await signIn(t.app, contributor.email);
  const token = await createToken(t.services, ['read', 'write'], contributor.id);
  viewers = [
    ANON,
    { name: 'contributor session', headers: { cookie: cookieHeader(session) } },
    { name: 'contributor token', headers: token.header },
  ];
});
afterAll(async () => t.close());

const FORBIDDEN = [...Object.values(HIDDEN), SECRET];
const WORDS = [
  ...Object.values(HIDDEN).flatMap((p) => [...contentMarkers(p), ...sideMarkers(p)]),
  ...sideMarkers(SECRET),
  `${SECRET}latecomment`,
];

describe('the test cases are what the test says they are', () => {
  it('with editorial rights every hidden case and restricted field exists, with every marker in place', async () => {
    for (const p of Object.values(HIDDEN)) {
      const rec = await t.app.inject({ url: `/api/v1/cases/${p}id`, headers: AUTH });
      expect(rec.statusCode).toBe(200);
      expect(markersIn(rec.body, [p])).toEqual(expect.arrayContaining(contentMarkers(p)));
      const ed = await t.app.inject({ url: `/api/v1/cases/${p}id/editorial`, headers: AUTH });
      expect(markersIn(ed.body, [p])).toEqual(
        expect.arrayContaining([`${p}notes`, `${p}contacts`, `${p}comment`, `${p}transitioncomment`]),
      );
    }
    const statuses = await Promise.all(
      hiddenIds.map(async (id) => (await t.app.inject({ url: `/api/v1/cases/${id}`, headers: AUTH })).json().status),
    );
    expect(statuses).toEqual(['draft', 'in_review', 'withdrawn']);
    const ed = await t.app.inject({ url: `/api/v1/cases/${CONTROL}id/editorial`, headers: AUTH });
    expect(markersIn(ed.body, [SECRET])).toEqual([
      `${SECRET}comment`,
      `${SECRET}contacts`,
      `${SECRET}latecomment`,
      `${SECRET}notes`,
      `${SECRET}transitioncomment`,
    ]);
    // The attached document's text is searchable by editors' tools: it is in the index of the control.
    const docSearch = (await t.app.inject({ url: `/api/v1/search?q=${CONTROL}document` })).json();
    expect(docSearch.hits.map((h: { id: string }) => h.id)).toEqual([`${CONTROL}id`]);
  });

  it('the published control shows its markers in the public channels (so the leak check can see a leak)', async () => {
    const seen = await publicChannels(
      ANON,
      contentMarkers(CONTROL).filter((w) => !w.endsWith('url')),
      ['PHL', 'NZL'],
    );
    const shown = (channel: string) =>
      markersIn(
        seen
          .filter((s) => s.channel === `anonymous GET ${channel}`)
          .map((s) => s.raw ?? s.body)
          .join('\n'),
        [CONTROL],
      );
    expect(shown('/api/v1/export')).toEqual([...contentMarkers(CONTROL)].sort());
    expect(shown('/api/v1/export?format=csv')).toEqual(
      expect.arrayContaining([`${CONTROL}title`, `${CONTROL}enfacts`, `${CONTROL}court`, `${CONTROL}docket`]),
    );
    expect(shown('/api/v1/export?format=jsonld')).toEqual(expect.arrayContaining([`${CONTROL}title`, `${CONTROL}id`]));
    expect(shown(`/api/v1/search?q=${CONTROL}title`)).toContain(`${CONTROL}title`);
    expect(shown(`/api/v1/search?q=${CONTROL}enfacts`)).toContain(`${CONTROL}enfacts`); // snippet
    expect(shown(`/api/v1/search?q=${CONTROL}enfact`)).toContain(`${CONTROL}enfacts`); // did-you-mean or fuzzy
    expect(shown(`/search?q=${CONTROL}enfacts`)).toContain(`${CONTROL}title`);
    expect(shown(`/search.atom?q=${CONTROL}title`)).toContain(`${CONTROL}title`);
    expect(shown('/search.atom')).toContain(`${CONTROL}title`);
    expect(shown('/sitemap.xml')).toContain(`${CONTROL}id`);
    expect(shown('/countries/PHL')).toContain(`${CONTROL}title`);
    expect(shown('/')).toContain(`${CONTROL}title`);
    expect(shown('/api/v1/cases?limit=100')).toEqual(expect.arrayContaining([`${CONTROL}title`, `${CONTROL}enfacts`]));
    const page = await get(`/cases/${CONTROL}id`, ANON);
    expect(markersIn(page.body, [CONTROL])).toEqual(
      expect.arrayContaining([`${CONTROL}title`, `${CONTROL}enfacts`, `${CONTROL}victim`, `${CONTROL}charge`]),
    );
    // The comparison with a search for a word nothing holds tells a match from no match.
    const differs = (channel: string) => seen.find((s) => s.channel === `anonymous GET ${channel}`)?.differs;
    for (const c of [
      `/api/v1/search?q=${CONTROL}title`,
      `/api/v1/search?q=${CONTROL}enfact`,
      `/search.atom?q=${CONTROL}court`,
      `/api/v1/export?format=jsonl&q=${CONTROL}docket`,
      `/api/v1/stats/years?q=${CONTROL}court`,
    ]) {
      expect(differs(c) ?? `no difference for ${c}`, c).toMatch(/answers unlike a search for .xqzghost/);
    }
    const totals = (await t.app.inject({ url: `/api/v1/stats/years?q=${CONTROL}title` })).json();
    expect(totals.cases).toBe(1);
  });
});

describe('unpublished cases and restricted fields never reach a public channel', () => {
  it(
    'search, listings, feeds, exports, sitemap, statistics and pages show no marker, to the public or a ' +
      'contributor who does not own them',
    async () => {
      const found: string[] = [];
      for (const who of viewers) {
        const seen = await publicChannels(who, WORDS, ['NZL', 'CHL', 'PHL']);
        found.push(...leaks(seen, FORBIDDEN));
        // A channel that fails shows nothing and proves nothing: every one must answer.
        found.push(
          ...seen
            .filter((s) => s.status >= 400)
            .map((s) => `${s.channel} answered ${s.status}: ${s.body.slice(0, 150)}`),
        );
      }
      expect(found).toEqual([]);
    },
  );

  it('totals, facet counts, statistics and the published count are as before the hidden cases existed', async () => {
    const after = await countsSnapshot();
    expect(after.search).toEqual(before.search);
    expect(after.health).toEqual(before.health);
    expect(after.about).toEqual(before.about);
    for (const name of Object.keys(before.stats)) expect(after.stats[name], name).toBe(before.stats[name]);
    const nz = (await t.app.inject({ url: '/api/v1/search?jurisdiction=NZL' })).json();
    expect(nz.total).toBe(0);
  });

  it('each hidden case answers exactly like a case that does not exist; its editorial side is closed', async () => {
    const found: string[] = [];
    const ghost = 'nosuchcaseid';
    for (const who of viewers) {
      const missing = await caseChannels(ghost, who);
      for (const id of hiddenIds) {
        const seen = await caseChannels(id, who);
        found.push(
          ...leaks(
            seen,
            FORBIDDEN.filter((p) => !id.startsWith(p)),
          ),
        ); // nothing of any other case
        seen.forEach((s, i) => {
          const m = missing[i]!;
          const sameAsMissing =
            s.status === m.status &&
            s.body.replaceAll(id, ghost).replace(/"requestId":"[^"]+"/, '') ===
              m.body.replace(/"requestId":"[^"]+"/, '');
          const closed = [401, 403, 404].includes(s.status);
          // The review queue and audit log are not about this case: the marker check below applies (a contributor's
          // token sees its own, empty, queue).
          const aboutCase = s.channel.includes(`/${id}`);
          if (aboutCase && (!closed || !sameAsMissing))
            found.push(`${s.channel}: ${s.status} (a missing case: ${m.status}) ${s.body.slice(0, 200)}`);
          // Beyond echoing the requested id, not one marker of this case.
          const own = markersIn(s.body, [id.replace(/id$/, '')]).filter((w) => w !== id);
          if (own.length) found.push(`${s.channel} leaked: ${own.join(', ')}`);
        });
      }
    }
    expect(found).toEqual([]);
  });

  it('the published control shows its public fields but never its notes, contacts or comments', async () => {
    const found: string[] = [];
    for (const who of viewers) found.push(...leaks(await caseChannels(`${CONTROL}id`, who), FORBIDDEN));
    expect(found).toEqual([]);
    const page = await get(`/cases/${CONTROL}id`, ANON);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`${CONTROL}title`);
    const similar = (await t.app.inject({ url: `/api/v1/cases/${CONTROL}id/similar` })).json();
    expect(similar.items).toEqual([]); // the only similar cases are hidden ones
    expect(
      (await t.app.inject({ url: `/api/v1/cases/${CONTROL}id/documents/${docSha[`${CONTROL}id`]}` })).body,
    ).toContain(`${CONTROL}document`);
  });
});

describe('takedown', () => {
  it('a withdrawn published case disappears at once from every public channel', async () => {
    await createMarked(TAKEDOWN, 'NZL');
    await moveTo(t.app, `${TAKEDOWN}id`, 'published');
    const words = [`${TAKEDOWN}title`, `${TAKEDOWN}enfacts`, `${TAKEDOWN}document`, `${TAKEDOWN}court`];
    const visible = await publicChannels(ANON, words, ['NZL']);
    expect(leaks(visible, [TAKEDOWN]).length).toBeGreaterThan(10); // it was public: search, feeds, export, sitemap ...
    expect((await get(`/cases/${TAKEDOWN}id`, ANON)).status).toBe(200);

    await moveTo(t.app, `${TAKEDOWN}id`, 'withdrawn'); // no waiting, no reindex: the next request
    const found: string[] = [];
    for (const who of viewers) {
      const seen = await publicChannels(who, words, ['NZL']);
      found.push(...leaks(seen, [TAKEDOWN, ...FORBIDDEN]));
      found.push(...seen.filter((s) => s.status >= 400).map((s) => `${s.channel} answered ${s.status}`));
      for (const s of await caseChannels(`${TAKEDOWN}id`, who)) {
        if (s.channel.includes(`/${TAKEDOWN}id`) && ![401, 403, 404].includes(s.status))
          found.push(`${s.channel}: ${s.status}`);
        const own = markersIn(s.body, [TAKEDOWN]).filter((w) => w !== `${TAKEDOWN}id`);
        if (own.length) found.push(`${s.channel} leaked: ${own.join(', ')}`);
      }
      found.push(...leaks(await caseChannels(`${CONTROL}id`, who), [TAKEDOWN]));
    }
    expect(found).toEqual([]);
    expect(await countsSnapshot()).toEqual(before);
  });
});

describe('unpublished activities never reach a public channel (assistance register)', () => {
  // A marker word in every text field; each hidden activity alone in its recipient country.
  const ACT = { draft: 'xqzactdraft', in_review: 'xqzactreview', withdrawn: 'xqzactwithdrawn' } as const;
  const ACT_CONTROL = 'xqzactcontrol';
  const COUNTRY = { draft: 'MLI', in_review: 'NER', withdrawn: 'TCD', control: 'BFA' } as const;
  const marked = (p: string, country: string) =>
    activityInput(`${p}id`, {
      title: `Workshop ${p}title`,
      description: `Training on victim identification ${p}description`,
      objectives: [`${p}objective`],
      recipientCountries: [{ code: country }],
      participantCountries: [country],
      venueCountries: [country],
      participatingOrgs: [{ name: `${p}org Ministry`, role: '4' }],
      results: [{ type: '1', title: `${p}result`, indicator: `${p}indicator`, measure: '1' }],
      disbursements: [{ date: '2021-03-01', value: 20000, provider: `${p}provider` }],
      provenance: { source: `${p}source`, paragraphs: ['1'] },
    });
  const channels = async (who: Who): Promise<Seen[]> => {
    const urls = [
      '/api/v1/activities',
      '/api/v1/activities.iati.xml',
      '/api/v1/search?kind=activity&q=workshop',
      '/api/v1/search?kind=activity',
      '/assistance',
      '/assistance/reports',
      ...Object.values(COUNTRY).flatMap((c) => [
        `/api/v1/activities?country=${c}`,
        `/assistance?country=${c}`,
        `/api/v1/activities.iati.xml?country=${c}`,
      ]),
      ...[
        'countries',
        'by-year',
        'by-region',
        'by-theme',
        'by-type',
        'participants-by-profession',
        'participants-by-gender',
      ].flatMap((n) => [`/api/v1/assistance/reports/${n}`, `/api/v1/assistance/reports/${n}?format=csv`]),
    ];
    // A hidden activity asked for by id or title answers exactly as one that does not exist (the word echoed).
    const echoed = Object.values(ACT).flatMap((p) =>
      [`/api/v1/search?kind=activity&q=${p}title`, `/api/v1/activities/${p}id`, `/assistance/${p}id`].map(
        async (url): Promise<Seen> => {
          const s = await get(url, who);
          const ghost = await get(url.split(p).join('xqzghostact'), who);
          const body = s.body.split(p).join('xqzghostact');
          const noIds = (text: string) => text.replace(/"requestId":"[^"]+"/g, '').replace(/req-[0-9a-z]+/g, '');
          const same = s.status === ghost.status && noIds(body) === noIds(ghost.body);
          return { ...s, body, differs: same ? undefined : 'answers unlike an activity that does not exist' };
        },
      ),
    );
    return Promise.all([...urls.map((u) => get(u, who)), ...echoed]);
  };

  beforeAll(async () => {
    const create = async (p: string, country: string, status: string) => {
      const r = await post(
        `/api/v1/activities?status=${status === 'withdrawn' ? 'published' : status}`,
        marked(p, country),
      );
      expect(r.statusCode, r.body).toBe(201);
      if (status === 'withdrawn') await post(`/api/v1/activities/${p}id/transitions`, { to: 'withdrawn' });
    };
    await create(ACT_CONTROL, COUNTRY.control, 'published');
    for (const status of ['draft', 'in_review', 'withdrawn'] as const)
      await create(ACT[status], COUNTRY[status], status);
  });

  it('the published control shows its markers (so the check can see a leak)', async () => {
    const seen = await channels(ANON);
    expect(leaks(seen, [ACT_CONTROL]).length).toBeGreaterThan(5);
  });

  it('no hidden marker in any channel, for the public and a contributor (session and token)', async () => {
    for (const who of viewers) {
      const seen = await channels(who);
      expect(leaks(seen, Object.values(ACT)), who.name).toEqual([]);
      const countries = seen
        .filter((s) => s.channel.includes('/reports/countries'))
        .map((s) => s.body)
        .join('\n');
      for (const c of [COUNTRY.draft, COUNTRY.in_review, COUNTRY.withdrawn])
        expect(countries, who.name).not.toContain(c);
      expect(countries).toContain(COUNTRY.control);
    }
  });

  it('the country profile section knows nothing of them', async () => {
    const mod = MODULES.find((m) => m.name === 'assistance')!;
    const section = mod.countrySections!({ services: t.services, config: t.config })[0]!;
    for (const c of [COUNTRY.draft, COUNTRY.in_review, COUNTRY.withdrawn]) expect(await section.load(c), c).toBeNull();
    expect(JSON.stringify(await section.load(COUNTRY.control))).toContain(ACT_CONTROL);
  });
});

describe("grants: applicant A never sees applicant B's application anywhere", () => {
  it('by id, by guess, in lists, pages, revisions, eligibility, reviews and search; the control shows', async () => {
    const { userActor, SYSTEM } = await import('../../src/modules/platform/index.ts');
    const g = t.services.grants;
    const mk = async (name: string) => {
      const u = await createUser(t.services, 'contributor', `${name}@grants-leak.example.org`);
      return { u, actor: userActor({ id: u.id, email: u.email, role: 'contributor' }) };
    };
    const a = await mk('applicant-a');
    const b = await mk('applicant-b');
    const call = await g.calls.createCall(
      {
        title: 'Leak test call',
        opensAt: '2020-01-01T00:00:00Z',
        closesAt: '2099-01-01T00:00:00Z',
        currency: 'USD',
        capPerYear: 1000,
        maxYears: 1,
        blindReview: true,
        requiredAttachments: [{ id: 'registration', label: 'Registration' }],
      },
      SYSTEM,
    );
    // Registration numbers unlike anything random on a page (a short 'L-1' once matched inside a form token).
    const org = (legalName: string) => ({
      legalName,
      legalStatus: 'ngo' as const,
      registrationNumber: `REG-${legalName.toUpperCase()}`,
      registrationCountry: 'PHL',
      contactEmail: 'x@example.org',
    });
    const orgA = await g.calls.registerOrganisation(org('Grantleakalphaorg'), a.actor);
    const orgB = await g.calls.registerOrganisation(org('Grantleakbetaorg'), b.actor);
    const app = (o: string, w: string) => ({
      callId: call.id,
      organisationId: o,
      title: `Proposal ${w}title`,
      summary: `${w}summary`,
      durationYears: 1,
      currency: 'USD',
    });
    const appA = await g.applications.createDraft(app(orgA.id, 'grantleakalpha'), a.actor);
    const appB = await g.applications.createDraft(app(orgB.id, 'grantleakbeta'), b.actor);
    // B's file names B: its bytes and its name never reach A, B's blind reviewer.
    await g.attachments.attach(
      appB.id,
      {
        requirement: 'registration',
        filename: 'Grantleakbetaorg-registration.txt',
        bytes: Buffer.from('grantleakbetafile: Grantleakbetaorg is registered under REG-GRANTLEAKBETAORG.'),
      },
      b.actor,
    );
    await g.applications.submit(appB.id, b.actor);
    await g.decisions.decide(appB.id, { to: 'eligible', reason: 'ok' }, SYSTEM);
    // A reviews B's application on a blind call: even then, never B's identity.
    await g.reviews.assign(appB.id, a.u.id, SYSTEM);
    await g.reviews.declare(appB.id, { conflict: false }, a.actor);

    const aWho: Who = { name: 'applicant A', headers: { cookie: cookieHeader(await signIn(t.app, a.u.email)) } };
    const aTok: Who = {
      name: 'applicant A token',
      headers: (await createToken(t.services, ['read', 'write'], a.u.id)).header,
    };
    const bWho: Who = { name: 'applicant B', headers: { cookie: cookieHeader(await signIn(t.app, b.u.email)) } };
    const urls = (id: string, orgId: string) => [
      `/api/v1/grants/applications/${id}`,
      `/api/v1/grants/applications/${id}/revisions`,
      `/api/v1/grants/applications/${id}/eligibility`,
      `/api/v1/grants/applications/${id}/attachments`,
      `/api/v1/grants/applications/${id}/attachments/registration/versions/1`,
      `/grants/applications/${id}/attachments/registration/versions/1`,
      `/api/v1/grants/organisations/${orgId}`,
      `/grants/applications/${id}`,
    ];
    const lists = [
      '/api/v1/grants/applications',
      '/api/v1/grants/organisations',
      '/grants/applications',
      '/api/v1/grants/reviews',
      '/api/v1/grants/reviews?format=csv',
      `/api/v1/grants/reviews/${appB.id}`,
      `/grants/reviews/${appB.id}`,
      `/grants/reviews/${appB.id}/declaration`,
      '/grants/reviews',
      '/api/v1/grants/calls',
      '/grants',
      `/grants/calls/${call.id}`,
      '/api/v1/export',
    ];
    const found: string[] = [];
    const idGuess = appB.id.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    for (const who of [aWho, aTok, ANON]) {
      const seen = [
        ...(await Promise.all(urls(appB.id, orgB.id).map((u) => get(u, who)))),
        ...(await Promise.all(lists.map((u) => get(u, who)))),
        await get(`/api/v1/grants/applications/${idGuess}`, who),
      ];
      for (const s of seen) {
        if (
          /grantleakbetaorg|Grantleakbetaorg|REG-GRANTLEAKBETAORG|x@example\.org/i.test(s.body) &&
          !s.channel.includes('/organisations')
        )
          found.push(`${s.channel} shows B's identity`);
        const toSignIn = s.status === 303 && s.location?.startsWith('/login?next=') === true;
        if (
          s.channel.includes(appB.id) &&
          s.channel.includes('/applications/') &&
          ![401, 403, 404].includes(s.status) &&
          !toSignIn
        )
          found.push(`${s.channel}: ${s.status}`);
        if (s.channel.includes(`/organisations/${orgB.id}`) && ![401, 403, 404].includes(s.status))
          found.push(`${s.channel}: ${s.status}`);
        if (who !== aWho && who !== aTok && /grantleakbeta/.test(s.body)) found.push(`${s.channel} leaked B's text`);
      }
    }
    expect(found).toEqual([]);
    // Applications are never indexed: the search (which echoes its query) finds nothing.
    for (const who of [aWho, ANON]) {
      const hits = JSON.parse((await get('/api/v1/search?q=grantleakbetasummary', who)).body) as { hits: unknown[] };
      expect(hits.hits).toEqual([]);
    }
    // The reviewer (A) reads B's proposal text but not who wrote it; B sees its own; nobody else sees A's draft.
    expect((await get(`/grants/reviews/${appB.id}`, aWho)).body).toContain('grantleakbetasummary');
    const own = await get(`/grants/applications/${appB.id}`, bWho);
    expect(own.status).toBe(200);
    expect(own.body).toContain('Grantleakbetaorg');
    const file = await get(`/api/v1/grants/applications/${appB.id}/attachments/registration/versions/1`, bWho);
    expect(file.status).toBe(200);
    expect(file.body).toContain('grantleakbetafile');
    expect((await get(`/api/v1/grants/applications/${appA.id}`, bWho)).status).toBe(404);
    expect((await get('/api/v1/grants/applications', bWho)).body).not.toContain('grantleakalpha');
  });
});

describe('library: draft and in-review resources never reach a public channel', () => {
  const DRAFT = 'zqlibdraftmarker';
  const REVIEW = 'zqlibreviewmarker';
  const CONTROL = 'zqlibcontrolmarker';
  let ids: Record<string, string> = {};

  beforeAll(async () => {
    const { SYSTEM } = await import('../../src/modules/platform/index.ts');
    const lib = t.services.library;
    const make = async (p: string) => {
      const r = await lib.resources.create(
        {
          type: 'toolkit',
          title: `Toolkit ${p}title`,
          abstract: `An abstract about forced labour ${p}abstract`,
          symbol: `${p}symbol`,
          date: '2018',
          languages: [{ language: 'en' }],
          topics: ['victim_assistance'],
          countries: ['KEN'],
        },
        SYSTEM,
      );
      await lib.files.upload(
        { resourceId: r.id, language: 'en', filename: 'text.txt', bytes: Buffer.from(`Full text ${p}filetext.`) },
        SYSTEM,
      );
      return r.id;
    };
    ids = { draft: await make(DRAFT), review: await make(REVIEW), control: await make(CONTROL) };
    await lib.resources.transition(ids.review!, { to: 'in_review' }, SYSTEM);
    await lib.resources.transition(ids.control!, { to: 'in_review' }, SYSTEM);
    await lib.resources.transition(ids.control!, { to: 'published' }, SYSTEM);
  });

  const channels = () => [
    '/api/v1/resources',
    '/api/v1/resources?q=toolkit',
    `/api/v1/resources?q=${DRAFT}filetext`,
    `/api/v1/resources?q=${REVIEW}abstract`,
    `/api/v1/resources?q=${CONTROL}filetext`,
    '/api/v1/resources?topic=victim_assistance&country=KEN',
    '/api/v1/search?kind=resource&q=toolkit&facets=true',
    '/library?q=toolkit',
    '/library?country=KEN',
    '/oai?verb=ListRecords&metadataPrefix=oai_dc',
    '/oai?verb=ListIdentifiers&metadataPrefix=oai_dc',
  ];

  it('the published control shows in the channels; the hidden ones in none (files, facets, OAI)', async () => {
    let all = '';
    for (const url of channels()) {
      const r = await t.app.inject({ url });
      expect(r.statusCode, url).toBe(200);
      all += r.body;
    }
    expect(all).toContain(`${CONTROL}title`);
    expect(all).toContain(`${CONTROL}filetext`);
    for (const m of [DRAFT, REVIEW]) expect(all, m).not.toContain(m);
    const facets = (await t.app.inject({ url: '/api/v1/resources?country=KEN' })).json();
    expect(facets.total).toBe(1);
    expect(facets.facets.topic).toEqual([{ value: 'victim_assistance', label: expect.any(String), count: 1 }]);
  });

  it('a hidden resource answers like a missing one on every route, and the country profile leaves it out', async () => {
    for (const id of [ids.draft!, ids.review!]) {
      for (const url of [
        `/api/v1/resources/${id}`,
        `/library/${id}`,
        `/api/v1/resources/${id}/files`,
        `/api/v1/resources/${id}/citation?format=bibtex`,
        `/api/v1/resources/${id}/versions`,
        `/library/${id}/files/en/text.txt`,
      ]) {
        const r = await t.app.inject({ url });
        expect(r.statusCode, url).toBe(404);
        // The id the request named may be echoed; nothing else of the resource may.
        expect(r.body.replaceAll(id, '')).not.toMatch(/zqlib(draft|review)marker/);
      }
      const oai = await t.app.inject({
        url: `/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost.local:${id}`,
      });
      expect(oai.body).toContain('idDoesNotExist');
    }
    const { countryPublications } = await import('../../src/modules/library/web/country-section.ts');
    const section = await countryPublications(t.services.search).load('KEN');
    expect(section?.items.map((i) => i.id)).toEqual([ids.control]);
    expect(JSON.stringify(section)).not.toMatch(/zqlib(draft|review)marker/);
  });
});

describe('legislation: draft laws, provisions and assessments', () => {
  it('never reach a public channel (API, pages, search, facets, CSV, AKN, profile section)', async () => {
    const lawOf = (id: string, mark: string, status: string) => ({
      id,
      country: 'ISL',
      title: `Act ${mark}title`,
      type: 'act',
      adopted: '2010-01-01',
      status,
      provisions: [
        {
          eid: 'sec_1',
          heading: `Definition ${mark}heading`,
          text: `Trafficking means recruitment by deception for forced labour ${mark}text.`,
          tags: { articles: ['tip.3.a'], acts: ['recruitment'], means: ['deception'], purposes: ['forced_labour'] },
        },
      ],
    });
    const ctl = 'zqlegiscontrol';
    const hid = 'zqlegishidden';
    await post('/api/v1/laws', lawOf('isl-control', ctl, 'published'));
    await post('/api/v1/laws', lawOf(hid, hid, 'draft')); // its id is a marker too
    const put = (element: string, body: object) =>
      t.app.inject({ method: 'PUT', url: `/api/v1/compliance/ISL/${element}`, headers: AUTH, payload: body });
    expect(
      (await put('acts_all', { result: 'partially', reasoning: `${ctl}reasoning`, status: 'published' })).statusCode,
    ).toBe(200);
    const draft = await put('child_no_means', {
      result: 'does_not',
      reasoning: `${hid}reasoning`,
      evidence: { provisions: [`${hid}/sec_1`] },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    // A published assessment citing the draft law: the public sees the assessment, not the draft evidence.
    const citing = await put('means_all', {
      result: 'meets',
      reasoning: `${ctl}means`,
      evidence: { provisions: [`${hid}/sec_1`] },
      status: 'published',
    });
    expect(citing.statusCode, citing.body).toBe(200);
    expect(citing.body).toContain(hid); // the editor's answer holds the evidence; the public's must not
    const urls = [
      '/api/v1/laws',
      '/api/v1/laws?country=ISL',
      '/api/v1/laws/isl-control',
      '/api/v1/compliance/ISL',
      '/api/v1/compliance/ISL?format=csv',
      `/api/v1/compliance/ISL?at=${new Date().toISOString()}`,
      '/api/v1/compliance/elements/child_no_means',
      '/api/v1/compliance/elements/means_all',
      '/api/v1/search?kind=provision&q=recruitment+deception',
      '/api/v1/search?kind=provision&kind=case&jurisdiction=ISL',
      '/laws',
      '/compliance',
      '/compliance/ISL',
      '/compliance/elements/child_no_means',
    ];
    const found: string[] = [];
    let controlSeen = 0;
    for (const who of viewers) {
      for (const url of urls) {
        const s = await get(url, who);
        if (s.body.includes(hid)) found.push(`${s.channel} leaked ${hid}`);
        if (s.body.includes(ctl)) controlSeen++;
      }
      // Asked for by its id (which the error message repeats), the draft law is simply not there.
      for (const path of ['', '/provisions?format=csv&all=true', '/provisions/sec_1', '/akn'])
        expect((await get(`/api/v1/laws/${hid}${path}`, who)).status, `${who.name} ${path}`).toBe(404);
      for (const path of ['', '/provisions/sec_1'])
        expect((await get(`/laws/${hid}${path}`, who)).status, `${who.name} page ${path}`).toBe(404);
      const facets = (await get('/api/v1/search?kind=provision&limit=1', who)).body;
      expect(JSON.parse(facets).total, who.name).toBe(1);
    }
    const section = legislationSection(t.services);
    const data = await section.load('ISL');
    expect(JSON.stringify(data)).not.toContain(hid);
    expect(data?.assessed).toBe(2);
    expect(data?.laws.map((l) => l.id)).toEqual(['isl-control']);
    expect(found).toEqual([]);
    expect(controlSeen).toBeGreaterThan(viewers.length * 8);
    // With editorial rights the draft is there (the check can see it).
    const editor = await t.services.compliance.forCountry('ISL', SYSTEM);
    expect(editor.assessments.map((a) => a.element).sort()).toEqual(['acts_all', 'child_no_means', 'means_all']);
  });
});
