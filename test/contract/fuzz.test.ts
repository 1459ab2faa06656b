/**
 * Issue 21: a property-based fuzzer driven by the OpenAPI document (fast-check arbitraries from its
 * schemas, test/contract/schema-arbitrary.ts) against a real server listening on a port, with every
 * module's demo content. Every operation, anonymous and with each token scope (read, write, import,
 * and all three), a bounded number of requests each (PALERMO_FUZZ_RUNS, default 2). Asserted:
 * - no 5xx;
 * - every status is one the operation documents, and a JSON body matches the documented schema
 *   (a body of another media type has a documented media type);
 * - no 2xx for an actor the authorization matrix refuses (writes need a write token; the accounts
 *   endpoints are for signed-in administrators only);
 * - no write visible after a refused request (the database is the same before and after it).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { makeTestApp, ADMIN_TOKEN, AUTH, type TestApp } from '../helpers/test-app.ts';
import { createToken } from '../helpers/accounts.ts';
import { seedModules } from '../../src/app/boot.ts';
import { caseInput } from '../factories/case-factory.ts';
import { SchemaArbitraries, junk } from './schema-arbitrary.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const RUNS = Number(process.env.PALERMO_FUZZ_RUNS ?? 2);

type Json = Record<string, unknown>;
interface Param {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: Json;
}
interface Op {
  operationId: string;
  parameters?: Param[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Json }> };
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}
interface Actor {
  name: string;
  headers: Record<string, string>;
  scopes: string[];
}
interface Sent {
  path: string;
  query: [string, string][];
  body?: { type: string; data: string };
}

let t: TestApp;
let baseUrl: string;
let doc: { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, Json> } };
let arbs: SchemaArbitraries;
let db: Database.Database;
const actors: Actor[] = [];
const ids: string[] = [];

beforeAll(async () => {
  t = await makeTestApp({ rateLimit: 0, rateLimitToken: 0 }, 'sqlite');
  await seedModules(t.services);
  const draft = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: AUTH,
    payload: caseInput({ id: 'fuzz-draft' }),
  });
  expect(draft.statusCode).toBe(201);
  actors.push({ name: 'anonymous', headers: {}, scopes: [] });
  for (const scopes of [['read'], ['write'], ['import']] as const) {
    const tok = await createToken(t.services, [...scopes]);
    actors.push({ name: `token:${scopes.join('+')}`, headers: tok.header, scopes: [...scopes] });
  }
  actors.push({
    name: 'token:read+write+import',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    scopes: ['read', 'write', 'import'],
  });
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  doc = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as typeof doc;
  arbs = new SchemaArbitraries(doc.components.schemas as never);
  // Ids that exist, so that requests reach records and not only 404s.
  for (const list of ['cases?limit=3', 'laws', 'resources', 'activities', 'partners', 'treaties', 'grants/calls']) {
    const body = await (await fetch(`${baseUrl}/api/v1/${list}`, { headers: AUTH })).text();
    ids.push(...[...body.matchAll(/"id":"([^"]{1,80})"/g)].slice(0, 4).map((m) => m[1]!));
  }
  ids.push('fuzz-draft');
  db = new Database(t.config.dbPath, { readonly: true });
});
afterAll(async () => {
  db?.close();
  await t.close();
});

/** The registers' rows (not tokens' last use, sessions, the audit log or download counts). */
// Versions and logs are written with the rows they follow, so the rows are enough (and faster to read).
const VOLATILE = /^(api_tokens|sessions|audit_log|library_downloads|kysely_.*|search_.*|sqlite_.*|.*_versions|.*_log)$/;
function fingerprint(): string {
  const h = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
    name: string;
  }[];
  for (const { name } of tables) {
    if (VOLATILE.test(name)) continue;
    h.update(name);
    for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

/** What the authorization matrix refuses outright: a 2xx here is a hole. */
function refused(method: string, path: string, actor: Actor): boolean {
  if (!path.startsWith('/api/')) return false;
  if (/^\/api\/v1\/(users|tokens|audit)$/.test(path)) return true; // administrators signed in, never tokens
  if (path === '/api/v1/me') return actor.scopes.length === 0;
  if (method === 'get') return false;
  if (actor.scopes.includes('write')) return false;
  if (actor.scopes.includes('import') && path.startsWith('/api/v1/imports')) return false;
  return true;
}

function requestArb(path: string, op: Op): fc.Arbitrary<Sent> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const value = (p: Param) =>
    p.schema && 'enum' in p.schema ? arbs.of(p.schema) : fc.oneof(fc.constantFrom(...ids), arbs.of(p.schema));
  const pathArb = fc
    .tuple(...pathParams.map((p) => fc.oneof({ weight: 4, arbitrary: value(p) }, { weight: 1, arbitrary: junk })))
    .map((vals) =>
      pathParams.reduce(
        (acc, p, i) => acc.replace(`{${p.name}}`, encodeURIComponent(String(vals[i] || '_')).replace(/\./g, '%2E')),
        path,
      ),
    );
  const queryArb = fc
    .tuple(
      ...queryParams.map((p) =>
        fc.option(fc.oneof({ weight: 5, arbitrary: arbs.of(p.schema) }, { weight: 1, arbitrary: junk }), {
          freq: p.required ? 100 : 2,
        }),
      ),
    )
    .map((vals) =>
      queryParams.flatMap((p, i) => {
        const v = vals[i];
        if (v === null || v === undefined) return [];
        return [v].flat().map((x): [string, string] => [p.name, typeof x === 'string' ? x : JSON.stringify(x)]);
      }),
    );
  const content = op.requestBody?.content ?? {};
  const types = Object.keys(content);
  const bodyArb: fc.Arbitrary<Sent['body']> =
    types.length === 0
      ? fc.constant(undefined)
      : fc.constantFrom(...types).chain((type) => {
          if (type === 'application/json')
            return fc
              .oneof({ weight: 4, arbitrary: arbs.of(content[type]!.schema) }, { weight: 1, arbitrary: junk })
              .map((v) => ({ type, data: JSON.stringify(v ?? {}) }));
          if (type === 'application/x-ndjson')
            return fc
              .oneof(
                arbs.of(doc.components.schemas.CaseInput).map((v) => JSON.stringify(v)),
                fc.string({ maxLength: 30 }),
              )
              .map((line) => ({ type, data: `${line}\n` }));
          return fc.string({ maxLength: 40 }).map((s) => ({ type, data: s }));
        });
  return fc.record({ path: pathArb, query: queryArb, body: bodyArb });
}

const validators = new Map<string, ValidateFunction>();
function validatorOf(key: string, schema: Json): ValidateFunction {
  let v = validators.get(key);
  if (!v) {
    const ajv = new Ajv2020({ strict: false, allErrors: false, logger: false });
    addFormats(ajv);
    ajv.addFormat('binary', true);
    v = ajv.compile({ ...schema, components: doc.components });
    validators.set(key, v);
  }
  return v;
}

describe('fuzzing every operation from the document', () => {
  it('no 5xx, every status and body as documented, no 2xx the matrix refuses, no write after a refusal', async () => {
    const failures = new Set<string>();
    // The registers' state, read again only when another connection has committed (PRAGMA data_version).
    const version = () => db.pragma('data_version', { simple: true }) as number;
    let state = fingerprint();
    let requests = 0;
    let operations = 0;
    let seed = 21;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        operations++;
        for (const actor of actors) {
          for (const sent of fc.sample(requestArb(path, op), { numRuns: RUNS, seed: seed++ })) {
            const url = `${baseUrl}${sent.path}${sent.query.length ? `?${new URLSearchParams(sent.query)}` : ''}`;
            const write = method !== 'get';
            const committed = version();
            const res = await fetch(url, {
              method: method.toUpperCase(),
              headers: { ...actor.headers, ...(sent.body ? { 'content-type': sent.body.type } : {}) },
              body: sent.body?.data,
            });
            requests++;
            const text = await res.text();
            const where = `${method.toUpperCase()} ${path} as ${actor.name} -> ${res.status}`;
            const status = String(res.status);
            if (res.status >= 500) failures.add(`${where}: server error ${text.slice(0, 200)}`);
            const documented = op.responses[status];
            if (!documented) failures.add(`${where}: status not documented`);
            if (res.ok && refused(method, path, actor)) failures.add(`${where}: the matrix refuses this actor`);
            if (version() !== committed) {
              const now = fingerprint();
              if (now !== state && !res.ok) failures.add(`${where}: a refused request wrote`);
              if (now !== state && !write) failures.add(`${where}: a read wrote`);
              state = now;
            }
            if (!documented?.content || res.status === 204) continue;
            const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
            const media = documented.content[type];
            if (!media) {
              failures.add(`${where}: content-type ${type} not documented`);
              continue;
            }
            if (type !== 'application/json' || !media.schema) continue;
            const validate = validatorOf(`${method} ${path} ${status}`, media.schema);
            if (!validate(JSON.parse(text))) {
              const e = validate.errors?.[0];
              failures.add(`${where}: body does not match the schema: ${e?.instancePath} ${e?.message}`);
            }
          }
        }
      }
    }
    console.log(
      `fuzzer: ${operations} operations x ${actors.length} actors x ${RUNS} = ${requests} requests, ` +
        `${failures.size} failures`,
    );
    expect([...failures].sort()).toEqual([]);
    expect(operations).toBeGreaterThan(100);
  }, 300_000);
});
