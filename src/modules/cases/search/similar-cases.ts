/**
 * Similar cases: those that share the article 3 profile (purposes, means, acts, sector, form) and
 * the distinctive terms of the facts (highest tf-idf in the index's own vocabulary), best first,
 * each with its structured reasons (shared profile codes, shared words), which similar-reasons.ts
 * (the API's English line) and the case page (translated) render. Only published cases are
 * indexed, so only they can be similar.
 */
import type { CaseRecord } from '../domain/case-schema.ts';
import type { Vocabulary as VocabName } from '../domain/taxonomy.ts';
import type { CaseStore } from '../store/case-store.ts';
import { analyze, isStopWord, tokenize } from '../../../kernel/search/analyzer.ts';
import type { FacetField } from './facet-fields.ts';
import type { SameKind, SimilarCase, SimilarReason } from './search-engine.ts';
import type { Vocabulary } from '../../../kernel/search/vocabulary.ts';
import type { SimilarIndex } from '../../../kernel/search/search-source.ts';

/** The engine's index (lent to the source's `similar` hook) and the case store. */
type Deps = SimilarIndex & { store: CaseStore };

const PROFILE: {
  field: FacetField;
  vocab: VocabName;
  weight: number;
  name: SameKind extends `same_${infer N}` ? N : never;
}[] = [
  { field: 'purposes', vocab: 'purposes', weight: 3, name: 'purpose' },
  { field: 'means', vocab: 'means', weight: 2, name: 'means' },
  { field: 'sectors', vocab: 'sectors', weight: 2, name: 'sector' },
  { field: 'acts', vocab: 'acts', weight: 1, name: 'act' },
  { field: 'forms', vocab: 'forms', weight: 1, name: 'form' },
];
const TERMS = 8;
const CANDIDATES = 300;

/** The most distinctive words of the facts: frequent here, rare in the index. */
function distinctiveTerms(rec: CaseRecord, vocab: Vocabulary, total: number): { token: string; word: string }[] {
  const tf = new Map<string, { n: number; word: string }>();
  // One language: English when the case has it (the bulk of the index), else its first.
  const narratives = Object.entries(rec.narratives);
  const chosen = narratives.filter(([l]) => l === 'en' || l.startsWith('en-')).slice(0, 1);
  for (const [lang, n] of chosen.length ? chosen : narratives.slice(0, 1)) {
    if (!n.facts) continue;
    const stems = analyze(n.facts, lang);
    const words = tokenize(n.facts);
    stems.forEach((t, i) => {
      if (t.length < 4 || /^\d+$/.test(t) || isStopWord(words[i] ?? t)) return;
      const e = tf.get(t) ?? { n: 0, word: words[i] ?? t };
      e.n++;
      tf.set(t, e);
    });
  }
  const scored: { token: string; word: string; score: number }[] = [];
  for (const [token, { n, word }] of tf) {
    const df = vocab.docFreq(token);
    if (df < 2 || df > total * 0.05) continue; // must occur elsewhere, and be distinctive (in at most 5% of cases)
    scored.push({ token, word, score: (1 + Math.log(n)) * Math.log(total / df) });
  }
  return scored.sort((a, b) => b.score - a.score || (a.token < b.token ? -1 : 1)).slice(0, TERMS);
}

export async function findSimilar(deps: Deps, id: string, limit: number): Promise<SimilarCase[] | undefined> {
  const facets = deps.facets;
  const seq0 = await deps.seqOf(id);
  if (seq0 === undefined) return undefined;
  const seqRow = { seq: seq0 };
  const rec = await deps.store.cases.get(id);
  if (!rec || rec.status !== 'published') return undefined;
  const mySlot = facets.slotOf(seqRow.seq)!;
  const mine = new Map(PROFILE.map((p) => [p.field, new Set(facets.valuesOf(mySlot, p.field))]));

  const terms = distinctiveTerms(rec, deps.vocabulary, Math.max(facets.size, 1));
  const text = new Map<number, number>();
  if (terms.length) {
    for (const [seq, score] of await deps.top(
      terms.map((t) => t.token),
      CANDIDATES + 1,
    ))
      if (seq !== seqRow.seq) text.set(seq, score);
  }
  // Cases sharing every purpose are candidates even without shared words.
  const purposes = [...(mine.get('purposes') ?? [])];
  if (purposes.length) {
    const slots = facets.allSlots();
    const { passing } = facets.evaluate(slots, { purposes, kind: ['case'] }, false);
    for (let i = 0; i < passing.length && text.size < CANDIDATES * 2; i++) {
      const seq = facets.seqOf(slots[passing[i]!]!);
      if (seq !== seqRow.seq && !text.has(seq)) text.set(seq, 0);
    }
  }
  const maxText = Math.max(1e-9, ...text.values());
  const scored: { seq: number; score: number; shared: SimilarReason[] }[] = [];
  const termSet = new Set(terms.map((t) => t.token));
  for (const [seq, t] of text) {
    const slot = facets.slotOf(seq);
    if (slot === undefined || facets.valuesOf(slot, 'kind')[0] !== 'case') continue; // cases are similar to cases
    let num = 0;
    let den = 0;
    const shared: SimilarReason[] = [];
    for (const p of PROFILE) {
      const a = mine.get(p.field)!;
      const b = new Set(facets.valuesOf(slot, p.field));
      const union = new Set([...a, ...b]).size;
      const inter = [...a].filter((v) => b.has(v));
      if (union) {
        num += (p.weight * inter.length) / union;
        den += p.weight;
      }
      if (inter.length) shared.push({ kind: `same_${p.name}` as SameKind, values: inter });
    }
    const profile = den ? num / den : 0;
    scored.push({ seq, score: 0.6 * profile + 0.4 * (t / maxText), shared });
  }
  scored.sort((a, b) => b.score - a.score || a.seq - b.seq);
  const top = scored.slice(0, limit);
  const records = await deps.store.cases.getMany(await deps.idsOf(top.map((s) => s.seq)));
  const out: SimilarCase[] = [];
  for (const [i, s] of top.entries()) {
    const r = records[i];
    if (!r || r.status !== 'published') continue;
    const words = terms
      .filter((t) => termSet.has(t.token) && containsToken(r, t.token))
      .map((t) => t.word)
      .slice(0, 4);
    const reasons: SimilarReason[] = s.shared.slice(0, 3);
    if (words.length) reasons.push({ kind: 'shared_words', words });
    out.push({ id: r.id, score: Math.round(s.score * 1000) / 1000, reasons, record: r });
  }
  return out;
}

function containsToken(rec: CaseRecord, token: string): boolean {
  for (const [lang, n] of Object.entries(rec.narratives))
    if (n.facts && analyze(n.facts, lang).includes(token)) return true;
  return false;
}
