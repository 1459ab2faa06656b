/**
 * Every catalog of the app (the kernel's and each module's `messages/en.json`) is complete in the six
 * UN languages: no key missing, no placeholder or tag that differs from English, valid ICU, plural
 * messages with exactly the language's plural categories, and `$meta` saying how it was translated.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCatalog } from './catalog-check.ts';
import { UI_LOCALES } from './locales.ts';

const SRC = fileURLToPath(new URL('../..', import.meta.url));

const englishCatalogs = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? englishCatalogs(join(dir, e.name))
      : e.name === 'en.json' && dir.endsWith('messages')
        ? [join(dir, e.name)]
        : [],
  );

const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;

describe('catalogs in the six UN languages', () => {
  const files = englishCatalogs(SRC);

  it('finds the catalogs of the kernel and every module', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  it('checks what it should (the check itself)', () => {
    const en = { a: '{n, plural, one {# case} other {# cases}}', b: 'Hello <b>{name}</b>', c: 'x' };
    const meta = { language: 'ru', machineAssisted: true, reviewed: false, date: '2026-12-04', terminology: '' };
    expect(
      checkCatalog('ru', en, { $meta: meta, a: '{n, plural, one {# дело} other {# дела}}', b: 'Привет {name}' }),
    ).toEqual([
      'a: plural categories missing [few,many] extra []',
      'b: placeholders differ: en [<b> {name}] ru [{name}]',
      'c: missing',
    ]);
    const pendingMeta = { ...meta, language: 'fr', pending: ['c', 'zz', 'a'] };
    expect(
      checkCatalog('fr', en, {
        $meta: pendingMeta,
        a: '{n, plural, one {# affaire} many {# d’affaires} other {# affaires}}',
        b: '<b>{name}</b>',
      }),
    ).toEqual(['zz: pending but not in English', 'a: pending but translated']);
    expect(checkCatalog('fr', { a: 'x' }, { a: '{oops' })).toEqual([
      '$meta: missing',
      expect.stringMatching(/^a: not valid ICU/),
    ]);
  });

  for (const locale of UI_LOCALES.filter((l) => l !== 'en')) {
    it(`${locale}: every catalog complete and consistent with English`, () => {
      const problems = files.flatMap((en) => {
        const file = en.replace(/en\.json$/, `${locale}.json`);
        const where = file.slice(SRC.length);
        if (!existsSync(file)) return [`${where}: missing file`];
        return checkCatalog(locale, read(en), read(file)).map((p) => `${where}: ${p}`);
      });
      expect(problems).toEqual([]);
    });
  }
});
