/** `palermo assistance iati` and `palermo assistance report`, in process, on a seeded SQLite file. */
import { describe, it, expect, beforeAll } from 'vitest';
import { loadConfig, type Config } from '../../src/kernel/config/config.ts';
import { boot, closeServices, seedModules } from '../../src/app/boot.ts';
import { buildCli } from '../../src/app/cli.ts';
import { tempDbPath } from '../helpers/test-app.ts';
import { iatiErrors } from '../helpers/iati-xsd.ts';

let config: Readonly<Config>;

async function palermo(...args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s), isTty: false };
  const status = await buildCli(config, io).run(['node', 'palermo', ...args]);
  return { status, out, err };
}

beforeAll(async () => {
  config = loadConfig({ PALERMO_DB_PATH: tempDbPath(), PALERMO_LOG_LEVEL: 'silent' }, {}, null);
  const services = await boot(config);
  await seedModules(services);
  await closeServices(services);
});

describe('palermo assistance', () => {
  it('iati writes a valid IATI 2.03 file, filtered by the options', async () => {
    const all = await palermo('assistance', 'iati');
    expect(all.status, all.err).toBe(0);
    expect(iatiErrors(all.out)).toEqual([]);
    expect(all.err).toContain('left out (no date): bol-joint-programme');
    const one = await palermo('assistance', 'iati', '--country', 'ALB');
    expect(one.out.match(/<iati-activity /g)).toHaveLength(1);
    const bad = await palermo('assistance', 'iati', '--country', 'Albania');
    expect(bad.status).toBe(65);
    expect(bad.err).toContain('country');
  });

  it('report prints a table as JSON or CSV, and names the reports on a wrong one', async () => {
    const csv = await palermo('assistance', 'report', 'by-type', '--format', 'csv');
    expect(csv.status).toBe(0);
    expect(csv.out.split('\n')[0]).toBe('type,activities,participants');
    expect(csv.out).toContain('joint_programme,6,0');
    const json = JSON.parse((await palermo('assistance', 'report', 'countries', '--year', '2012')).out);
    expect(json.rows.map((r: { country: string }) => r.country)).toEqual(['BEN', 'GIN', 'TGO', 'VEN']);
    const wrong = await palermo('assistance', 'report', 'nonsense');
    expect(wrong.status).toBe(64);
    expect(wrong.err).toContain('by-year');
  });
});
