/**
 * Issue 21: the OpenAPI document is the contract. Checked here for what every operation must say, and
 * by a tool that did not write it: Redocly CLI's recommended rules (zero errors), on the document
 * the server serves.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTestApp, tempDir, type TestApp } from '../helpers/test-app.ts';

type Op = {
  operationId?: string;
  summary?: string;
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }>; headers?: object }>;
};

let t: TestApp;
let doc: { paths: Record<string, Record<string, Op>>; servers?: unknown[]; info: { license: object } };
const ops = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );

beforeAll(async () => {
  t = await makeTestApp({ rateLimit: 0, rateLimitToken: 0 });
  doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
});
afterAll(async () => t.close());

describe('the OpenAPI document', () => {
  it('describes the API only, with servers and the licence as an SPDX identifier', () => {
    expect(ops().length).toBeGreaterThan(100);
    expect(Object.keys(doc.paths).every((p) => /^\/(api\/|healthz|oai|library\/)/.test(p))).toBe(true);
    expect(doc.servers).toEqual([{ url: '/', description: 'This Palermo server' }]);
    expect(doc.info.license).toEqual({ name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' });
  });

  it('every operation: a unique operationId, a summary, security, a success response', () => {
    const ids = new Set<string>();
    for (const { path, method, op } of ops()) {
      const where = `${method} ${path}`;
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(ids.has(op.operationId!), where).toBe(false);
      ids.add(op.operationId!);
      expect(op.summary?.length, where).toBeGreaterThan(5);
      expect(op.security?.length, where).toBeGreaterThan(0);
      expect(
        Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)),
        where,
      ).toBe(true);
    }
  });

  it('every error with the error schema; 429 with Retry-After and X-RateLimit-* on every /api operation', () => {
    for (const { path, method, op } of ops()) {
      for (const [status, res] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        expect(res.content?.['application/json']?.schema?.$ref, `${method} ${path} ${status}`).toBe(
          '#/components/schemas/Error',
        );
      }
      if (!path.startsWith('/api/')) continue;
      const limited = op.responses['429'];
      expect(Object.keys(limited?.headers ?? {}), `${method} ${path}`).toEqual([
        'Retry-After',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
      ]);
      // Writes need a token; a body can be too large or of the wrong type.
      if (method !== 'get') expect(op.security, `${method} ${path}`).toEqual([{ bearerAuth: [] }]);
      if (op.requestBody) expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['413', '415']));
    }
  });

  it('declares only the path parameters the path has (no sha256 on /cases/{id}/documents)', () => {
    for (const { path, op } of ops())
      for (const p of op.parameters ?? []) if (p.in === 'path') expect(path).toContain(`{${p.name}}`);
    const upload = doc.paths['/api/v1/cases/{id}/documents']!.post!;
    expect(upload.parameters!.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(['id']);
  });

  it('request bodies with their media types: JSON Lines imports, document files, restore', () => {
    expect(Object.keys(doc.paths['/api/v1/imports']!.post!.requestBody!.content)).toEqual(['application/x-ndjson']);
    expect(Object.keys(doc.paths['/api/v1/cases/{id}/documents']!.post!.requestBody!.content)).toEqual(
      expect.arrayContaining(['application/pdf', 'text/plain', 'text/html']),
    );
    const restore = doc.paths['/api/v1/cases/{id}/versions/{version}/restore']!.post!;
    expect(Object.keys(restore.requestBody!.content)).toEqual(['application/json']);
  });

  it('schemas as strict as the server: country enums, statuses, date patterns, language tags, q length', () => {
    const text = JSON.stringify(doc);
    type Prop = {
      enum?: string[];
      $ref?: string;
      pattern?: string;
      anyOf?: { pattern?: string }[];
      propertyNames: { pattern: string };
    };
    const schemas = (
      doc as unknown as { components: { schemas: Record<string, { properties: Record<string, Prop> }> } }
    ).components.schemas;
    const caseInput = schemas.CaseInput!.properties;
    expect(caseInput.jurisdiction!.$ref).toBe('#/components/schemas/CountryCode');
    expect(schemas.CountryCode!.properties ?? (schemas.CountryCode as unknown as Prop).enum).toContain('PHL');
    expect(caseInput.decisionDate!.anyOf?.[0]?.pattern ?? caseInput.decisionDate!.pattern).toBeDefined();
    expect(caseInput.narratives!.propertyNames.pattern).toBe('^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$');
    const transition = doc.paths['/api/v1/cases/{id}/transitions']!.post!.requestBody!.content['application/json'] as {
      schema: { properties: { to: { enum: string[] } } };
    };
    expect(transition.schema.properties.to.enum).toEqual(['draft', 'in_review', 'published', 'withdrawn']);
    const q = doc.paths['/api/v1/search']!.get!.parameters!.find((p) => p.name === 'q') as unknown as {
      schema: { maxLength: number };
    };
    expect(q.schema.maxLength).toBe(2000);
    expect(text.includes('"version":{"type":"integer","minimum":1}')).toBe(true);
  });

  it('Redocly CLI (recommended rules) finds no error', async () => {
    const file = join(tempDir(), 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const bin = join(process.cwd(), 'node_modules', '.bin', 'redocly');
    const run = await promisify(execFile)(bin, ['lint', file, '--config', 'redocly.yaml', '--format', 'summary'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((e: { stdout: string; stderr: string }) => e);
    const out = `${run.stdout}\n${run.stderr}`;
    expect(out, out).toMatch(/Your API description is valid/);
    expect(out).not.toMatch(/^error/m);
  }, 60_000);
});
