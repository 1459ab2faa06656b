/**
 * The OAI-PMH 2.0 provider: every verb and every error code, each response validated with
 * libxml2-wasm against OAI-PMH.xsd with the oai_dc and oai-identifier schemas
 * (../shared/data/schemas/oai-pmh-2.0/oai-pmh-bundle.xsd). Resumption tokens through a list,
 * from/until, sets, and withdrawn resources as persistent deleted records.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { XmlDocument, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { SYSTEM } from '../../src/modules/platform/index.ts';

const XSD = resolve('../shared/data/schemas/oai-pmh-2.0/oai-pmh-bundle.xsd');
let t: TestApp;
let validator: XsdValidator;
let schemaDoc: XmlDocument;

async function oai(query: string, method: 'GET' | 'POST' = 'GET'): Promise<string> {
  const r =
    method === 'GET'
      ? await t.app.inject({ url: `/oai?${query}` })
      : await t.app.inject({
          method: 'POST',
          url: '/oai',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: query,
        });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toContain('text/xml');
  const doc = XmlDocument.fromString(r.body);
  try {
    validator.validate(doc);
  } catch (e) {
    throw new Error(`invalid OAI-PMH response to ${query}: ${(e as Error).message}\n${r.body.slice(0, 2000)}`);
  } finally {
    doc.dispose();
  }
  return r.body;
}
const errorCode = (xml: string) => /<error code="([A-Za-z]+)"/.exec(xml)?.[1];
const identifiers = (xml: string) => [...xml.matchAll(/<identifier>([^<]+)<\/identifier>/g)].map((m) => m[1]!);
const token = (xml: string) => /<resumptionToken[^>]*>([^<]*)<\/resumptionToken>/.exec(xml)?.[1];

const create = async (title: string, extra: Record<string, unknown> = {}) =>
  t.services.library.resources.create(
    {
      type: 'issue_paper',
      title,
      corporateAuthors: ['United Nations Office on Drugs and Crime'],
      date: '2012',
      languages: [{ language: 'en', url: 'https://www.unodc.org/' }],
      topics: ['legislation'],
      countries: ['NGA'],
      ...extra,
    },
    SYSTEM,
    { status: 'published' },
  );

let withdrawn = '';
let draft = '';

beforeAll(async () => {
  xmlRegisterFsInputProviders();
  schemaDoc = XmlDocument.fromString(readFileSync(XSD, 'utf8'), { url: XSD });
  validator = XsdValidator.fromDoc(schemaDoc);
  t = await makeTestApp();
  for (let i = 1; i <= 4; i++) await create(`Issue paper number ${i}`);
  await create('Toolkit on forced labour', { type: 'toolkit', topics: ['labour_exploitation'] });
  const w = await create('An outdated guide');
  withdrawn = w.id;
  await t.services.library.resources.transition(w.id, { to: 'withdrawn', reason: 'superseded' }, SYSTEM);
  draft = (
    await t.services.library.resources.create(
      { type: 'report', title: 'A draft report', date: '2020', languages: [{ language: 'en' }] },
      SYSTEM,
    )
  ).id;
  t.services.library.oai.pageSize = 2;
});
afterAll(async () => {
  validator?.dispose();
  schemaDoc?.dispose();
  await t?.close();
});

const ID = (id: string) => `oai:localhost.local:${id}`;

describe('OAI-PMH verbs', () => {
  it('Identify: persistent deleted records, second granularity, an oai-identifier description', async () => {
    const xml = await oai('verb=Identify');
    expect(xml).toContain('<deletedRecord>persistent</deletedRecord>');
    expect(xml).toContain('<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>');
    expect(xml).toContain('<protocolVersion>2.0</protocolVersion>');
  });

  it('answers POST with form arguments as it answers GET, repeated arguments included', async () => {
    expect(await oai('verb=Identify', 'POST')).toContain('<protocolVersion>2.0</protocolVersion>');
    expect(await oai('verb=ListSets', 'POST')).toContain('<setSpec>type:issue_paper</setSpec>');
    // A repeated verb is badVerb (OAI-PMH 2.0, 3.6); another repeated argument is badArgument.
    expect(errorCode(await oai('verb=Identify&verb=Identify', 'POST'))).toBe('badVerb');
    expect(errorCode(await oai('verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', 'POST'))).toBe(
      'badArgument',
    );
    expect(errorCode(await oai('verb=Nope', 'POST'))).toBe('badVerb');
  });

  it('ListMetadataFormats, for the repository and for one item', async () => {
    expect(await oai('verb=ListMetadataFormats')).toContain('<metadataPrefix>oai_dc</metadataPrefix>');
    expect(await oai(`verb=ListMetadataFormats&identifier=${ID(withdrawn)}`)).toContain('oai_dc');
  });

  it('ListSets: by type and by topic', async () => {
    const xml = await oai('verb=ListSets');
    expect(xml).toContain('<setSpec>type:issue_paper</setSpec>');
    expect(xml).toContain('<setSpec>topic:legislation</setSpec>');
  });

  it('GetRecord: oai_dc of a published resource; a withdrawn one is a deleted header', async () => {
    const list = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=type:toolkit');
    const [toolkit] = identifiers(list);
    const xml = await oai(`verb=GetRecord&identifier=${toolkit}&metadataPrefix=oai_dc`);
    expect(xml).toContain('<dc:title>Toolkit on forced labour</dc:title>');
    expect(xml).toContain('<dc:coverage>Nigeria</dc:coverage>');
    const gone = await oai(`verb=GetRecord&identifier=${ID(withdrawn)}&metadataPrefix=oai_dc`);
    expect(gone).toContain('<header status="deleted">');
    expect(gone).not.toContain('<metadata>');
  });

  it('ListIdentifiers and ListRecords page with resumption tokens to the end; drafts never appear', async () => {
    for (const verb of ['ListIdentifiers', 'ListRecords']) {
      let xml = await oai(`verb=${verb}&metadataPrefix=oai_dc`);
      const seen = identifiers(xml);
      let pages = 1;
      for (let tok = token(xml); tok; tok = token(xml)) {
        xml = await oai(`verb=${verb}&resumptionToken=${encodeURIComponent(tok)}`);
        seen.push(...identifiers(xml));
        pages++;
      }
      expect(xml).toMatch(/<resumptionToken cursor="\d+"\/>/);
      expect(pages, verb).toBe(3);
      expect(new Set(seen).size, verb).toBe(6);
      expect(seen).toContain(ID(withdrawn));
      expect(seen).not.toContain(ID(draft));
    }
  });

  it('selective harvesting by from/until and by set', async () => {
    const future = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2999-01-01');
    expect(errorCode(future)).toBe('noRecordsMatch');
    const past = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&until=2000-01-01T00:00:00Z');
    expect(errorCode(past)).toBe('noRecordsMatch');
    const today = new Date().toISOString().slice(0, 10);
    const now = await oai(
      `verb=ListIdentifiers&metadataPrefix=oai_dc&from=${today}&until=${today}&set=topic:labour_exploitation`,
    );
    expect(identifiers(now)).toHaveLength(1);
  });
});

describe('OAI-PMH errors', () => {
  const cases: [string, string][] = [
    ['', 'badVerb'],
    ['verb=Frobnicate', 'badVerb'],
    ['verb=Identify&verb=ListSets', 'badVerb'],
    ['verb=Identify&extra=1', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', 'badArgument'],
    ['verb=ListRecords', 'badArgument'],
    ['verb=GetRecord&metadataPrefix=oai_dc', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-45', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2020-01-01T00:00:00Z', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2020-01-01', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&set=type:nonsense', 'badArgument'],
    ['verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat'],
    [
      'verb=GetRecord&identifier=oai:localhost.local:issue-paper-number-1&metadataPrefix=mods',
      'cannotDisseminateFormat',
    ],
    ['verb=GetRecord&identifier=oai:localhost.local:nothing&metadataPrefix=oai_dc', 'idDoesNotExist'],
    ['verb=GetRecord&identifier=oai:localhost.local:a-draft-report&metadataPrefix=oai_dc', 'idDoesNotExist'],
    ['verb=ListMetadataFormats&identifier=oai:elsewhere.org:x', 'idDoesNotExist'],
    ['verb=ListIdentifiers&metadataPrefix=oai_dc&set=type:video', 'noRecordsMatch'],
    ['verb=ListRecords&resumptionToken=not-a-token', 'badResumptionToken'],
    ['verb=ListIdentifiers&resumptionToken=eyJ2ZXJiIjoiTGlzdFNldHMiLCJjdXJzb3IiOjB9', 'badResumptionToken'],
  ];
  it.each(cases)('%s -> %s (schema-valid)', async (query, code) => {
    const xml = await oai(query);
    expect(errorCode(xml)).toBe(code);
    if (code === 'badVerb' || code === 'badArgument') expect(xml).toMatch(/<request>[^<]+<\/request>/);
  });
});
