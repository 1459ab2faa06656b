/** Links, notifications and differing entry into force (treaties-links-suite.ts) on SQLite and PostgreSQL. */
import { describe } from 'vitest';
import { makeTestApp } from '../helpers/test-app.ts';
import { pgTestUrl, PG_MISSING } from '../helpers/pg.ts';
import { treatyLinksSuite } from './treaties-links-suite.ts';

treatyLinksSuite('sqlite', () => makeTestApp({}, 'sqlite'));

describe.skipIf(!pgTestUrl())(`treaty links on PostgreSQL${pgTestUrl() ? '' : ` (${PG_MISSING})`}`, () => {
  treatyLinksSuite('postgres', () => makeTestApp({}, 'postgres'));
});
