/**
 * The authorization matrix: every registered route x every kind of actor, each request realistic
 * (valid parameters and body on a fresh fixture, so that "allowed" can be told from "denied"),
 * against the rules of src/domain/permissions.ts and issue 6:
 *   contributor: creates drafts, edits and submits own drafts only; editor: edits any case, reviews,
 *   publishes, withdraws; admin: also users, tokens and the audit log; tokens never manage users,
 *   tokens or the audit log; read scope sees unpublished (and restricted) material; write scope
 *   writes; import scope imports. Session cookies count on web pages and for API reads only.
 *
 * Routes are collected with an onRoute hook on every Fastify instance (fastify is wrapped below),
 * and a route without a row in the table fails the test.
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';

const registered = vi.hoisted(() => [] as { method: string; url: string }[]);

vi.mock('fastify', async (importOriginal) => {
  const mod = await importOriginal<typeof import('fastify')>();
  const original = mod.default as unknown as (...args: unknown[]) => import('fastify').FastifyInstance;
  const wrapped = Object.assign((...args: unknown[]) => {
    const app = original(...args);
    app.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) registered.push({ method: String(method), url: r.url });
    });
    return app;
  }, original);
  return { ...mod, default: wrapped, fastify: wrapped };
});

import type { LightMyRequestResponse } from 'fastify';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { cookieHeader, createToken, createUser, formToken, PASSWORD, signIn } from '../helpers/accounts.ts';
import { caseInput } from '../factories/case-factory.ts';
import { SYSTEM, userActor, type Actor } from '../../src/modules/platform/domain/accounts.ts';
import type { CaseStatus } from '../../src/modules/cases/domain/case-schema.ts';
import { contentOf } from '../../src/modules/cases/domain/case-record.ts';
import { formFields } from '../../src/modules/cases/editor/case-form.ts';
import { activityInput } from '../factories/activity-factory.ts';
import { COUNTRY_CODES } from '../../src/kernel/geo/countries.ts';

const ACTORS = [
  'anonymous',
  'contributor (owner)',
  'contributor (other)',
  'editor',
  'admin',
  'token read',
  'token write',
  'token import',
  'token all',
  'owner token write',
] as const;
type Who = (typeof ACTORS)[number];
const SHORT: Record<Who, string> = {
  anonymous: 'anon',
  'contributor (owner)': 'owner',
  'contributor (other)': 'other',
  editor: 'editor',
  admin: 'admin',
  'token read': 'tRead',
  'token write': 'tWrite',
  'token import': 'tImp',
  'token all': 'tAll',
  'owner token write': 'ownTok',
};

const USERS: readonly Who[] = ['contributor (owner)', 'contributor (other)', 'editor', 'admin'];
const EVERYONE = ACTORS;
const SIGNED_IN = ACTORS.filter((a) => a !== 'anonymous');
const EDITORS: readonly Who[] = ['editor', 'admin'];
/** Who may see an unpublished case of the owner: its owner, editors, every token scope, the owner's token. */
const SEE_DRAFT: readonly Who[] = [
  'contributor (owner)',
  ...EDITORS,
  'token read',
  'token write',
  'token import',
  'token all',
  'owner token write',
];
/** Restricted side of the owner's draft (notes, comments, history): owner, editors, read scope. */
const SEE_RESTRICTED: readonly Who[] = ['contributor (owner)', ...EDITORS, 'token read', 'token all'];
/** API writes on the owner's draft: tokens with the write scope (session cookies never write through the API). */
const API_EDIT_DRAFT: readonly Who[] = ['token write', 'token all', 'owner token write'];
/** API writes editors make (edit any case, publish, withdraw, delete): partner tokens with the write scope. */
const API_EDITOR: readonly Who[] = ['token write', 'token all'];
/** Web writes on the owner's draft: signed-in owner and editors. */
const WEB_EDIT_DRAFT: readonly Who[] = ['contributor (owner)', ...EDITORS];

let t: TestApp;
let owner: { id: string; email: string; actor: Actor };
const auth: Partial<Record<Who, { headers: Record<string, string>; jar: Record<string, string> }>> = {};
let seq = 0;

interface Req {
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: unknown;
  /** A web form: sent urlencoded with the actor's session and a CSRF token of the actor's browser. */
  form?: [string, string][];
}

interface Row {
  /** `METHOD /path` exactly as registered. */
  route: string;
  /** What the request does, when a route has several rows. */
  variant?: string;
  request: (who: Who) => Promise<Req>;
  allow: readonly Who[];
  /** Why the expectation is what it is, when not obvious. */
  note?: string;
}

// ---- fixtures: fresh for every request, since requests change them ----

async function ownersCase(status: CaseStatus = 'draft'): Promise<string> {
  const rec = await t.services.cases.create(
    caseInput({ title: `Matrix case ${++seq}`, status: 'draft' }),
    owner.actor,
    { restricted: { internalNotes: 'note', sourceContacts: null } },
  );
  if (status !== 'draft') await t.services.workflow.transition(rec.id, { to: 'in_review' }, SYSTEM);
  if (status === 'published' || status === 'withdrawn')
    await t.services.workflow.transition(rec.id, { to: 'published', acknowledgeWarnings: true }, SYSTEM);
  if (status === 'withdrawn') await t.services.workflow.transition(rec.id, { to: 'withdrawn' }, SYSTEM);
  return rec.id;
}

let published = '';
async function withDocument(status: CaseStatus = 'draft'): Promise<{ id: string; sha: string }> {
  const id = await ownersCase(status);
  const r = await t.services.documents.attach(
    { caseId: id, filename: 'judgment.txt', declaredType: 'text/plain', bytes: Buffer.from(`Judgment text ${id}.`) },
    SYSTEM,
  );
  return { id, sha: r.document.sha256 };
}

async function importBatch(): Promise<string> {
  const line = JSON.stringify(caseInput({ id: `imp${++seq}`, status: 'draft' }));
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { ...AUTH, 'content-type': 'application/x-ndjson' },
    payload: `${line}\n`,
  });
  if (r.statusCode !== 201) throw new Error(`import fixture: ${r.statusCode} ${r.body}`);
  return r.json().batch;
}

/** A spreadsheet uploaded by the editor to the import page; its upload id (issue 22). */
/** An upload whose import the editor started (a job of the queue, run by the app); its upload id. */
async function startedImport(): Promise<string> {
  const upload = await sheetUpload();
  const { csrf, jar } = await formToken(t.app, `/editor/imports/${upload}`, auth.editor!.jar);
  const form = [
    ['_csrf', csrf],
    ['col0', 'title'],
    ['col1', 'jurisdiction'],
    ['action', 'import'],
  ];
  const r = await t.app.inject({
    method: 'POST',
    url: `/editor/imports/${upload}`,
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
  if (r.statusCode !== 303) throw new Error(`import job fixture: ${r.statusCode} ${r.body.slice(0, 300)}`);
  await t.services.imports.kick();
  return upload;
}

async function sheetUpload(): Promise<string> {
  const jar = auth.editor!.jar;
  const { csrf, jar: withCsrf } = await formToken(t.app, '/editor/imports', jar);
  const boundary = 'matrixboundary';
  const part = (name: string, value: string, file?: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"` : ''}\r\n` +
    `${file ? 'Content-Type: text/csv\r\n' : ''}\r\n${value}\r\n`;
  const r = await t.app.inject({
    method: 'POST',
    url: '/editor/imports',
    headers: { cookie: cookieHeader(withCsrf), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `${part('_csrf', csrf)}${part('file', 'Case,Country\nMatrix row,Chile\n', 'm.csv')}--${boundary}--\r\n`,
  });
  if (r.statusCode !== 303) throw new Error(`upload fixture: ${r.statusCode} ${r.body.slice(0, 300)}`);
  return String(r.headers.location).split('/').pop()!;
}

async function editForm(id: string): Promise<[string, string][]> {
  const rec = await t.services.cases.get(id, SYSTEM);
  const { status: _s, ...content } = contentOf(rec);
  return formFields({
    case: { ...content, title: `${rec.title} (edited)` } as unknown as Record<string, unknown>,
    restricted: await t.services.cases.restricted(id),
    version: rec.version,
  });
}

/** Albania's status under the Protocol, for corrections (imported once). */
let treatyReady: Promise<unknown> | undefined;
function treatyParticipant(): Promise<unknown> {
  treatyReady ??= t.services.treatyImports.importFile(
    Buffer.from(
      'participant,signature_date,consent_date,consent_type,entry_into_force_date\nAlbania,,2002-08-21,ratification,\n',
    ),
    { instrument: 'XVIII-12-a' },
    SYSTEM,
  );
  return treatyReady;
}

const newCaseJson = () => caseInput({ title: `New case ${++seq}`, status: 'draft' });

// ---- the assistance register: one record of each kind, as the owner (a contributor) writes it ----

const ASSIST = {
  activities: { kind: 'activities', input: (id: string) => activityInput(id) },
  partners: { kind: 'organisations', input: (id: string) => ({ id, name: `Org ${id}`, kind: 'ngo' }) },
  agreements: {
    kind: 'agreements',
    input: (id: string) => ({
      id,
      kind: 'mou',
      title: `MoU ${id}`,
      parties: [{ name: 'A' }, { name: 'B' }],
      scope: 'Cooperation',
      agreementStatus: 'signed',
    }),
  },
  campaigns: { kind: 'campaigns', input: (id: string) => ({ id, name: `Campaign ${id}`, description: 'Awareness' }) },
} as const;
type AssistPath = keyof typeof ASSIST;

async function ownersRecord(path: AssistPath, status: CaseStatus = 'draft'): Promise<string> {
  const service = t.services.assistance[ASSIST[path].kind];
  const id = `mx-${++seq}`;
  await service.create(ASSIST[path].input(id) as never, owner.actor);
  const moves = { draft: [], in_review: ['in_review'], published: ['in_review', 'published'] } as const;
  const path2 = status === 'withdrawn' ? [...moves.published, 'withdrawn' as const] : moves[status];
  for (const to of path2) await service.transition(id, to, SYSTEM);
  return id;
}

const assistanceRows = (path: AssistPath): Row[] => {
  const base = `/api/v1/${path}`;
  const at =
    (url: (id: string) => string, status: CaseStatus = 'draft') =>
    async (): Promise<Req> => ({
      method: 'GET',
      url: url(await ownersRecord(path, status)),
    });
  return [
    { route: `GET ${base}`, variant: 'published', request: get(base), allow: EVERYONE },
    {
      route: `GET ${base}`,
      variant: 'status=draft',
      request: get(`${base}?status=draft`),
      allow: [...EDITORS, 'token read', 'token write', 'token import', 'token all'],
    },
    {
      route: `GET ${base}/:id`,
      variant: 'published',
      request: at((id) => `${base}/${id}`, 'published'),
      allow: EVERYONE,
    },
    { route: `GET ${base}/:id`, variant: "owner's draft", request: at((id) => `${base}/${id}`), allow: SEE_DRAFT },
    {
      route: `POST ${base}`,
      variant: 'draft',
      request: async () => ({ method: 'POST', url: base, payload: ASSIST[path].input(`mx-new-${++seq}`) }),
      allow: API_EDIT_DRAFT,
    },
    {
      route: `POST ${base}`,
      variant: 'published directly',
      request: async () => ({
        method: 'POST',
        url: `${base}?status=published`,
        payload: ASSIST[path].input(`mx-new-${++seq}`),
      }),
      allow: API_EDITOR,
    },
    {
      route: `PUT ${base}/:id`,
      variant: "owner's draft",
      request: async () => {
        const id = await ownersRecord(path);
        return { method: 'PUT', url: `${base}/${id}`, payload: ASSIST[path].input(id) };
      },
      allow: API_EDIT_DRAFT,
    },
    {
      route: `PUT ${base}/:id`,
      variant: 'published',
      request: async () => {
        const id = await ownersRecord(path, 'published');
        return { method: 'PUT', url: `${base}/${id}`, payload: ASSIST[path].input(id) };
      },
      allow: API_EDITOR,
      note: 'contributors edit their drafts only',
    },
    {
      route: `POST ${base}/:id/transitions`,
      variant: 'submit own draft',
      request: async () => ({
        method: 'POST',
        url: `${base}/${await ownersRecord(path)}/transitions`,
        payload: { to: 'in_review' },
      }),
      allow: API_EDIT_DRAFT,
    },
    {
      route: `POST ${base}/:id/transitions`,
      variant: 'publish',
      request: async () => ({
        method: 'POST',
        url: `${base}/${await ownersRecord(path, 'in_review')}/transitions`,
        payload: { to: 'published' },
      }),
      allow: API_EDITOR,
    },
    { route: `GET ${base}/:id/versions`, request: at((id) => `${base}/${id}/versions`), allow: SEE_RESTRICTED },
  ];
};

// ---- grants fixtures: an open call and the owner's organisation, made once; applications fresh each time ----

/** Who may read the owner's organisation and its applications: its member, the secretariat, the member's token. */
const GRANT_APPLICANT: readonly Who[] = ['contributor (owner)', ...EDITORS, 'owner token write'];
const ids: Partial<Record<Who, string>> = {};
const grantCall = () => ({
  title: `Matrix call ${++seq}`,
  opensAt: '2020-01-01T00:00:00Z',
  closesAt: '2099-12-31T23:59:59Z',
  currency: 'USD',
  capPerYear: 25_000,
  maxYears: 3,
  requiredAttachments: [{ id: 'registration', label: 'Registration certificate' }],
  rubric: [{ id: 'relevance', label: 'Relevance', weight: 1 }],
});
const grantOrg = () => ({
  legalName: `Matrix NGO ${++seq}`,
  legalStatus: 'ngo',
  registrationNumber: 'M-1',
  registrationCountry: 'PHL',
  contactEmail: 'contact@matrix-ngo.example.org',
});
let grantsMemo: Promise<{ callId: string; orgId: string }> | undefined;
function grants(): Promise<{ callId: string; orgId: string }> {
  grantsMemo ??= (async () => {
    const callId = (await t.services.grants.calls.createCall(grantCall(), SYSTEM)).id;
    const orgId = (await t.services.grants.calls.registerOrganisation(grantOrg(), owner.actor)).id;
    return { callId, orgId };
  })();
  return grantsMemo;
}
async function grantApp() {
  const { callId, orgId } = await grants();
  return { callId, organisationId: orgId, title: `Matrix proposal ${++seq}`, durationYears: 1, currency: 'USD' };
}
async function ownersApplication(
  status: 'draft' | 'submitted' | 'eligible' | 'in_review' | 'approved' | 'awarded' = 'draft',
  declared = true,
  attached = false,
): Promise<string> {
  const g = t.services.grants;
  const { id } = await g.applications.createDraft(await grantApp(), owner.actor);
  if (attached)
    await g.attachments.attach(
      id,
      { requirement: 'registration', filename: 'cert.txt', bytes: Buffer.from('Registered 2009.') },
      owner.actor,
    );
  if (status === 'draft') return id;
  await g.applications.submit(id, owner.actor);
  if (status === 'submitted') return id;
  await g.decisions.decide(id, { to: 'eligible', reason: 'All checks pass' }, SYSTEM);
  if (status === 'in_review') {
    await g.reviews.assign(id, ids['contributor (other)']!, SYSTEM);
    const reviewer = userActor({
      id: ids['contributor (other)']!,
      email: emails['contributor (other)']!,
      role: 'contributor',
    });
    if (declared) await g.reviews.declare(id, { conflict: false }, reviewer);
  }
  if (status === 'approved' || status === 'awarded')
    await g.decisions.decide(id, { to: 'approved', reason: 'Ranked first' }, SYSTEM);
  if (status === 'awarded')
    await g.awards.award(
      id,
      {
        amount: 1000,
        currency: 'USD',
        agreementRef: 'M/1',
        signedOn: '2026-01-01',
        tranches: [{ dueOn: '2026-02-01', amount: 1000 }],
        reports: [{ kind: 'financial', dueOn: '2026-12-31' }],
      },
      SYSTEM,
    );
  return id;
}

/** The first version of the registration attachment of an application, over the API. */
const attachmentV1 = (id: string) => `/api/v1/grants/applications/${id}/attachments/registration/versions/1`;

// ---- legislation fixtures: laws and assessments have no owner (editors' work) ----

/** Who may see a draft law or assessment: editors and every token scope that reads unpublished records. */
const SEE_DRAFT_RECORD: readonly Who[] = [...EDITORS, 'token read', 'token write', 'token import', 'token all'];
/** Editorial reads through a session or a token that may edit (the pre-assessment, versions). */
const EDIT_RECORD_READ: readonly Who[] = [...EDITORS, 'token write', 'token all'];

const lawJson = (id: string, status = 'draft') => ({
  id,
  country: 'KEN',
  title: `Matrix law ${id}`,
  type: 'act',
  adopted: '2010-01-01',
  status,
  provisions: [
    { eid: 'sec_1', heading: 'Definition', text: 'Trafficking is an offence.', tags: { articles: ['tip.3.a'] } },
  ],
});
async function matrixLaw(status = 'draft'): Promise<string> {
  const id = `matrix-law-${++seq}`;
  await t.services.laws.create(lawJson(id, status), SYSTEM);
  return id;
}
/** A country of its own for each request (an assessment is one per country and element). */
const freshCountry = () => COUNTRY_CODES[(++seq * 7) % COUNTRY_CODES.length]!;
async function matrixAssessment(): Promise<string> {
  const c = freshCountry();
  await t.services.compliance.put(c, 'attempt', { result: 'unclear', reasoning: 'Not settled.' }, SYSTEM);
  return c;
}

// ---- the expectation table ----

const get = (url: string) => async (): Promise<Req> => ({ method: 'GET', url });
const PUBLIC_GETS = [
  '/',
  '/search',
  '/search.atom',
  '/about',
  '/api',
  '/statistics',
  '/sitemap.xml',
  '/sitemap-pages.xml',
  '/robots.txt',
  '/healthz',
  '/assets/site.css',
  '/assets/site.js',
  '/assets/editor.css',
  '/assets/editor.js',
  '/assets/import-progress.js',
  '/api/v1/search',
  '/api/v1/stats',
  '/api/v1/export',
  '/api/v1/taxonomy',
  '/api/v1/countries',
  '/api/v1/openapi.json',
  '/api/v1/docs',
  '/api/v1/docs/json',
  '/api/v1/docs/yaml',
  '/api/v1/docs/static/index.html',
  '/api/v1/docs/static/swagger-initializer.js',
  '/treaties',
  '/api/v1/treaties',
  '/api/v1/treaties.csv',
];
/** The treaty registry and the country profile: public facts, the same for everyone. */
const TREATY_GETS: [string, string][] = [
  ['/treaties/:id', '/treaties/XVIII-12-a'],
  ['/countries/:code', '/countries/PHL'],
  ['/api/v1/treaties/:id', '/api/v1/treaties/XVIII-12-a'],
  ['/api/v1/treaties/:id/parties', '/api/v1/treaties/XVIII-12-a/parties?at=2004-01-01'],
  ['/api/v1/treaties/:id/parties.csv', '/api/v1/treaties/XVIII-12-a/parties.csv'],
  ['/api/v1/treaties/:id/statements', '/api/v1/treaties/XVIII-12-a/statements'],
  ['/api/v1/treaties/:id/statements.csv', '/api/v1/treaties/XVIII-12-a/statements.csv'],
  ['/api/v1/treaties/:id/notifications', '/api/v1/treaties/XVIII-12-a/notifications?format=csv'],
  ['/api/v1/treaties/:id/notifications.csv', '/api/v1/treaties/XVIII-12-a/notifications.csv'],
  ['/api/v1/treaty-participants/:code/links', '/api/v1/treaty-participants/MNE/links?format=csv'],
  ['/api/v1/countries/:code/profile', '/api/v1/countries/PHL/profile'],
];

const ROWS: Row[] = [
  ...libraryRows(),
  ...PUBLIC_GETS.map((url): Row => ({ route: `GET ${url}`, request: get(url), allow: EVERYONE })),
  ...TREATY_GETS.map(([route, url]): Row => ({ route: `GET ${route}`, request: get(url), allow: EVERYONE })),
  { route: 'GET /api/v1/docs/static/*', request: get('/api/v1/docs/static/swagger-ui.css'), allow: EVERYONE },
  { route: 'GET /sitemap-cases-:part.xml', request: get('/sitemap-cases-1.xml'), allow: EVERYONE },
  {
    route: 'GET /jurisdictions/:code',
    request: get('/jurisdictions/PHL'),
    allow: EVERYONE,
    note: 'a 301 to /countries/PHL for everyone',
  },
  {
    route: 'POST /api/v1/treaties/:id/corrections',
    request: async () => {
      await treatyParticipant();
      return {
        method: 'POST',
        url: '/api/v1/treaties/XVIII-12-a/corrections',
        payload: { participant: 'ALB', field: 'signature_date', value: '2000-12-12', note: 'matrix: UN page' },
      };
    },
    // record.edit_any through the API: tokens with the write scope (not a contributor's personal token); session
    // cookies do not count for API writes.
    allow: ['token write', 'token all'],
  },
  {
    route: 'POST /api/v1/treaty-participants/:code/links',
    request: async () => ({
      method: 'POST',
      url: '/api/v1/treaty-participants/MNE/links',
      payload: { relation: 'successor_of', other: 'SCG', date: '2006-06-03', source: 'https://example.org/matrix' },
    }),
    // record.edit_any through the API, as corrections: write-scoped tokens only.
    allow: ['token write', 'token all'],
  },
  {
    route: 'DELETE /api/v1/treaty-participants/:code/links/:other',
    request: async () => {
      const link = { relation: 'successor_of', other: 'SCG', source: 'https://example.org/matrix' } as const;
      await t.services.treatyLinks.write('MNE', link, SYSTEM);
      return { method: 'DELETE', url: '/api/v1/treaty-participants/MNE/links/SCG' };
    },
    allow: ['token write', 'token all'],
  },
  { route: 'GET /api/v1/stats/:name', request: get('/api/v1/stats/purposes?format=csv'), allow: EVERYONE },
  {
    route: 'GET /cases/:id',
    variant: 'published',
    request: async () => ({ method: 'GET', url: `/cases/${published}` }),
    allow: EVERYONE,
  },
  {
    route: 'GET /cases/:id',
    variant: "owner's draft",
    request: async () => ({ method: 'GET', url: `/cases/${await ownersCase()}` }),
    allow: [],
    note: 'the public page shows published cases only, to everyone',
  },
  {
    route: 'GET /api/v1/cases/:id/similar',
    request: async () => ({ method: 'GET', url: `/api/v1/cases/${published}/similar` }),
    allow: EVERYONE,
  },

  // Cases over the API
  { route: 'GET /api/v1/cases', variant: 'published', request: get('/api/v1/cases'), allow: EVERYONE },
  {
    route: 'GET /api/v1/cases',
    variant: 'status=draft',
    request: get('/api/v1/cases?status=draft'),
    allow: [...EDITORS, 'token read', 'token write', 'token import', 'token all'],
    note: 'listing unpublished cases needs case.read_unpublished; contributors use the review queue',
  },
  {
    route: 'GET /api/v1/cases/:id',
    variant: 'published',
    request: async () => ({ method: 'GET', url: `/api/v1/cases/${published}` }),
    allow: EVERYONE,
  },
  {
    route: 'GET /api/v1/cases/:id',
    variant: "owner's draft",
    request: async () => ({ method: 'GET', url: `/api/v1/cases/${await ownersCase()}` }),
    allow: SEE_DRAFT,
  },
  {
    route: 'GET /api/v1/cases/:id',
    variant: 'withdrawn',
    request: async () => ({ method: 'GET', url: `/api/v1/cases/${await ownersCase('withdrawn')}` }),
    allow: SEE_DRAFT,
  },
  {
    route: 'POST /api/v1/cases',
    variant: 'draft',
    request: async () => ({ method: 'POST', url: '/api/v1/cases', payload: newCaseJson() }),
    allow: API_EDIT_DRAFT,
  },
  {
    route: 'POST /api/v1/cases',
    variant: 'published directly',
    request: async () => ({
      method: 'POST',
      url: '/api/v1/cases?acknowledge_warnings=true',
      payload: { ...newCaseJson(), status: 'published' },
    }),
    allow: API_EDITOR,
    note: 'skipping review needs publish and withdraw rights',
  },
  {
    route: 'PATCH /api/v1/cases/:id',
    variant: "owner's draft",
    request: async () => ({
      method: 'PATCH',
      url: `/api/v1/cases/${await ownersCase()}`,
      payload: { court: 'Court of Appeal' },
    }),
    allow: API_EDIT_DRAFT,
  },
  {
    route: 'PATCH /api/v1/cases/:id',
    variant: "owner's case in review",
    request: async () => ({
      method: 'PATCH',
      url: `/api/v1/cases/${await ownersCase('in_review')}`,
      payload: { court: 'Court of Appeal' },
    }),
    allow: API_EDITOR,
    note: 'contributors edit drafts only',
  },
  {
    route: 'DELETE /api/v1/cases/:id',
    request: async () => ({ method: 'DELETE', url: `/api/v1/cases/${await ownersCase()}` }),
    allow: API_EDITOR,
    note: 'deleting is for editors (case.delete); contributors cannot',
  },

  // Workflow over the API
  {
    route: 'POST /api/v1/cases/:id/transitions',
    variant: 'submit own draft',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await ownersCase()}/transitions`,
      payload: { to: 'in_review' },
    }),
    allow: API_EDIT_DRAFT,
  },
  {
    route: 'POST /api/v1/cases/:id/transitions',
    variant: 'publish',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await ownersCase('in_review')}/transitions`,
      payload: { to: 'published', acknowledgeWarnings: true },
    }),
    allow: API_EDITOR,
  },
  {
    route: 'POST /api/v1/cases/:id/transitions',
    variant: 'return own case to draft',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await ownersCase('in_review')}/transitions`,
      payload: { to: 'draft' },
    }),
    allow: API_EDIT_DRAFT,
  },
  {
    route: 'POST /api/v1/cases/:id/transitions',
    variant: 'withdraw',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await ownersCase('published')}/transitions`,
      payload: { to: 'withdrawn' },
    }),
    allow: API_EDITOR,
  },
  {
    route: 'POST /api/v1/cases/:id/transitions',
    variant: 'redraft withdrawn',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await ownersCase('withdrawn')}/transitions`,
      payload: { to: 'draft' },
    }),
    allow: API_EDITOR,
  },
  {
    route: 'GET /api/v1/cases/:id/editorial',
    request: async () => ({ method: 'GET', url: `/api/v1/cases/${await ownersCase()}/editorial` }),
    allow: SEE_RESTRICTED,
  },
  {
    route: 'PUT /api/v1/cases/:id/restricted',
    request: async () => ({
      method: 'PUT',
      url: `/api/v1/cases/${await ownersCase()}/restricted`,
      payload: { internalNotes: 'checked the docket' },
    }),
    allow: API_EDIT_DRAFT,
  },
  {
    route: 'GET /api/v1/cases/:id/comments',
    request: async () => ({ method: 'GET', url: `/api/v1/cases/${await ownersCase()}/comments` }),
    allow: SEE_RESTRICTED,
  },
  {
    route: 'POST /api/v1/cases/:id/comments',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await ownersCase()}/comments`,
      payload: { body: 'Please check the dates.' },
    }),
    allow: ['token all'],
    note: 'a comment is a write: it needs the write scope, and seeing the restricted side (read)',
  },
  {
    route: 'GET /api/v1/cases/:id/versions',
    request: async () => ({ method: 'GET', url: `/api/v1/cases/${await ownersCase()}/versions` }),
    allow: SEE_RESTRICTED,
  },
  {
    route: 'GET /api/v1/cases/:id/versions/:version',
    request: async () => ({ method: 'GET', url: `/api/v1/cases/${await ownersCase()}/versions/1` }),
    allow: SEE_RESTRICTED,
  },
  {
    route: 'GET /api/v1/cases/:id/versions/:version/diff',
    request: async () => ({ method: 'GET', url: `/api/v1/cases/${await ownersCase()}/versions/1/diff` }),
    allow: SEE_RESTRICTED,
  },
  {
    route: 'POST /api/v1/cases/:id/versions/:version/restore',
    request: async () => {
      const id = await ownersCase();
      await t.services.cases.patch(id, { court: 'Changed court' }, SYSTEM);
      return { method: 'POST', url: `/api/v1/cases/${id}/versions/1/restore` };
    },
    allow: API_EDIT_DRAFT,
  },
  {
    route: 'GET /api/v1/review-queue',
    request: get('/api/v1/review-queue'),
    allow: SIGNED_IN,
    note: 'contributors (and their tokens) see their own cases',
  },

  // Documents
  {
    route: 'POST /api/v1/cases/:id/documents',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await ownersCase()}/documents?filename=judgment.txt`,
      headers: { 'content-type': 'text/plain' },
      payload: `A judgment ${++seq}.`,
    }),
    allow: API_EDIT_DRAFT,
  },
  {
    route: 'GET /api/v1/cases/:id/documents',
    variant: "owner's draft",
    request: async () => ({ method: 'GET', url: `/api/v1/cases/${(await withDocument()).id}/documents` }),
    allow: SEE_DRAFT,
  },
  {
    route: 'GET /api/v1/cases/:id/documents',
    variant: 'published',
    request: async () => ({ method: 'GET', url: `/api/v1/cases/${(await withDocument('published')).id}/documents` }),
    allow: EVERYONE,
  },
  {
    route: 'GET /api/v1/cases/:id/documents/:sha256',
    variant: "owner's draft",
    request: async () => {
      const d = await withDocument();
      return { method: 'GET', url: `/api/v1/cases/${d.id}/documents/${d.sha}` };
    },
    allow: SEE_DRAFT,
  },
  {
    route: 'GET /api/v1/cases/:id/documents/:sha256',
    variant: 'published',
    request: async () => {
      const d = await withDocument('published');
      return { method: 'GET', url: `/api/v1/cases/${d.id}/documents/${d.sha}` };
    },
    allow: EVERYONE,
  },
  {
    route: 'DELETE /api/v1/cases/:id/documents/:sha256',
    request: async () => {
      const d = await withDocument();
      return { method: 'DELETE', url: `/api/v1/cases/${d.id}/documents/${d.sha}` };
    },
    allow: API_EDIT_DRAFT,
  },

  // Imports
  {
    route: 'POST /api/v1/imports',
    request: async () => ({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: `${JSON.stringify(caseInput({ id: `imp${++seq}`, status: 'draft' }))}\n`,
    }),
    allow: ['token import', 'token all'],
  },
  {
    route: 'DELETE /api/v1/imports/:batch',
    request: async () => ({ method: 'DELETE', url: `/api/v1/imports/${await importBatch()}` }),
    allow: ['token import', 'token all'],
  },

  // The assistance register
  ...(['activities', 'partners', 'agreements', 'campaigns'] as const).flatMap(assistanceRows),
  {
    route: 'GET /api/v1/activities.iati.xml',
    request: async () => {
      await ownersRecord('activities', 'published'); // an IATI file needs one activity
      return { method: 'GET', url: '/api/v1/activities.iati.xml?country=NGA' };
    },
    allow: EVERYONE,
  },
  {
    route: 'GET /api/v1/assistance/reports/:name',
    request: get('/api/v1/assistance/reports/by-year?format=csv'),
    allow: EVERYONE,
  },
  { route: 'GET /api/v1/assistance/codelists', request: get('/api/v1/assistance/codelists'), allow: EVERYONE },
  { route: 'GET /assistance', request: get('/assistance?type=training_workshop'), allow: EVERYONE },
  { route: 'GET /assistance/partners', request: get('/assistance/partners'), allow: EVERYONE },
  { route: 'GET /assistance/agreements', request: get('/assistance/agreements'), allow: EVERYONE },
  { route: 'GET /assistance/campaigns', request: get('/assistance/campaigns'), allow: EVERYONE },
  { route: 'GET /assistance/reports', request: get('/assistance/reports'), allow: EVERYONE },
  {
    route: 'GET /assistance/:id',
    variant: 'published',
    request: async () => ({ method: 'GET', url: `/assistance/${await ownersRecord('activities', 'published')}` }),
    allow: EVERYONE,
  },
  {
    route: 'GET /assistance/:id',
    variant: "owner's draft",
    request: async () => ({ method: 'GET', url: `/assistance/${await ownersRecord('activities')}` }),
    allow: [],
    note: 'the public page shows published activities only, to everyone',
  },

  // Accounts over the API
  { route: 'GET /api/v1/me', request: get('/api/v1/me'), allow: SIGNED_IN },
  { route: 'GET /api/v1/users', request: get('/api/v1/users'), allow: ['admin'] },
  { route: 'GET /api/v1/tokens', request: get('/api/v1/tokens'), allow: ['admin'] },
  { route: 'GET /api/v1/audit', variant: 'json', request: get('/api/v1/audit'), allow: ['admin'] },
  { route: 'GET /api/v1/audit', variant: 'csv export', request: get('/api/v1/audit?format=csv'), allow: ['admin'] },

  // Web: sign-in and account
  { route: 'GET /login', request: get('/login'), allow: EVERYONE },
  {
    route: 'POST /login',
    request: async () => {
      const u = await createUser(t.services, 'contributor');
      return {
        method: 'POST',
        url: '/login',
        form: [
          ['email', u.email],
          ['password', PASSWORD],
          ['next', '/editor'],
        ],
      };
    },
    allow: EVERYONE,
  },
  {
    route: 'POST /logout',
    request: async () => ({ method: 'POST', url: '/logout', form: [] }),
    allow: EVERYONE,
    note: 'signed-in users sign out a second session of theirs',
  },
  { route: 'GET /account', request: get('/account'), allow: USERS },
  {
    route: 'POST /account/password',
    request: async () => ({
      method: 'POST',
      url: '/account/password',
      form: [
        ['current', PASSWORD],
        ['password', PASSWORD],
      ],
    }),
    allow: USERS,
    note: 'the same password again: refused (400) after the right checks, so nothing changes',
  },

  // Web: administration
  { route: 'GET /admin/users', request: get('/admin/users'), allow: ['admin'] },
  {
    route: 'POST /admin/users',
    request: async () => ({
      method: 'POST',
      url: '/admin/users',
      form: [
        ['email', `web-new-${++seq}@example.org`],
        ['name', ''],
        ['role', 'contributor'],
        ['password', 'a long enough password'],
      ],
    }),
    allow: ['admin'],
  },
  {
    route: 'POST /admin/users/:id',
    request: async () => ({
      method: 'POST',
      url: `/admin/users/${(await createUser(t.services, 'contributor')).id}`,
      form: [
        ['role', 'editor'],
        ['disabled', 'false'],
      ],
    }),
    allow: ['admin'],
  },
  { route: 'GET /admin/tokens', request: get('/admin/tokens'), allow: ['admin'] },
  {
    route: 'POST /admin/tokens',
    request: async () => ({
      method: 'POST',
      url: '/admin/tokens',
      form: [
        ['label', `web token ${++seq}`],
        ['scopes[]', 'read'],
        ['userId', ''],
      ],
    }),
    allow: ['admin'],
  },
  {
    route: 'POST /admin/tokens/:id/revoke',
    request: async () => ({
      method: 'POST',
      url: `/admin/tokens/${(await createToken(t.services, ['read'])).id}/revoke`,
      form: [],
    }),
    allow: ['admin'],
  },
  { route: 'GET /admin/audit', request: get('/admin/audit'), allow: ['admin'] },

  // Web: the editor
  { route: 'GET /editor', request: get('/editor'), allow: USERS },
  { route: 'GET /editor/cases/new', request: get('/editor/cases/new'), allow: USERS },
  {
    route: 'POST /editor/cases/new',
    request: async () => ({
      method: 'POST',
      url: '/editor/cases/new',
      form: formFields({
        case: { ...newCaseJson(), id: undefined, status: undefined } as unknown as Record<string, unknown>,
        restricted: { internalNotes: null, sourceContacts: null },
      }),
    }),
    allow: USERS,
  },
  {
    route: 'GET /editor/cases/:id',
    request: async () => ({ method: 'GET', url: `/editor/cases/${await ownersCase()}` }),
    allow: WEB_EDIT_DRAFT,
  },
  {
    route: 'POST /editor/cases/:id',
    variant: "owner's draft",
    request: async () => {
      const id = await ownersCase();
      return { method: 'POST', url: `/editor/cases/${id}`, form: await editForm(id) };
    },
    allow: WEB_EDIT_DRAFT,
  },
  {
    route: 'POST /editor/cases/:id',
    variant: 'published',
    request: async () => {
      const id = await ownersCase('published');
      return { method: 'POST', url: `/editor/cases/${id}`, form: await editForm(id) };
    },
    allow: EDITORS,
  },
  {
    route: 'POST /editor/cases/:id/transition',
    variant: 'submit own draft',
    request: async () => ({
      method: 'POST',
      url: `/editor/cases/${await ownersCase()}/transition`,
      form: [['to', 'in_review']],
    }),
    allow: WEB_EDIT_DRAFT,
  },
  {
    route: 'POST /editor/cases/:id/transition',
    variant: 'publish',
    request: async () => ({
      method: 'POST',
      url: `/editor/cases/${await ownersCase('in_review')}/transition`,
      form: [
        ['to', 'published'],
        ['acknowledge', 'yes'],
      ],
    }),
    allow: EDITORS,
  },
  {
    route: 'POST /editor/cases/:id/transition',
    variant: 'withdraw',
    request: async () => ({
      method: 'POST',
      url: `/editor/cases/${await ownersCase('published')}/transition`,
      form: [['to', 'withdrawn']],
    }),
    allow: EDITORS,
  },
  {
    route: 'POST /editor/cases/:id/documents',
    request: async () => ({ method: 'POST', url: `/editor/cases/${await ownersCase()}/documents`, form: [] }),
    allow: WEB_EDIT_DRAFT,
    note: 'a form without a file: 400 for those who may attach (the upload itself: editor-documents.test.ts)',
  },
  {
    route: 'POST /editor/cases/:id/documents/:sha256/remove',
    request: async () => {
      const { id, sha } = await withDocument();
      return { method: 'POST', url: `/editor/cases/${id}/documents/${sha}/remove`, form: [] };
    },
    allow: WEB_EDIT_DRAFT,
  },
  // Web: the spreadsheet import (issue 22), editors only
  { route: 'GET /editor/imports', request: get('/editor/imports'), allow: EDITORS },
  {
    route: 'POST /editor/imports',
    request: async () => ({ method: 'POST', url: '/editor/imports', form: [] }),
    allow: EDITORS,
    note: 'a form without a file: 400 for editors (the upload itself: mapping-web.test.ts)',
  },
  {
    route: 'GET /editor/imports/:upload',
    request: async () => ({ method: 'GET', url: `/editor/imports/${await sheetUpload()}` }),
    allow: EDITORS,
  },
  {
    route: 'POST /editor/imports/:upload',
    request: async () => ({
      method: 'POST',
      url: `/editor/imports/${await sheetUpload()}`,
      form: [
        ['col0', 'title'],
        ['col1', 'jurisdiction'],
        ['action', 'dry-run'],
      ],
    }),
    allow: EDITORS,
  },
  {
    route: 'POST /editor/imports/:upload',
    variant: 'import: queues the job, 303 to its progress',
    request: async () => ({
      method: 'POST',
      url: `/editor/imports/${await sheetUpload()}`,
      form: [
        ['col0', 'title'],
        ['col1', 'jurisdiction'],
        ['action', 'import'],
      ],
    }),
    allow: EDITORS,
  },
  {
    route: 'GET /editor/imports/:upload/progress',
    request: async () => ({ method: 'GET', url: `/editor/imports/${await startedImport()}/progress` }),
    allow: EDITORS,
    note: 'the editor who started the import, and administrators; another editor gets 404 (mapping-progress.test.ts)',
  },
  {
    route: 'GET /editor/imports/:upload/progress.json',
    request: async () => ({ method: 'GET', url: `/editor/imports/${await startedImport()}/progress.json` }),
    allow: EDITORS,
    note: 'as the progress page',
  },
  {
    route: 'GET /editor/imports/batches/:batch',
    request: async () => ({ method: 'GET', url: `/editor/imports/batches/${await importBatch()}?created=1` }),
    allow: EDITORS,
  },
  {
    route: 'POST /editor/imports/batches/:batch/undo',
    request: async () => ({ method: 'POST', url: `/editor/imports/batches/${await importBatch()}/undo`, form: [] }),
    allow: EDITORS,
  },
  {
    route: 'POST /editor/cases/:id/comments',
    request: async () => ({
      method: 'POST',
      url: `/editor/cases/${await ownersCase()}/comments`,
      form: [['body', 'Please check the dates.']],
    }),
    allow: WEB_EDIT_DRAFT,
  },
  {
    route: 'GET /editor/cases/:id/history',
    request: async () => ({ method: 'GET', url: `/editor/cases/${await ownersCase()}/history` }),
    allow: WEB_EDIT_DRAFT,
  },
  {
    route: 'GET /editor/cases/:id/versions/:version',
    request: async () => ({ method: 'GET', url: `/editor/cases/${await ownersCase()}/versions/1` }),
    allow: WEB_EDIT_DRAFT,
  },
  {
    route: 'POST /editor/cases/:id/versions/:version/restore',
    request: async () => {
      const id = await ownersCase();
      await t.services.cases.patch(id, { court: 'Changed court' }, SYSTEM);
      return { method: 'POST', url: `/editor/cases/${id}/versions/1/restore`, form: [] };
    },
    allow: WEB_EDIT_DRAFT,
  },

  // The Small Grants Facility (grants module): calls are public; applications are their organisation's and the
  // secretariat's (editors, admins); reviewers see what is assigned to them. API writes need a person's token.
  { route: 'GET /api/v1/grants/calls', request: get('/api/v1/grants/calls'), allow: EVERYONE },
  {
    route: 'GET /api/v1/grants/calls/:id',
    request: async () => get(`/api/v1/grants/calls/${(await grants()).callId}`)(),
    allow: EVERYONE,
  },
  {
    route: 'POST /api/v1/grants/calls',
    request: async () => ({ method: 'POST', url: '/api/v1/grants/calls', payload: grantCall() }),
    allow: [],
    note: "the secretariat writes through an editor's personal token, which this matrix has not",
  },
  {
    route: 'GET /api/v1/grants/calls/:id/meeting',
    request: async () => get(`/api/v1/grants/calls/${(await grants()).callId}/meeting`)(),
    allow: EDITORS,
  },
  { route: 'GET /api/v1/grants/organisations', request: get('/api/v1/grants/organisations'), allow: SIGNED_IN },
  {
    route: 'POST /api/v1/grants/organisations',
    request: async () => ({ method: 'POST', url: '/api/v1/grants/organisations', payload: grantOrg() }),
    allow: ['owner token write'],
    note: 'a person registers an organisation; partner tokens act for no one',
  },
  {
    route: 'GET /api/v1/grants/organisations/:id',
    request: async () => get(`/api/v1/grants/organisations/${(await grants()).orgId}`)(),
    allow: GRANT_APPLICANT,
  },
  {
    route: 'POST /api/v1/grants/organisations/:id/members',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/grants/organisations/${(await grants()).orgId}/members`,
      payload: { userId: owner.id },
    }),
    allow: [],
  },
  { route: 'GET /api/v1/grants/applications', request: get('/api/v1/grants/applications'), allow: SIGNED_IN },
  {
    route: 'POST /api/v1/grants/applications',
    request: async () => ({ method: 'POST', url: '/api/v1/grants/applications', payload: await grantApp() }),
    allow: ['owner token write'],
  },
  {
    route: 'GET /api/v1/grants/applications/:id',
    request: async () => get(`/api/v1/grants/applications/${await ownersApplication()}`)(),
    allow: GRANT_APPLICANT,
    note: "another organisation's application answers 404",
  },
  {
    route: 'PUT /api/v1/grants/applications/:id',
    request: async () => ({
      method: 'PUT',
      url: `/api/v1/grants/applications/${await ownersApplication()}`,
      payload: await grantApp(),
    }),
    allow: ['owner token write'],
  },
  {
    route: 'POST /api/v1/grants/applications/:id/submit',
    request: async () => ({ method: 'POST', url: `/api/v1/grants/applications/${await ownersApplication()}/submit` }),
    allow: ['owner token write'],
  },
  {
    route: 'POST /api/v1/grants/applications/:id/decision',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/grants/applications/${await ownersApplication('submitted')}/decision`,
      payload: { to: 'eligible', reason: 'All checks pass' },
    }),
    allow: [],
    note: "the secretariat's token only",
  },
  {
    route: 'GET /api/v1/grants/applications/:id/revisions',
    request: async () => get(`/api/v1/grants/applications/${await ownersApplication()}/revisions`)(),
    allow: GRANT_APPLICANT,
  },
  {
    route: 'GET /api/v1/grants/applications/:id/eligibility',
    request: async () => get(`/api/v1/grants/applications/${await ownersApplication()}/eligibility`)(),
    allow: GRANT_APPLICANT,
  },
  {
    route: 'POST /api/v1/grants/applications/:id/attachments/:requirement',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/grants/applications/${await ownersApplication()}/attachments/registration`,
      payload: {
        filename: 'cert.txt',
        contentType: 'text/plain',
        data: Buffer.from('Registered 2009.').toString('base64'),
      },
    }),
    allow: ['owner token write'],
  },
  {
    route: 'GET /api/v1/grants/applications/:id/attachments',
    request: async () =>
      get(`/api/v1/grants/applications/${await ownersApplication('draft', true, true)}/attachments`)(),
    allow: GRANT_APPLICANT,
  },
  {
    route: 'GET /api/v1/grants/applications/:id/attachments',
    variant: 'in review: its declared reviewer too',
    request: async () =>
      get(`/api/v1/grants/applications/${await ownersApplication('in_review', true, true)}/attachments`)(),
    allow: [...GRANT_APPLICANT, 'contributor (other)'],
  },
  {
    route: 'GET /api/v1/grants/applications/:id/attachments/:requirement/versions/:n',
    request: async () => get(attachmentV1(await ownersApplication('draft', true, true)))(),
    allow: GRANT_APPLICANT,
  },
  {
    route: 'GET /api/v1/grants/applications/:id/attachments/:requirement/versions/:n',
    variant: 'in review: its declared reviewer too (an open call; blind: grants-attachments.test.ts)',
    request: async () => get(attachmentV1(await ownersApplication('in_review', true, true)))(),
    allow: [...GRANT_APPLICANT, 'contributor (other)'],
  },
  {
    route: 'GET /api/v1/grants/applications/:id/attachments/:requirement/versions/:n',
    variant: 'in review, the reviewer not yet declared (403)',
    request: async () => get(attachmentV1(await ownersApplication('in_review', false, true)))(),
    allow: GRANT_APPLICANT,
  },
  {
    route: 'POST /api/v1/grants/applications/:id/reviewers',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/grants/applications/${await ownersApplication('eligible')}/reviewers`,
      payload: { userId: ids['contributor (other)'] },
    }),
    allow: [],
  },
  {
    route: 'POST /api/v1/grants/conflicts',
    request: async () => ({
      method: 'POST',
      url: '/api/v1/grants/conflicts',
      payload: { organisationId: (await grants()).orgId, reason: 'Former staff' },
    }),
    allow: ['owner token write'],
  },
  {
    route: 'GET /api/v1/grants/reviews',
    request: get('/api/v1/grants/reviews'),
    allow: [...USERS, 'owner token write'],
  },
  {
    route: 'GET /api/v1/grants/reviews/:id',
    request: async () => get(`/api/v1/grants/reviews/${await ownersApplication('in_review')}`)(),
    allow: ['contributor (other)'],
    note: 'assigned to the other contributor only',
  },
  {
    route: 'GET /api/v1/grants/reviews/:id/declaration',
    request: async () => get(`/api/v1/grants/reviews/${await ownersApplication('in_review', false)}/declaration`)(),
    allow: ['contributor (other)'],
    note: 'the assigned reviewer only, before declaring',
  },
  {
    route: 'POST /api/v1/grants/reviews/:id/declaration',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/grants/reviews/${await ownersApplication('in_review', false)}/declaration`,
      payload: { conflict: false },
    }),
    allow: [],
    note: 'the assigned reviewer writes with a personal token, which this matrix has not',
  },
  {
    route: 'POST /api/v1/grants/reviews/:id',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/grants/reviews/${await ownersApplication('in_review')}`,
      payload: { scores: { relevance: 4 } },
    }),
    allow: [],
    note: 'the assigned reviewer writes with a personal token, which this matrix has not',
  },
  {
    route: 'POST /api/v1/grants/applications/:id/award',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/grants/applications/${await ownersApplication('approved')}/award`,
      payload: {
        amount: 1000,
        currency: 'USD',
        agreementRef: 'M/1',
        signedOn: '2026-01-01',
        tranches: [{ dueOn: '2026-02-01', amount: 1000 }],
      },
    }),
    allow: [],
    note: "the secretariat's token only",
  },
  {
    route: 'GET /api/v1/grants/applications/:id/award',
    request: async () => get(`/api/v1/grants/applications/${await ownersApplication('awarded')}/award`)(),
    allow: GRANT_APPLICANT,
  },
  {
    route: 'POST /api/v1/grants/applications/:id/tranches/:seq/release',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/grants/applications/${await ownersApplication('awarded')}/tranches/1/release`,
    }),
    allow: [],
  },
  {
    route: 'POST /api/v1/grants/reports/:id/received',
    request: async () => {
      const id = await ownersApplication('awarded');
      const report = (await t.services.grants.awards.get(id, SYSTEM)).reports[0]!.id;
      return { method: 'POST', url: `/api/v1/grants/reports/${report}/received` };
    },
    allow: [],
  },
  {
    route: 'POST /api/v1/grants/reports/:id/approve',
    request: async () => {
      const id = await ownersApplication('awarded');
      const report = (await t.services.grants.awards.get(id, SYSTEM)).reports[0]!.id;
      await t.services.grants.awards.receiveReport(report, SYSTEM);
      return { method: 'POST', url: `/api/v1/grants/reports/${report}/approve` };
    },
    allow: [],
    note: "the secretariat's token only",
  },
  {
    route: 'GET /api/v1/grants/calls/:id/dashboard',
    request: async () => get(`/api/v1/grants/calls/${(await grants()).callId}/dashboard`)(),
    allow: EDITORS,
  },
  {
    route: 'GET /api/v1/grants/calls/:id/applications.csv',
    request: async () => get(`/api/v1/grants/calls/${(await grants()).callId}/applications.csv`)(),
    allow: EDITORS,
  },
  {
    route: 'GET /grants/organisations/new',
    request: get('/grants/organisations/new'),
    allow: SIGNED_IN,
    note: 'the public is sent to sign in',
  },
  {
    route: 'POST /grants/organisations',
    request: async () => ({ method: 'POST', url: '/grants/organisations', form: Object.entries(grantOrg()) }),
    allow: [...USERS, 'owner token write'],
    note: 'a person registers; partner tokens act for no one',
  },
  {
    route: 'GET /grants/calls/:id/apply',
    request: async () => get(`/grants/calls/${(await grants()).callId}/apply`)(),
    allow: SIGNED_IN,
  },
  {
    route: 'POST /grants/calls/:id/apply',
    request: async () => {
      const { callId, orgId } = await grants();
      return {
        method: 'POST',
        url: `/grants/calls/${callId}/apply`,
        form: [
          ['organisationId', orgId],
          ['title', `Web proposal ${++seq}`],
          ['durationYears', '1'],
        ],
      };
    },
    allow: ['contributor (owner)', 'owner token write'],
    note: 'others get the form back with the organisation refused (404: not theirs)',
  },
  {
    route: 'GET /grants/applications/:id/edit',
    request: async () => get(`/grants/applications/${await ownersApplication()}/edit`)(),
    allow: ['contributor (owner)', 'owner token write'],
  },
  {
    route: 'POST /grants/applications/:id/edit',
    request: async () => ({
      method: 'POST',
      url: `/grants/applications/${await ownersApplication()}/edit`,
      form: [
        ['title', 'Edited on the web'],
        ['durationYears', '1'],
      ],
    }),
    allow: ['contributor (owner)', 'owner token write'],
    note: 'the secretariat reads applications but never writes them (403)',
  },
  {
    route: 'POST /grants/applications/:id/attachments',
    request: async () => ({
      method: 'POST',
      url: `/grants/applications/${await ownersApplication()}/attachments`,
      form: [],
    }),
    allow: ['contributor (owner)', 'owner token write'],
    note: 'a form without a file: 400 for the applicant (the upload itself: grants-web.test.ts); others 403/404',
  },
  {
    route: 'POST /grants/applications/:id/submit',
    request: async () => ({
      method: 'POST',
      url: `/grants/applications/${await ownersApplication()}/submit`,
      form: [],
    }),
    allow: ['contributor (owner)', 'owner token write'],
    note: 'the secretariat reads applications but never submits them (403)',
  },
  { route: 'GET /grants', request: get('/grants'), allow: EVERYONE },
  {
    route: 'GET /grants/calls/:id',
    request: async () => get(`/grants/calls/${(await grants()).callId}`)(),
    allow: EVERYONE,
  },
  { route: 'GET /grants/applications', request: get('/grants/applications'), allow: SIGNED_IN },
  {
    route: 'GET /grants/applications/:id',
    request: async () => get(`/grants/applications/${await ownersApplication()}`)(),
    allow: GRANT_APPLICANT,
  },
  {
    route: 'GET /grants/applications/:id/attachments/:requirement/versions/:n',
    request: async () =>
      get(`/grants/applications/${await ownersApplication('draft', true, true)}/attachments/registration/versions/1`)(),
    allow: GRANT_APPLICANT,
    note: 'the public is sent to sign in',
  },
  {
    route: 'GET /grants/applications/:id/attachments/:requirement/versions/:n',
    variant: 'in review: its declared reviewer too',
    request: async () =>
      get(
        `/grants/applications/${await ownersApplication('in_review', true, true)}/attachments/registration/versions/1`,
      )(),
    allow: [...GRANT_APPLICANT, 'contributor (other)'],
  },
  {
    route: 'GET /grants/reviews/:id',
    request: async () => get(`/grants/reviews/${await ownersApplication('in_review')}`)(),
    allow: ['contributor (other)'],
  },
  {
    route: 'GET /grants/reviews',
    request: get('/grants/reviews'),
    allow: [...USERS, 'owner token write'],
    note: 'a person; partner tokens review nothing',
  },
  {
    route: 'GET /grants/reviews/:id/declaration',
    request: async () => get(`/grants/reviews/${await ownersApplication('in_review', false)}/declaration`)(),
    allow: ['contributor (other)'],
  },
  {
    route: 'POST /grants/reviews/:id/declaration',
    request: async () => ({
      method: 'POST',
      url: `/grants/reviews/${await ownersApplication('in_review', false)}/declaration`,
      form: [['conflict', 'no']],
    }),
    allow: ['contributor (other)'],
  },
  {
    route: 'POST /grants/reviews/:id',
    request: async () => ({
      method: 'POST',
      url: `/grants/reviews/${await ownersApplication('in_review')}`,
      form: [['score_relevance', '4']],
    }),
    allow: ['contributor (other)'],
  },
  { route: 'GET /grants/manage', request: get('/grants/manage'), allow: EDITORS },
  {
    route: 'GET /grants/manage/calls/:id',
    request: async () => get(`/grants/manage/calls/${(await grants()).callId}?status=draft`)(),
    allow: EDITORS,
  },
  {
    route: 'GET /grants/manage/applications/:id',
    request: async () => get(`/grants/manage/applications/${await ownersApplication('in_review')}`)(),
    allow: EDITORS,
  },
  {
    route: 'POST /grants/manage/applications/:id/decision',
    request: async () => ({
      method: 'POST',
      url: `/grants/manage/applications/${await ownersApplication('submitted')}/decision`,
      form: [
        ['to', 'eligible'],
        ['reason', 'All checks pass'],
      ],
    }),
    allow: EDITORS,
  },
  {
    route: 'POST /grants/manage/applications/:id/reviewers',
    request: async () => ({
      method: 'POST',
      url: `/grants/manage/applications/${await ownersApplication('eligible')}/reviewers`,
      form: [['reviewer', emails['contributor (other)']!]],
    }),
    allow: EDITORS,
  },
  {
    route: 'POST /grants/manage/applications/:id/award',
    request: async () => ({
      method: 'POST',
      url: `/grants/manage/applications/${await ownersApplication('approved')}/award`,
      form: [
        ['currency', 'USD'],
        ['amount', '1000'],
        ['agreementRef', 'M/2'],
        ['signedOn', '2026-01-01'],
        ['tranches', '2026-02-01; 1000'],
      ],
    }),
    allow: EDITORS,
  },
  {
    route: 'POST /grants/manage/applications/:id/tranches/:sub/release',
    request: async () => ({
      method: 'POST',
      url: `/grants/manage/applications/${await ownersApplication('awarded')}/tranches/1/release`,
      form: [],
    }),
    allow: EDITORS,
  },
  {
    route: 'POST /grants/manage/applications/:id/reports/:sub/received',
    request: async () => {
      const id = await ownersApplication('awarded');
      const report = (await t.services.grants.awards.get(id, SYSTEM)).reports[0]!.id;
      return { method: 'POST', url: `/grants/manage/applications/${id}/reports/${report}/received`, form: [] };
    },
    allow: EDITORS,
  },
  {
    route: 'POST /grants/manage/applications/:id/reports/:sub/approve',
    request: async () => {
      const id = await ownersApplication('awarded');
      const report = (await t.services.grants.awards.get(id, SYSTEM)).reports[0]!.id;
      await t.services.grants.awards.receiveReport(report, SYSTEM);
      return { method: 'POST', url: `/grants/manage/applications/${id}/reports/${report}/approve`, form: [] };
    },
    allow: EDITORS,
  },
  // ---- legislation ----
  { route: 'GET /assets/legislation.css', request: get('/assets/legislation.css'), allow: EVERYONE },
  { route: 'GET /api/v1/laws', request: get('/api/v1/laws?country=KEN'), allow: EVERYONE },
  { route: 'GET /laws', request: get('/laws'), allow: EVERYONE },
  { route: 'GET /compliance', request: get('/compliance'), allow: EVERYONE },
  { route: 'GET /api/v1/compliance/checklist', request: get('/api/v1/compliance/checklist'), allow: EVERYONE },
  {
    route: 'GET /api/v1/compliance/elements/:element',
    request: get('/api/v1/compliance/elements/attempt'),
    allow: EVERYONE,
  },
  { route: 'GET /compliance/elements/:element', request: get('/compliance/elements/attempt'), allow: EVERYONE },
  { route: 'GET /api/v1/compliance/:country', request: get('/api/v1/compliance/KEN?format=csv'), allow: EVERYONE },
  { route: 'GET /compliance/:country', request: get('/compliance/KEN'), allow: EVERYONE },
  {
    route: 'GET /api/v1/laws/:id',
    variant: 'published',
    request: async () => ({ method: 'GET', url: `/api/v1/laws/${await matrixLaw('published')}` }),
    allow: EVERYONE,
  },
  {
    route: 'GET /api/v1/laws/:id',
    variant: 'draft',
    request: async () => ({ method: 'GET', url: `/api/v1/laws/${await matrixLaw()}` }),
    allow: SEE_DRAFT_RECORD,
  },
  {
    route: 'GET /api/v1/laws/:id/provisions',
    request: async () => ({ method: 'GET', url: `/api/v1/laws/${await matrixLaw()}/provisions?format=csv` }),
    allow: SEE_DRAFT_RECORD,
  },
  {
    route: 'GET /api/v1/laws/:id/provisions/:eid',
    request: async () => ({ method: 'GET', url: `/api/v1/laws/${await matrixLaw()}/provisions/sec_1?at=2020-01-01` }),
    allow: SEE_DRAFT_RECORD,
  },
  {
    route: 'GET /api/v1/laws/:id/akn',
    request: async () => ({ method: 'GET', url: `/api/v1/laws/${await matrixLaw()}/akn` }),
    allow: SEE_DRAFT_RECORD,
  },
  {
    route: 'GET /laws/:id',
    request: async () => ({ method: 'GET', url: `/laws/${await matrixLaw()}` }),
    allow: SEE_DRAFT_RECORD,
  },
  {
    route: 'GET /laws/:id/provisions/:eid',
    request: async () => ({ method: 'GET', url: `/laws/${await matrixLaw('published')}/provisions/sec_1` }),
    allow: EVERYONE,
  },
  {
    route: 'POST /api/v1/laws',
    request: async () => ({ method: 'POST', url: '/api/v1/laws', payload: lawJson(`matrix-new-${++seq}`) }),
    allow: API_EDITOR,
    note: "laws are editors' work: write tokens; session cookies never write through the API",
  },
  {
    route: 'POST /api/v1/laws/:id/amendments',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/laws/${await matrixLaw()}/amendments`,
      payload: { by: 'Amending Act', date: '2015-01-01', repeals: ['sec_1'] },
    }),
    allow: API_EDITOR,
  },
  {
    route: 'POST /api/v1/laws/:id/transitions',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/laws/${await matrixLaw()}/transitions`,
      payload: { to: 'in_review' },
    }),
    allow: API_EDITOR,
  },
  {
    route: 'GET /api/v1/compliance/:country/proposals',
    request: get('/api/v1/compliance/KEN/proposals'),
    allow: EDIT_RECORD_READ,
  },
  {
    route: 'PUT /api/v1/compliance/:country/:element',
    request: async () => ({
      method: 'PUT',
      url: `/api/v1/compliance/${freshCountry()}/attempt`,
      payload: { result: 'unclear', reasoning: 'The sources do not settle it.' },
    }),
    allow: API_EDITOR,
  },
  {
    route: 'POST /api/v1/compliance/:country/:element/transitions',
    request: async () => ({
      method: 'POST',
      url: `/api/v1/compliance/${await matrixAssessment()}/attempt/transitions`,
      payload: { to: 'in_review' },
    }),
    allow: API_EDITOR,
  },
  {
    route: 'GET /api/v1/compliance/:country/:element/versions',
    request: async () => ({ method: 'GET', url: `/api/v1/compliance/${await matrixAssessment()}/attempt/versions` }),
    allow: EDIT_RECORD_READ,
  },
];

// ---- library fixtures ----

async function ownersResource(status: 'draft' | 'published' = 'draft'): Promise<string> {
  const lib = t.services.library;
  const r = await lib.resources.create(
    {
      type: 'manual',
      title: `Matrix resource ${++seq}`,
      date: '2020',
      languages: [{ language: 'en', url: 'https://www.unodc.org/' }],
    },
    owner.actor,
  );
  if (status === 'published') {
    await lib.resources.transition(r.id, { to: 'in_review' }, SYSTEM);
    await lib.resources.transition(r.id, { to: 'published' }, SYSTEM);
  }
  return r.id;
}

let libraryFile = '';
async function publishedFile(): Promise<string> {
  if (libraryFile) return libraryFile;
  const id = await ownersResource('published');
  await t.services.library.files.upload(
    { resourceId: id, language: 'en', filename: 'guide.txt', bytes: Buffer.from('A guide.') },
    SYSTEM,
  );
  return (libraryFile = `/library/${id}/files/en/guide.txt`);
}

function libraryRows(): Row[] {
  /** Editors and tokens with the read scope: the download report. */
  const REPORT_READERS: readonly Who[] = [...EDITORS, 'token read', 'token all'];
  return [
    { route: 'GET /api/v1/resources', request: get('/api/v1/resources?q=matrix'), allow: EVERYONE },
    ...(['draft', 'in_review', 'withdrawn'] as const).map((status) => ({
      route: 'GET /api/v1/resources',
      variant: `status=${status}`,
      request: async () => {
        await ownersResource(); // at least one unpublished resource exists
        return { method: 'GET', url: `/api/v1/resources?status=${status}` };
      },
      allow: [...EDITORS, 'token read', 'token write', 'token import', 'token all'] as readonly Who[],
    })),
    { route: 'GET /library', request: get('/library?type=manual'), allow: EVERYONE },
    { route: 'GET /oai', request: get('/oai?verb=Identify'), allow: EVERYONE },
    {
      route: 'POST /oai',
      request: async () => ({
        method: 'POST',
        url: '/oai',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'verb=Identify',
      }),
      allow: EVERYONE,
    },
    {
      route: 'GET /api/v1/resources/:id',
      variant: 'published',
      request: async () => ({ method: 'GET', url: `/api/v1/resources/${await ownersResource('published')}` }),
      allow: EVERYONE,
    },
    {
      route: 'GET /api/v1/resources/:id',
      variant: "owner's draft",
      request: async () => ({ method: 'GET', url: `/api/v1/resources/${await ownersResource()}` }),
      allow: SEE_DRAFT,
    },
    {
      route: 'GET /library/:id',
      variant: 'published',
      request: async () => ({ method: 'GET', url: `/library/${await ownersResource('published')}` }),
      allow: EVERYONE,
    },
    {
      route: 'GET /library/:id',
      variant: "owner's draft",
      request: async () => ({ method: 'GET', url: `/library/${await ownersResource()}` }),
      allow: SEE_DRAFT,
    },
    {
      route: 'POST /api/v1/resources',
      request: async () => ({
        method: 'POST',
        url: '/api/v1/resources',
        payload: { type: 'toolkit', title: `New resource ${++seq}`, date: '2019', languages: [{ language: 'en' }] },
      }),
      allow: API_EDIT_DRAFT,
    },
    {
      route: 'PATCH /api/v1/resources/:id',
      variant: "owner's draft",
      request: async () => ({
        method: 'PATCH',
        url: `/api/v1/resources/${await ownersResource()}`,
        payload: { abstract: 'Changed.' },
      }),
      allow: API_EDIT_DRAFT,
    },
    {
      route: 'POST /api/v1/resources/:id/transitions',
      variant: 'submit own draft',
      request: async () => ({
        method: 'POST',
        url: `/api/v1/resources/${await ownersResource()}/transitions`,
        payload: { to: 'in_review' },
      }),
      allow: API_EDIT_DRAFT,
    },
    {
      route: 'POST /api/v1/resources/:id/transitions',
      variant: 'withdraw a published resource',
      request: async () => ({
        method: 'POST',
        url: `/api/v1/resources/${await ownersResource('published')}/transitions`,
        payload: { to: 'withdrawn', reason: 'test' },
      }),
      allow: API_EDITOR,
    },
    {
      route: 'GET /api/v1/resources/:id/versions',
      variant: "owner's draft",
      request: async () => ({ method: 'GET', url: `/api/v1/resources/${await ownersResource()}/versions` }),
      allow: SEE_RESTRICTED,
    },
    {
      route: 'GET /api/v1/resources/:id/files',
      variant: 'published',
      request: async () => ({ method: 'GET', url: `/api/v1/resources/${await ownersResource('published')}/files` }),
      allow: EVERYONE,
    },
    {
      route: 'POST /api/v1/resources/:id/files',
      variant: "owner's draft",
      request: async () => ({
        method: 'POST',
        url: `/api/v1/resources/${await ownersResource()}/files?language=en&filename=notes.txt`,
        headers: { 'content-type': 'text/plain' },
        payload: `Notes ${++seq}.`,
      }),
      allow: API_EDIT_DRAFT,
    },
    {
      route: 'GET /library/:id/files/:language/:filename',
      variant: 'published',
      request: async () => ({ method: 'GET', url: await publishedFile() }),
      allow: EVERYONE,
    },
    {
      route: 'GET /api/v1/resources/:id/citation',
      variant: 'published',
      request: async () => ({
        method: 'GET',
        url: `/api/v1/resources/${await ownersResource('published')}/citation?format=ris`,
      }),
      allow: EVERYONE,
    },
    {
      route: 'GET /api/v1/resources/:id/citation',
      variant: "owner's draft",
      request: async () => ({ method: 'GET', url: `/api/v1/resources/${await ownersResource()}/citation` }),
      allow: SEE_DRAFT,
    },
    {
      route: 'GET /api/v1/cases/:id/citation',
      variant: 'published',
      request: async () => ({
        method: 'GET',
        url: `/api/v1/cases/${await ownersCase('published')}/citation?format=bibtex`,
      }),
      allow: EVERYONE,
    },
    {
      route: 'GET /api/v1/cases/:id/citation',
      variant: "owner's draft",
      request: async () => ({ method: 'GET', url: `/api/v1/cases/${await ownersCase()}/citation` }),
      allow: SEE_DRAFT,
    },
    {
      route: 'GET /api/v1/downloads/report',
      request: get('/api/v1/downloads/report?from=2020-01-01&to=2030-12-31&format=csv'),
      allow: REPORT_READERS,
    },
    { route: 'GET /library/downloads', request: get('/library/downloads'), allow: REPORT_READERS },
  ];
}

// ---- sending a request as an actor, and reading the answer ----

async function send(req: Req, who: Who): Promise<LightMyRequestResponse> {
  const a = auth[who] ?? { headers: {}, jar: {} };
  let jar = a.jar;
  if (req.url === '/logout' && USERS.includes(who))
    jar = await signIn(t.app, who === 'contributor (owner)' ? owner.email : emails[who]!);
  if (!req.form) {
    const payload = req.payload;
    return t.app.inject({
      method: req.method as 'GET',
      url: req.url,
      headers: { ...a.headers, ...(Object.keys(jar).length ? { cookie: cookieHeader(jar) } : {}), ...req.headers },
      ...(payload !== undefined ? { payload: payload as string } : {}),
    });
  }
  // A CSRF token from a page this browser may open: its own account page, else the sign-in page.
  const page = USERS.includes(who) ? '/account' : '/login';
  const { csrf, jar: withCsrf } = await formToken(t.app, page, jar);
  return t.app.inject({
    method: 'POST',
    url: req.url,
    headers: {
      ...a.headers,
      cookie: cookieHeader(withCsrf),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
    },
    payload: new URLSearchParams([...req.form, ['_csrf', csrf]]).toString(),
  });
}

type Outcome = 'allowed' | 'denied' | 'error';
function outcome(res: LightMyRequestResponse): Outcome {
  const s = res.statusCode;
  if (s === 401 || s === 403 || s === 404) return 'denied';
  // Web pages send strangers to sign in (with where they were going); signing out lands on /login?notice=.
  if (s >= 300 && s < 400 && /^\/login(\?next=|$)/.test(String(res.headers.location ?? ''))) return 'denied';
  if (s >= 500 || s === 429) return 'error';
  return 'allowed';
}

const emails: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  t = await makeTestApp({ rateLimit: 0, rateLimitToken: 0, loginRateLimit: 100_000 });
  const u = await createUser(t.services, 'contributor');
  owner = { id: u.id, email: u.email, actor: userActor({ id: u.id, email: u.email, role: 'contributor' }) };
  emails['contributor (owner)'] = u.email;
  for (const [who, role] of [
    ['contributor (other)', 'contributor'],
    ['editor', 'editor'],
    ['admin', 'admin'],
  ] as const) {
    const made = await createUser(t.services, role);
    emails[who] = made.email;
    ids[who] = made.id;
  }
  for (const who of USERS) auth[who] = { headers: {}, jar: await signIn(t.app, emails[who]!) };
  for (const [who, scopes] of [
    ['token read', ['read']],
    ['token write', ['write']],
    ['token import', ['import']],
  ] as const) {
    auth[who] = { headers: (await createToken(t.services, [...scopes])).header, jar: {} };
  }
  auth['token all'] = { headers: AUTH, jar: {} }; // the fixture token: read + write + import
  auth['owner token write'] = { headers: (await createToken(t.services, ['write'], owner.id)).header, jar: {} };
  published = await ownersCase('published');
});
afterAll(async () => t.close());

/** Every registered route but the HEAD twins of GET routes (Fastify adds them, with the GET handler). Static assets
 * have rows too. */
function routesToCover(): string[] {
  const all = registered.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
  return [...new Set(all)].sort();
}

describe('authorization matrix', () => {
  it('every registered route has a row in the table, and every row names a registered route', () => {
    const covered = new Set(ROWS.map((r) => r.route));
    const routes = routesToCover();
    expect(routes.length).toBeGreaterThan(60);
    expect(
      routes.filter((r) => !covered.has(r)),
      'routes without a row in the authorization matrix',
    ).toEqual([]);
    expect(
      [...covered].filter((r) => !routes.includes(r)),
      'rows for routes that do not exist',
    ).toEqual([]);
    // HEAD routes are only the automatic twins of GET routes.
    const gets = new Set(registered.filter((r) => r.method === 'GET').map((r) => r.url));
    expect(registered.filter((r) => r.method === 'HEAD' && !gets.has(r.url))).toEqual([]);
  });

  it('every route x every actor is allowed or denied as the rules say', async () => {
    const failures: string[] = [];
    const table: string[] = [];
    for (const row of ROWS) {
      const cells: string[] = [];
      for (const who of ACTORS) {
        const req = await row.request(who);
        const res = await send(req, who);
        const got = outcome(res);
        const want: Outcome = row.allow.includes(who) ? 'allowed' : 'denied';
        const mark =
          got === want
            ? got === 'allowed'
              ? 'ok'
              : '--'
            : got === 'allowed'
              ? 'OPEN'
              : got === 'denied'
                ? 'SHUT'
                : 'ERR';
        cells.push(`${mark}${res.statusCode}`.padEnd(8));
        if (got !== want)
          failures.push(
            `${row.route}${row.variant ? ` [${row.variant}]` : ''} as ${who}: expected ${want}, got ` +
              `${res.statusCode} ${res.headers.location ?? ''} ${res.body.slice(0, 160)}`,
          );
      }
      table.push(`${cells.join('')} ${row.route}${row.variant ? ` [${row.variant}]` : ''}`);
    }
    if (failures.length) {
      // The whole matrix, compact: ok/-- as expected (allowed/denied), OPEN allowed but should be denied,
      // SHUT denied but should be allowed, ERR a 5xx or 429; then the status code.
      console.log(`${ACTORS.map((a) => SHORT[a].padEnd(8)).join('')} route\n${table.join('\n')}`);
    }
    expect(failures).toEqual([]);
  });

  it('the answer to a write holds no restricted field the writer may not read', async () => {
    const secretContacts = 'Contact: the investigating officer, +00 000 000';
    const id = await ownersCase();
    await t.services.cases.patch(id, {}, SYSTEM, { sourceContacts: secretContacts });
    for (const who of ['token write', 'owner token write'] as const) {
      const res = await send(
        { method: 'PUT', url: `/api/v1/cases/${id}/restricted`, payload: { internalNotes: `set by ${who}` } },
        who,
      );
      expect(res.statusCode, who).toBe(200);
      expect(res.body, who).not.toContain(secretContacts);
      expect(res.json().restricted, who).toBeUndefined();
      expect((await send({ method: 'GET', url: `/api/v1/cases/${id}/editorial` }, who)).statusCode, who).toBe(403);
    }
    const all = await send(
      { method: 'PUT', url: `/api/v1/cases/${id}/restricted`, payload: { internalNotes: 'set by a read+write token' } },
      'token all',
    );
    expect(all.json().restricted).toEqual({
      internalNotes: 'set by a read+write token',
      sourceContacts: secretContacts,
    });
  });

  it('a change of rights counts from the next request: revoked token, demoted editor, disabled user', async () => {
    const draft = await ownersCase();
    const as = (headers: Record<string, string>) => ({
      read: () => t.app.inject({ url: `/api/v1/cases/${draft}`, headers }),
    });

    // Revoked through the admin page: the token is refused at once.
    const partner = await createToken(t.services, ['read', 'write']);
    expect((await as(partner.header).read()).statusCode).toBe(200);
    const revoke = await send({ method: 'POST', url: `/admin/tokens/${partner.id}/revoke`, form: [] }, 'admin');
    expect(revoke.statusCode).toBe(303);
    const refused = await as(partner.header).read();
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toMatch(/revoked/);

    // An editor demoted to contributor: their sessions end, and their personal token keeps the new role's limits.
    const ed = await createUser(t.services, 'editor');
    const session = { cookie: cookieHeader(await signIn(t.app, ed.email)) };
    const personal = await createToken(t.services, ['read', 'write'], ed.id);
    expect((await as(session).read()).statusCode).toBe(200);
    expect((await as(personal.header).read()).statusCode).toBe(200);
    const demote = await send(
      {
        method: 'POST',
        url: `/admin/users/${ed.id}`,
        form: [
          ['role', 'contributor'],
          ['disabled', 'false'],
        ],
      },
      'admin',
    );
    expect(demote.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/api/v1/me', headers: session })).statusCode).toBe(401);
    expect((await as(personal.header).read()).statusCode).toBe(404); // someone else's draft: hidden from a contributor
    const publish = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${await ownersCase('in_review')}/transitions`,
      headers: personal.header,
      payload: { to: 'published', acknowledgeWarnings: true },
    });
    expect(publish.statusCode).toBe(404); // not theirs: hidden, so not publishable either

    // A disabled user: every session and personal token stops.
    const c = await createUser(t.services, 'contributor');
    const cSession = { cookie: cookieHeader(await signIn(t.app, c.email)) };
    const cToken = await createToken(t.services, ['write'], c.id);
    expect((await t.app.inject({ url: '/api/v1/me', headers: cToken.header })).statusCode).toBe(200);
    const disable = await send(
      {
        method: 'POST',
        url: `/admin/users/${c.id}`,
        form: [
          ['role', 'contributor'],
          ['disabled', 'true'],
        ],
      },
      'admin',
    );
    expect(disable.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/api/v1/me', headers: cSession })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/me', headers: cToken.header })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: cToken.header, payload: newCaseJson() }))
        .statusCode,
    ).toBe(401);
  });
});
