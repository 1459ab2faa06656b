/**
 * Arabic and Russian retrieval, judged (bench/relevance/languages.json): every document is indexed as
 * the engines index a text in its language (`analyze(text, lang)`), every query word is expanded as the
 * engines expand it (`queryVariants`), and a document matches when each query word has a variant among
 * its tokens (AND, the engines' default). Ranked by the share of the document's tokens the query
 * covers. Compared with a baseline that only folds case (`tokenize`, no normalisation or stemming).
 *   node --import tsx bench/relevance/languages-eval.ts
 */
import { readFileSync } from 'node:fs';
import { analyze, queryVariants, tokenize } from '../../src/kernel/search/analyzer.ts';

export interface LanguageSet {
  documents: { id: string; lang: string; text: string }[];
  queries: { id: string; lang: string; q: string; relevant: string[]; tests: string }[];
}

export interface QueryScore {
  id: string;
  lang: string;
  q: string;
  rr: number;
  recall: number;
  got: string[];
}

type Mode = 'analyzed' | 'baseline';

export function loadLanguageSet(): LanguageSet {
  return JSON.parse(readFileSync(new URL('./languages.json', import.meta.url), 'utf8')) as LanguageSet;
}

export function evaluateLanguages(set: LanguageSet, mode: Mode): QueryScore[] {
  const index = set.documents.map((d) => {
    const tokens = mode === 'analyzed' ? analyze(d.text, d.lang) : tokenize(d.text);
    return { id: d.id, tokens, set: new Set(tokens) };
  });
  return set.queries.map((q) => {
    const words = q.q.split(/\s+/).filter(Boolean);
    // Each word: its alternatives, each a token sequence (one token for the words of these scripts).
    const alternatives = words.map((w) => (mode === 'analyzed' ? queryVariants(w) : [tokenize(w).join(' ')]));
    const hits = index
      .filter((d) => alternatives.every((alts) => alts.some((a) => a.split(' ').every((t) => d.set.has(t)))))
      .map((d) => ({ id: d.id, score: words.length / d.tokens.length }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, 10)
      .map((h) => h.id);
    const first = hits.findIndex((id) => q.relevant.includes(id));
    const found = hits.filter((id) => q.relevant.includes(id)).length;
    return {
      id: q.id,
      lang: q.lang,
      q: q.q,
      rr: first < 0 ? 0 : 1 / (first + 1),
      recall: found / q.relevant.length,
      got: hits,
    };
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export function summary(scores: QueryScore[], lang: string): { n: number; mrr: number; recall: number } {
  const mine = scores.filter((s) => s.lang === lang);
  return { n: mine.length, mrr: mean(mine.map((s) => s.rr)), recall: mean(mine.map((s) => s.recall)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const set = loadLanguageSet();
  const analyzed = evaluateLanguages(set, 'analyzed');
  const baseline = evaluateLanguages(set, 'baseline');
  console.log('lang  n   MRR@10 (baseline)  recall@10 (baseline)');
  for (const lang of ['ar', 'ru']) {
    const a = summary(analyzed, lang);
    const b = summary(baseline, lang);
    console.log(
      `${lang}   ${a.n}  ${a.mrr.toFixed(3)} (${b.mrr.toFixed(3)})      ` +
        `${a.recall.toFixed(3)} (${b.recall.toFixed(3)})`,
    );
  }
  for (const s of analyzed.filter((x) => x.rr < 1)) console.log(`miss ${s.id} "${s.q}": ${s.got.join(', ') || '-'}`);
}
