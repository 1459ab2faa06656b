/**
 * The message catalogs as the app merges them: valid ICU, keys under their owner (both checked by the
 * I18n constructor), and every key the code names present in English. Keys built at run time are
 * checked by family in each module (e.g. src/modules/cases/i18n/catalog.test.ts); rendering every page in
 * the pseudo-locale (test/integration/pseudo-locale.test.ts) finds any other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createI18n } from './modules.ts';
import { DEFAULT_LOCALE } from '../kernel/i18n/i18n.ts';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('message catalogs', () => {
  const i18n = createI18n();
  const en = new Set(i18n.keys(DEFAULT_LOCALE));

  it('merge (valid ICU, every key under its owner, none twice) and the pseudo-locale marks every message', () => {
    expect(en.size).toBeGreaterThan(300);
    expect(new Set(i18n.keys('en-XA'))).toEqual(en);
    for (const key of en) {
      const ast = i18n.ast('en-XA', key)!;
      expect(
        [ast[0], ast.at(-1)].map((el) => (el && 'value' in el ? el.value : null)),
        key,
      ).toEqual(['⟦', '⟧']);
    }
  });

  it('has every key the code names literally', () => {
    const missing: string[] = [];
    let found = 0;
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/['`]((?:kernel|cases|platform)\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+)['`]/g)) {
        const key = m[1]!;
        found++;
        // A literal that begins other keys is a prefix the code completes (`${F}.${name}`), not a key.
        const prefix = [...en].some((k) => k.startsWith(`${key}.`));
        if (!/\.(ts|js|json)$/.test(key) && !en.has(key) && !prefix) missing.push(`${key} (${file.slice(SRC.length)})`);
      }
    }
    expect(found).toBeGreaterThan(150);
    expect(missing).toEqual([]);
  });
});
