/** `palermo law import FILE.xml` end to end: a real process, a real SQLite file, AKN validated by the schema. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/test-app.ts';
import { lawToAkn } from '../../src/modules/legislation/akn/akn-export.ts';
import type { LawWork, Provision } from '../../src/modules/legislation/domain/law-schema.ts';

const BIN = join(import.meta.dirname, '../../bin/palermo.js');

function palermo(args: string[], db: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, PALERMO_DB_PATH: db, PALERMO_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const work: LawWork = {
  id: 'ignored',
  country: 'KEN',
  title: 'Counter-Trafficking Test Act',
  type: 'act',
  number: 'No. 8',
  gazette: null,
  adopted: '2010-10-14',
  commenced: null,
  link: null,
  expressions: [],
  amendments: [],
  repeal: null,
  status: 'draft',
  version: 1,
  createdAt: '',
  updatedAt: '',
};
const provision: Provision = {
  lawId: 'ignored',
  eid: 'sec_3__subsec_1',
  from: '2010-10-14',
  to: null,
  heading: 'Trafficking in persons',
  text: 'A person who recruits another for exploitation commits an offence.',
  summary: null,
  link: null,
  citation: 's. 3(1)',
  tags: { articles: ['tip.3.a'], offences: [], acts: ['recruitment'], means: [], purposes: [], purposeList: null },
};

describe('palermo law import', () => {
  it('imports a schema-valid file; refuses an invalid one with the line, writing nothing', () => {
    const dir = tempDir();
    const db = join(dir, 'p.db');
    const bad = join(dir, 'bad.xml');
    writeFileSync(
      bad,
      '<?xml version="1.0"?>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">\n' +
        '<act name="act">\n<body/>\n</act>\n</akomaNtoso>\n',
    );
    const refused = palermo(['law', 'import', bad], db);
    expect(refused.status).toBe(65);
    expect(refused.stderr).toMatch(
      /not valid Akoma Ntoso 3\.0 \(line 4\): Element '\{[^}]+\}body': This element is not expected/,
    );

    const good = join(dir, 'good.xml');
    writeFileSync(good, lawToAkn(work, [provision], '2020-01-01'));
    const ok = palermo(['law', 'import', good, '--id', 'ken-cli-act'], db);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ law: 'ken-cli-act', status: 'draft', provisions: 1 });
    const again = palermo(['law', 'import', good, '--id', 'ken-cli-act'], db);
    expect(again.status).toBe(73);
    expect(again.stderr).toMatch(/a law 'ken-cli-act' exists already/);
  });
});
