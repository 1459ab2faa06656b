/**
 * The OAI-PMH 2.0 data provider over library resources (/oai): the six verbs, oai_dc metadata, sets
 * by type (`type:manual`) and by topic (`topic:legislation`), selective harvesting by datestamp
 * (to the second) and set, resumption tokens, and withdrawn resources as `deleted` records kept
 * for ever (deletedRecord `persistent`). Drafts never published are not in the repository at all.
 * XML is built with xmlbuilder2; every answer, errors included, is valid against OAI-PMH.xsd.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import { RESOURCE_TYPES, TOPICS, type Resource } from '../domain/resource.ts';
import type { Conn } from '../store/resource-repo.ts';
import { earliestDatestamp, getResource, resourcesByDatestamp } from '../store/resource-repo.ts';
import {
  decodeToken,
  encodeToken,
  harvestBounds,
  OaiError,
  parseRequest,
  type ListState,
  type OaiRequest,
} from './oai-args.ts';

const OAI = 'http://www.openarchives.org/OAI/2.0/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const OAI_DC = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
const DC = 'http://purl.org/dc/elements/1.1/';
const OAI_ID = 'http://www.openarchives.org/OAI/2.0/oai-identifier';
export const PAGE_SIZE = 50;

export interface OaiConfig {
  /** Where /oai is served: the public URL of the site + /oai. */
  baseUrl: string;
  /** The repository identifier in OAI identifiers (a domain name). */
  repositoryId: string;
  repositoryName: string;
  adminEmail: string;
  /** The public page of a resource. */
  pageUrl: (id: string) => string;
  pageSize?: number;
}

const words = (code: string) => code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
const SETS: { spec: string; name: string }[] = [
  { spec: 'type', name: 'Resources by type' },
  ...RESOURCE_TYPES.map((t) => ({ spec: `type:${t}`, name: `Type: ${words(t)}` })),
  { spec: 'topic', name: 'Resources by topic' },
  ...TOPICS.map((t) => ({ spec: `topic:${t}`, name: `Topic: ${words(t)}` })),
];

const setsOf = (r: Resource) => [`type:${r.type}`, ...r.topics.map((t) => `topic:${t}`)];
const inSet = (r: Resource, set: string | undefined) =>
  !set || set === 'type' || (set === 'topic' ? r.topics.length > 0 : setsOf(r).includes(set));
/** In the repository: published (a record) or withdrawn once published (a deleted record). */
const exposed = (r: Resource) => r.status === 'published' || r.withdrawal !== null;

export class OaiProvider {
  /** Records per list response (a resumption token follows when there are more). */
  pageSize: number;

  constructor(
    private readonly db: () => Conn,
    private readonly cfg: OaiConfig,
  ) {
    this.pageSize = cfg.pageSize ?? PAGE_SIZE;
  }

  identifierOf(id: string): string {
    return `oai:${this.cfg.repositoryId}:${id}`;
  }

  private localId(identifier: string): string | undefined {
    const prefix = `oai:${this.cfg.repositoryId}:`;
    return identifier.startsWith(prefix) ? identifier.slice(prefix.length) : undefined;
  }

  /** The XML answer to a request's query pairs (always 200, as the protocol wants). */
  async respond(pairs: readonly [string, string][], now = new Date()): Promise<string> {
    const root = create({ version: '1.0', encoding: 'UTF-8' })
      .ele(OAI, 'OAI-PMH')
      .att(XSI, 'xsi:schemaLocation', `${OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd`);
    root.ele(OAI, 'responseDate').txt(now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    let req: OaiRequest;
    try {
      req = parseRequest(pairs);
    } catch (e) {
      root.ele(OAI, 'request').txt(this.cfg.baseUrl);
      return this.error(root, e);
    }
    const request = root.ele(OAI, 'request').txt(this.cfg.baseUrl);
    request.att('verb', req.verb);
    for (const [k, v] of Object.entries(req.args)) request.att(k, v);
    try {
      const body = root.ele(OAI, req.verb);
      const ok = await this.verb(req, body);
      if (!ok) body.remove();
    } catch (e) {
      root.last().remove();
      // badVerb and badArgument answers echo the base URL only, without the request's arguments.
      if (e instanceof OaiError && e.code === 'badArgument')
        for (const k of ['verb', ...Object.keys(req.args)]) request.removeAtt(k);
      return this.error(root, e);
    }
    return root.end({ prettyPrint: false });
  }

  private error(root: XMLBuilder, e: unknown): string {
    if (!(e instanceof OaiError)) throw e;
    root.ele(OAI, 'error').att('code', e.code).txt(e.message);
    return root.end({ prettyPrint: false });
  }

  private async verb(req: OaiRequest, body: XMLBuilder): Promise<boolean> {
    switch (req.verb) {
      case 'Identify':
        return this.identify(body);
      case 'ListMetadataFormats':
        return this.listMetadataFormats(body, req.args.identifier);
      case 'ListSets':
        if (req.args.resumptionToken !== undefined) decodeToken(req.args.resumptionToken, 'ListSets');
        for (const s of SETS) {
          const set = body.ele(OAI, 'set');
          set.ele(OAI, 'setSpec').txt(s.spec);
          set.ele(OAI, 'setName').txt(s.name);
        }
        return true;
      case 'GetRecord': {
        this.requireFormat(req.args.metadataPrefix!);
        const r = await this.find(req.args.identifier!);
        this.record(body, r, true);
        return true;
      }
      case 'ListIdentifiers':
      case 'ListRecords':
        return this.list(req, body);
    }
  }

  private async identify(body: XMLBuilder): Promise<boolean> {
    body.ele(OAI, 'repositoryName').txt(this.cfg.repositoryName);
    body.ele(OAI, 'baseURL').txt(this.cfg.baseUrl);
    body.ele(OAI, 'protocolVersion').txt('2.0');
    body.ele(OAI, 'adminEmail').txt(this.cfg.adminEmail);
    const earliest = await earliestDatestamp(this.db());
    body.ele(OAI, 'earliestDatestamp').txt(earliest ?? '1970-01-01T00:00:00Z');
    body.ele(OAI, 'deletedRecord').txt('persistent');
    body.ele(OAI, 'granularity').txt('YYYY-MM-DDThh:mm:ssZ');
    const id = body
      .ele(OAI, 'description')
      .ele(OAI_ID, 'oai-identifier')
      .att(XSI, 'xsi:schemaLocation', `${OAI_ID} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd`);
    id.ele(OAI_ID, 'scheme').txt('oai');
    id.ele(OAI_ID, 'repositoryIdentifier').txt(this.cfg.repositoryId);
    id.ele(OAI_ID, 'delimiter').txt(':');
    id.ele(OAI_ID, 'sampleIdentifier').txt(this.identifierOf('model-law-against-trafficking-in-persons'));
    return true;
  }

  private async listMetadataFormats(body: XMLBuilder, identifier: string | undefined): Promise<boolean> {
    if (identifier !== undefined) await this.find(identifier);
    const f = body.ele(OAI, 'metadataFormat');
    f.ele(OAI, 'metadataPrefix').txt('oai_dc');
    f.ele(OAI, 'schema').txt('http://www.openarchives.org/OAI/2.0/oai_dc.xsd');
    f.ele(OAI, 'metadataNamespace').txt(OAI_DC);
    return true;
  }

  private requireFormat(prefix: string): void {
    if (prefix !== 'oai_dc')
      throw new OaiError('cannotDisseminateFormat', `the metadata format '${prefix}' is not offered; use oai_dc`);
  }

  private async find(identifier: string): Promise<Resource> {
    const id = this.localId(identifier);
    const row = id ? await getResource(this.db(), id) : undefined;
    if (!row || !exposed(row.resource))
      throw new OaiError('idDoesNotExist', `no item has the identifier '${identifier}'`);
    return row.resource;
  }

  private async list(req: OaiRequest, body: XMLBuilder): Promise<boolean> {
    const verb = req.verb as 'ListIdentifiers' | 'ListRecords';
    let state: ListState;
    const fromToken = req.args.resumptionToken !== undefined;
    if (fromToken) {
      state = decodeToken(req.args.resumptionToken!, verb);
    } else {
      this.requireFormat(req.args.metadataPrefix!);
      const set = req.args.set;
      if (set !== undefined && !SETS.some((s) => s.spec === set))
        throw new OaiError('badArgument', `'${set}' is not a set of this repository; ListSets lists them`);
      state = {
        verb,
        prefix: req.args.metadataPrefix,
        set,
        ...harvestBounds(req.args.from, req.args.until),
        cursor: 0,
      };
    }
    const size = this.pageSize;
    const page: Resource[] = [];
    let after = state.after;
    let more = false;
    for (;;) {
      const rows = await resourcesByDatestamp(this.db(), {
        from: state.from,
        until: state.until,
        after,
        limit: size * 2,
      });
      for (const r of rows) {
        if (!exposed(r) || !inSet(r, state.set)) continue;
        if (page.length === size) {
          more = true;
          break;
        }
        page.push(r);
      }
      if (more || rows.length < size * 2) break;
      after = [rows[rows.length - 1]!.datestamp, rows[rows.length - 1]!.id];
    }
    if (!page.length && !fromToken) throw new OaiError('noRecordsMatch', 'no records match these arguments');
    for (const r of page) {
      if (verb === 'ListIdentifiers') this.header(body, r);
      else this.record(body, r, false);
    }
    if (more || fromToken) {
      const last = page[page.length - 1];
      const token = body.ele(OAI, 'resumptionToken').att('cursor', String(state.cursor));
      if (more && last)
        token.txt(encodeToken({ ...state, after: [last.datestamp, last.id], cursor: state.cursor + page.length }));
    }
    return true;
  }

  private header(parent: XMLBuilder, r: Resource): void {
    const h = parent.ele(OAI, 'header');
    if (r.status !== 'published') h.att('status', 'deleted');
    h.ele(OAI, 'identifier').txt(this.identifierOf(r.id));
    h.ele(OAI, 'datestamp').txt(r.datestamp);
    for (const s of setsOf(r)) h.ele(OAI, 'setSpec').txt(s);
  }

  private record(parent: XMLBuilder, r: Resource, _single: boolean): void {
    const rec = parent.ele(OAI, 'record');
    this.header(rec, r);
    if (r.status !== 'published') return;
    const dc = rec
      .ele(OAI, 'metadata')
      .ele(OAI_DC, 'oai_dc:dc')
      .att('http://www.w3.org/2000/xmlns/', 'xmlns:dc', DC)
      .att(XSI, 'xsi:schemaLocation', `${OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd`);
    const el = (name: string, value: string | null | undefined) => {
      if (value) dc.ele(DC, `dc:${name}`).txt(value);
    };
    el('title', r.subtitle ? `${r.title}: ${r.subtitle}` : r.title);
    for (const a of [...r.authors, ...r.corporateAuthors]) el('creator', a);
    for (const t of r.topics) el('subject', words(t));
    el('description', r.abstract);
    el('publisher', r.publisher);
    el('date', r.date);
    el('type', words(r.type));
    el('type', r.type === 'video' ? 'MovingImage' : r.type === 'dataset' ? 'Dataset' : 'Text');
    for (const m of new Set(r.files.map((f) => f.mediaType))) el('format', m);
    el('identifier', this.cfg.pageUrl(r.id));
    if (r.isbn) el('identifier', `urn:isbn:${r.isbn}`);
    el('identifier', r.symbol);
    el('identifier', r.salesNumber ? `Sales No. ${r.salesNumber}` : null);
    for (const l of r.languages) el('language', l.language);
    for (const c of r.countries) el('coverage', countryByCode(c)?.name ?? c);
    el('rights', [r.rights, r.licence].filter(Boolean).join('; ') || null);
    if (r.url) el('relation', r.url);
  }
}
