/** Issue 21: a search box never fails a person. The API corrects and says so; strict=true keeps the 400. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { moveTo } from '../helpers/workflow.ts';
import { caseInput } from '../factories/case-factory.ts';

let t: TestApp;
const TITLE = 'Dosar nr 1ra - 433/2009';

beforeAll(async () => {
  t = await makeTestApp({ rateLimit: 0, rateLimitToken: 0 });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: AUTH,
    payload: caseInput({ id: 'dosar-433-2009', title: TITLE, jurisdiction: 'MDA' }),
  });
  expect(res.statusCode, res.body).toBe(201);
  await moveTo(t.app, 'dosar-433-2009', 'published');
});
afterAll(async () => t.close());

const search = async (q: string, extra = '') => {
  const res = await t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}${extra}` });
  return { status: res.statusCode, body: res.json() };
};

describe('GET /api/v1/search with a query that cannot be read', () => {
  it('finds the case by its pasted title and says what it searched for', async () => {
    const { status, body } = await search(TITLE);
    expect(status).toBe(200);
    expect(body.hits.map((h: { id: string }) => h.id)).toContain('dosar-433-2009');
    expect(body.corrected).toMatchObject({ from: TITLE, to: 'Dosar nr 1ra 433/2009' });
    expect(body.corrected.reason).toMatch(/dangling operator/);
  });

  it.each([
    '"Dosar nr 1ra',
    'Dosar (433/2009',
    'Dosar 433/2009)',
    'Dosar nr. 1ra-433/2009 AND',
    'OR Dosar - - 433/2009 NOT',
    'Dosar OR -nothing',
    '1ra - 433/2009 ((',
  ])('%s gives results', async (q) => {
    const { status, body } = await search(q);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.corrected?.from).toBe(q);
    expect(body.total).toBeGreaterThan(0);
  });

  it('a query that parses has corrected: null', async () => {
    const { body } = await search('Dosar 433/2009');
    expect(body.corrected).toBeNull();
    expect(body.total).toBe(1);
  });

  it('strict=true keeps the 400 QUERY_SYNTAX with its suggestion', async () => {
    const { status, body } = await search(TITLE, '&strict=true');
    expect(status).toBe(400);
    expect(body.error.code).toBe('QUERY_SYNTAX');
    expect(body.error.details.suggestion).toBe('Dosar nr 1ra 433/2009');
  });

  it('with kind= as well', async () => {
    const { status, body } = await search(TITLE, '&kind=case');
    expect(status).toBe(200);
    expect(body.corrected.to).toBe('Dosar nr 1ra 433/2009');
  });
});

describe('the search page', () => {
  it('shows the results for the correction and says so', async () => {
    const res = await t.app.inject({ url: `/search?q=${encodeURIComponent(TITLE)}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Showing results for');
    expect(res.body).toContain('your query could not be read as written: dangling operator');
    expect(res.body).toContain('/cases/dosar-433-2009');
  });
});
