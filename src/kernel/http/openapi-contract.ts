/**
 * The OpenAPI document as a contract: after @fastify/swagger has built it from the routes' schemas,
 * finishDocument() adds what every operation shares, so that no route has to repeat it:
 * - an operationId (derived from method and path unless the route names one), unique;
 * - per-operation `security`: writes need a token; reads take a token or a session cookie, or none;
 * - the errors each operation can send, with the error schema: 400 (any parameter, even a query
 *   string that is not UTF-8), 401 (a bad token on any route), 403 (a protected operation), 404 (a
 *   path with parameters), 413/415 (a request body), 429 with Retry-After and X-RateLimit-* (every
 *   /api route), 503 (the database is unavailable);
 * - `servers` and the licence's SPDX identifier.
 * Pages (HTML) are left out of the document.
 */

import { COUNTRY_CODES } from '../geo/countries.ts';

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const COUNTRY_REF = '#/components/schemas/CountryCode';
const COUNTRY_LIST = JSON.stringify(COUNTRY_CODES);

/** Every inline list of the country codes becomes one `CountryCode` component (the document stays small). */
function shareCountryCodes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shareCountryCodes);
  if (!node || typeof node !== 'object') return node;
  const o = node as Json;
  if (Array.isArray(o.enum) && JSON.stringify(o.enum) === COUNTRY_LIST) {
    const { enum: _e, type: _t, ...rest } = o;
    return { ...rest, $ref: COUNTRY_REF };
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, shareCountryCodes(v)]));
}

const STATUS_TEXT: Record<string, string> = {
  400: 'Bad request: the details name each bad field',
  401: 'No token was sent where one is needed, or it is unknown, revoked or expired',
  403: 'The token or account lacks the right',
  404: 'Not found (unpublished material is not found for the public)',
  409: 'Conflict: the id exists, the version is stale, or the workflow does not allow the move',
  413: 'The body is over the size limit',
  415: 'The body is not of a media type this operation takes',
  429: 'Too many requests: wait for the seconds in Retry-After',
  503: 'The database is unavailable: retry after the seconds in Retry-After',
};

const int = (description: string) => ({ description, schema: { type: 'integer', minimum: 0 } });

/** The headers of a 429 (sent by @fastify/rate-limit and the error handler). */
export const RATE_LIMIT_HEADERS = {
  'Retry-After': int('Seconds to wait before the next request'),
  'X-RateLimit-Limit': int('Requests allowed in the window for this client'),
  'X-RateLimit-Remaining': int('Requests left in the window'),
  'X-RateLimit-Reset': int('Seconds until the window starts again'),
};

/** The paths the document describes: the API, the health check, OAI-PMH and library file downloads. */
const DOCUMENTED = /^\/(api\/|healthz$|oai$|library\/\{[^}]+\}\/files\/)/;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

type Json = Record<string, unknown>;
interface Operation extends Json {
  operationId?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: Json;
  responses?: Record<string, Json>;
  security?: Record<string, string[]>[];
}

const pascal = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

const singular = (w: string) =>
  w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.endsWith('sses') ? w.slice(0, -2) : w.replace(/s$/, '');

const VERBS: Record<string, string> = { get: 'get', post: 'create', put: 'put', patch: 'update', delete: 'delete' };

/** `GET /api/v1/cases/{id}/versions/{version}` → `getCaseVersionByVersion`. */
export function operationIdOf(method: string, path: string): string {
  const segs = path
    .replace(/^\/api\/v1\//, '/')
    .split('/')
    .filter(Boolean);
  const words = segs.map((s, i) => {
    if (s.startsWith('{')) return i === segs.length - 1 ? `By${pascal(s.slice(1, -1))}` : '';
    return pascal(segs[i + 1]?.startsWith('{') ? singular(s) : s);
  });
  return `${VERBS[method] ?? method}${words.join('')}`;
}

const isRead = (method: string) => method === 'get' || method === 'head';

function errorResponse(status: string, given: Json | undefined): Json {
  const res: Json = {
    description: (given?.description as string | undefined) ?? STATUS_TEXT[status] ?? 'Error',
    content: { 'application/json': { schema: ERROR_REF } },
  };
  if (status === '429') res.headers = RATE_LIMIT_HEADERS;
  if (status === '503') res.headers = { 'Retry-After': RATE_LIMIT_HEADERS['Retry-After'] };
  return res;
}

function finishOperation(path: string, method: string, op: Operation): void {
  const api = path.startsWith('/api/');
  const write = !isRead(method);
  const hasParams = path.includes('{');
  // Path parameters that the path does not have (a route's shared params schema) are not parameters.
  if (op.parameters) op.parameters = op.parameters.filter((p) => p.in !== 'path' || path.includes(`{${p.name}}`));
  op.operationId ??= operationIdOf(method, path);
  // A route whose body may be left out says so with `x-body-optional` (@fastify/swagger marks every body required).
  if (op['x-body-optional']) {
    if (op.requestBody) op.requestBody.required = false;
    delete op['x-body-optional'];
  }
  successMediaTypes(path, method, op);
  if (api) {
    const declared = op.security;
    const protectedOp = write || (declared !== undefined && !declared.some((s) => Object.keys(s).length === 0));
    if (write) op.security = [{ bearerAuth: [] }];
    else if (protectedOp) op.security = [{ bearerAuth: [] }, { sessionCookie: [] }];
    else op.security = [{}, { bearerAuth: [] }, { sessionCookie: [] }];
    // 403 everywhere: a public read refuses unpublished statuses (status=draft) to those who may not see them.
    const errors = ['400', '401', '403', '429', '503'];
    if (hasParams) errors.push('404');
    if (op.requestBody) errors.push('413', '415');
    addErrors(op, errors);
  } else {
    op.security = [{}];
    addErrors(op, hasParams ? ['400', '404'] : ['400']);
  }
}

const FORMAT_TYPES: Record<string, string> = { csv: 'text/csv', jsonl: 'application/x-ndjson' };

/**
 * The media types of a success: a path ending in .csv is CSV; an operation with a `format` parameter
 * (format=csv, format=jsonl) answers in those types as well as JSON (reads only).
 */
function successMediaTypes(path: string, method: string, op: Operation): void {
  if (method !== 'get') return; // a write's `format` names what it reads (imports), not what it answers
  const ok = Object.entries(op.responses ?? {}).filter(([s]) => /^2\d\d$/.test(s) && s !== '204');
  const format = op.parameters?.find((p) => p.in === 'query' && p.name === 'format') as
    | { schema?: { enum?: string[] } }
    | undefined;
  for (const [, res] of ok) {
    if (path.endsWith('.csv')) {
      res.content = { 'text/csv': { schema: { type: 'string' } } };
      continue;
    }
    const extra = (format?.schema?.enum ?? []).map((f) => FORMAT_TYPES[f]).filter((t): t is string => !!t);
    if (!res.content || extra.length === 0) continue;
    const content = res.content as Record<string, Json>;
    for (const type of extra) content[type] ??= { schema: { type: 'string' } };
  }
}

function addErrors(op: Operation, statuses: string[]): void {
  const responses = (op.responses ??= {});
  for (const s of new Set([...statuses, ...Object.keys(responses).filter((k) => Number(k) >= 400)])) {
    responses[s] = errorResponse(s, responses[s]);
  }
  // Statuses in order, successes first.
  op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

export interface ContractOptions {
  /** PALERMO_PUBLIC_URL: the server's address, when known; else the document's own origin. */
  publicUrl?: string | undefined;
}

/** Finishes the generated document in place (see the comment at the top) and returns it. */
export function finishDocument<T extends Json>(doc: T, opts: ContractOptions = {}): T {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  const ids = new Map<string, string>();
  for (const [path, item] of Object.entries(paths)) {
    if (!DOCUMENTED.test(path)) {
      delete paths[path];
      continue;
    }
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      finishOperation(path, method, op);
      const clash = ids.get(op.operationId!);
      if (clash) throw new Error(`operationId ${op.operationId} of ${method} ${path} is also that of ${clash}`);
      ids.set(op.operationId!, `${method} ${path}`);
    }
  }
  const d = doc as Json & { components?: Json & { schemas?: Json } };
  d.paths = shareCountryCodes(d.paths);
  const components = (d.components ??= {});
  components.schemas = {
    ...(shareCountryCodes(components.schemas ?? {}) as Json),
    CountryCode: {
      type: 'string',
      enum: [...COUNTRY_CODES],
      description: 'ISO 3166-1 alpha-3, and XIR for International and Regional Bodies',
    },
  };
  const info = doc.info as Json & { license?: Json };
  if (info.license) info.license.identifier ??= info.license.name;
  (doc as Json).servers = [{ url: opts.publicUrl?.replace(/\/+$/, '') || '/', description: 'This Palermo server' }];
  return doc;
}
