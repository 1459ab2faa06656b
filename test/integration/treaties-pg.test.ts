/** The treaty API contract (treaties-suite.ts) on PostgreSQL, when a test server is available. */
import { describe } from 'vitest';
import { makeTestApp } from '../helpers/test-app.ts';
import { pgTestUrl, PG_MISSING } from '../helpers/pg.ts';
import { treatyApiSuite } from './treaties-suite.ts';

describe.skipIf(!pgTestUrl())(`treaty API on PostgreSQL${pgTestUrl() ? '' : ` (${PG_MISSING})`}`, () => {
  treatyApiSuite('postgres', () => makeTestApp({}, 'postgres'));
});
