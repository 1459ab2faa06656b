/**
 * Arabic for search: orthographic normalisation and a light stemmer (Larkey, Ballesteros and Connell,
 * "Light Stemming for Arabic Information Retrieval", 2007: the "light10" stemmer), which in their
 * evaluation retrieved better than root extraction and better than Snowball's Arabic rules here, which
 * keep the article (`الضحية` -> `الضح`).
 *
 * Normalisation: diacritics (tashkeel, superscript alef) and tatweel removed; alef with hamza above or
 * below, with madda and wasla -> bare alef; alef maqsura -> yeh; teh marbuta -> heh. So `الإتجار`,
 * `الاتجار` and `الاتّجار` are one word, and `ضحية` / `ضحيه` too.
 * Light stemming: a leading `و` (and) when three letters remain; then one article form (`ال`, `وال`,
 * `بال`, `كال`, `فال`, `لل`) when two remain; then each suffix of `ها ان ات ون ين يه ية ه ة ي`, in that
 * order, once, when two letters remain. Broken plurals (`ضحية` / `ضحايا`) are beyond a light stemmer.
 */

const DIACRITICS = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g; // tashkeel, superscript alef, Quranic marks, tatweel

/** Arabic orthographic normalisation (other scripts pass through unchanged). */
export function normalizeArabic(word: string): string {
  return word
    .replace(DIACRITICS, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627') // آ أ إ ٱ -> ا
    .replace(/\u0649/g, '\u064A') // ى -> ي
    .replace(/\u0629/g, '\u0647'); // ة -> ه
}

const ARTICLES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'].map(normalizeArabic);
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ية', 'ه', 'ة', 'ي'].map(normalizeArabic);

/** The light10 stem of one word (normalised first); a word with no Arabic letter comes back as it is. */
export function arabicLightStem(word: string): string {
  if (!/[\u0600-\u06FF]/.test(word)) return word;
  let w = normalizeArabic(word);
  if (w.startsWith('و') && w.length - 1 >= 3) w = w.slice(1);
  for (const a of ARTICLES) {
    if (w.startsWith(a) && w.length - a.length >= 2) {
      w = w.slice(a.length);
      break;
    }
  }
  for (const s of SUFFIXES) if (w.endsWith(s) && w.length - s.length >= 2) w = w.slice(0, -s.length);
  return w;
}
