/** The cases catalog has the keys the module builds at run time: terms, facets, statistics. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, I18n } from '../../../kernel/i18n/i18n.ts';
import { KERNEL_MESSAGES } from '../../../kernel/i18n/kernel-messages.ts';
import type { KeyedStatTable } from '../../../kernel/web/stat-table.ts';
import { casesModule } from '../module.ts';
import { TAXONOMY, type Term, type Vocabulary } from '../domain/taxonomy.ts';
import { FACET_FIELDS } from '../search/facet-fields.ts';
import { STATS, StatsService } from '../services/stats-service.ts';
import { termKey } from './labels.ts';

const i18n = new I18n([
  { owner: 'kernel', catalogs: KERNEL_MESSAGES },
  { owner: 'cases', catalogs: casesModule.messages },
]);
const en = new Set(i18n.keys(DEFAULT_LOCALE));
const t = i18n.translator(DEFAULT_LOCALE);

describe('cases catalog', () => {
  it('labels every term of every vocabulary (the API answers the English labels)', () => {
    for (const [vocabulary, terms] of Object.entries(TAXONOMY)) {
      for (const term of terms as readonly Term[]) {
        expect(t.t(termKey(vocabulary as Vocabulary, term.code))).not.toBe(term.code);
      }
    }
  });

  it('names every facet', () => {
    for (const field of FACET_FIELDS) expect(en.has(`cases.facet.${field}`), field).toBe(true);
  });

  it('has the title and note of every statistic, and the small-cell rule', () => {
    const keysOf = (k: Pick<KeyedStatTable, 'title' | 'note'>) => [k.title.key, k.note.key];
    for (const [name, def] of Object.entries(STATS)) {
      for (const key of keysOf(def)) expect(en.has(key), `${name}: ${key}`).toBe(true);
    }
    const rule = (minCell: number) => {
      const m = new StatsService(null as never, minCell).rule;
      return t.t(m.key, m.values);
    };
    expect(rule(1)).toBe('Every count is shown exactly.');
    expect(rule(3)).toMatch(/^Counts resting on 1 to 2 cases are shown as “fewer than 3”/);
    expect(rule(2)).toMatch(/^Counts resting on 1 to 1 case are shown as “fewer than 2”/);
  });
});
