/**
 * OAI-PMH 2.0 requests: the arguments each verb takes, checked as the specification says (repeated
 * or unknown arguments and missing required ones are badArgument; an unknown verb is badVerb), the
 * datestamps of selective harvesting and the resumption tokens (opaque: base64url JSON of the list's
 * arguments and the position after the last item, (datestamp, id)).
 */

export type OaiErrorCode =
  | 'badVerb'
  | 'badArgument'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'badResumptionToken'
  | 'noSetHierarchy'
  | 'noMetadataFormats';

export class OaiError extends Error {
  constructor(
    readonly code: OaiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const VERBS = {
  Identify: { required: [], optional: [], exclusive: null },
  ListMetadataFormats: { required: [], optional: ['identifier'], exclusive: null },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [], exclusive: null },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
} as const satisfies Record<string, { required: string[]; optional: string[]; exclusive: string | null }>;
export type Verb = keyof typeof VERBS;

export interface OaiRequest {
  verb: Verb;
  args: Record<string, string>;
}

/** Parsed query pairs (repeats kept) into a request, or an OaiError. */
export function parseRequest(pairs: readonly [string, string][]): OaiRequest {
  const verbs = pairs.filter(([k]) => k === 'verb');
  if (verbs.length !== 1)
    throw new OaiError('badVerb', verbs.length ? 'the verb argument is repeated' : 'the verb argument is missing');
  const verb = verbs[0]![1];
  if (!Object.hasOwn(VERBS, verb)) throw new OaiError('badVerb', `'${verb}' is not an OAI-PMH verb`);
  const spec = VERBS[verb as Verb];
  const allowed = new Set<string>([...spec.required, ...spec.optional, ...(spec.exclusive ? [spec.exclusive] : [])]);
  const args: Record<string, string> = {};
  for (const [k, v] of pairs) {
    if (k === 'verb') continue;
    if (!allowed.has(k)) throw new OaiError('badArgument', `'${k}' is not an argument of ${verb}`);
    if (Object.hasOwn(args, k)) throw new OaiError('badArgument', `the argument '${k}' is repeated`);
    args[k] = v;
  }
  if (spec.exclusive && args[spec.exclusive] !== undefined) {
    const others = Object.keys(args).filter((k) => k !== spec.exclusive);
    if (others.length)
      throw new OaiError('badArgument', `resumptionToken is an exclusive argument; remove ${others.join(', ')}`);
    return { verb: verb as Verb, args };
  }
  for (const r of spec.required)
    if (args[r] === undefined || args[r] === '') throw new OaiError('badArgument', `${verb} needs the argument '${r}'`);
  return { verb: verb as Verb, args };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** from/until as instants to the second; a day means its start (from) or its end (until). */
export function harvestBounds(from?: string, until?: string): { from?: string; until?: string } {
  const check = (v: string, name: string) => {
    if (!(DAY.test(v) || SECOND.test(v)) || Number.isNaN(Date.parse(v)))
      throw new OaiError('badArgument', `${name} '${v}' is not a UTC datestamp YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ`);
  };
  if (from !== undefined) check(from, 'from');
  if (until !== undefined) check(until, 'until');
  if (from !== undefined && until !== undefined && from.length !== until.length)
    throw new OaiError('badArgument', 'from and until must have the same granularity');
  const f = from === undefined ? undefined : DAY.test(from) ? `${from}T00:00:00Z` : from;
  const u = until === undefined ? undefined : DAY.test(until) ? `${until}T23:59:59Z` : until;
  if (f && u && f > u) throw new OaiError('badArgument', 'from is later than until');
  return { from: f, until: u };
}

export interface ListState {
  verb: 'ListIdentifiers' | 'ListRecords' | 'ListSets';
  prefix?: string;
  set?: string;
  from?: string;
  until?: string;
  /** After this (datestamp, id). */
  after?: [string, string];
  cursor: number;
}

export function encodeToken(s: ListState): string {
  return Buffer.from(JSON.stringify(s)).toString('base64url');
}

export function decodeToken(token: string, verb: Verb): ListState {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('not base64url');
    const s = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ListState;
    if (s.verb !== verb || typeof s.cursor !== 'number') throw new Error('not this list');
    if (s.after && !(Array.isArray(s.after) && s.after.length === 2)) throw new Error('bad position');
    return s;
  } catch {
    throw new OaiError('badResumptionToken', `the resumptionToken '${token.slice(0, 60)}' is not valid for ${verb}`);
  }
}
