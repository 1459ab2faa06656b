/**
 * The judged Arabic and Russian queries (bench/relevance/languages.json, over the authentic texts of the
 * Protocol's articles) through the analysis the engines use: normalisation and light stemming for
 * Arabic, Snowball for Russian, each far above a case-folding baseline.
 */
import { describe, expect, it } from 'vitest';
import { evaluateLanguages, loadLanguageSet, summary } from '../../bench/relevance/languages-eval.ts';

describe('Arabic and Russian retrieval (judged queries)', () => {
  const set = loadLanguageSet();
  const analyzed = evaluateLanguages(set, 'analyzed');
  const baseline = evaluateLanguages(set, 'baseline');

  it('finds what the judgments name, in both languages', () => {
    expect(summary(analyzed, 'ar')).toEqual({ n: 12, mrr: 1, recall: 1 });
    const ru = summary(analyzed, 'ru');
    expect(ru.n).toBe(10);
    expect(ru.mrr).toBeGreaterThanOrEqual(0.9);
    expect(ru.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('does much better than folding case alone', () => {
    expect(summary(baseline, 'ar').mrr).toBeLessThan(0.5);
    expect(summary(baseline, 'ru').mrr).toBeLessThan(0.5);
  });
});
