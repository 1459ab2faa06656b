/**
 * Which languages a query word is analysed in. The corpus's main languages (en, es, fr, pt) for words
 * in Latin script, as before; a word in Cyrillic is also analysed as Russian and a word in Arabic
 * script as Arabic, so that it meets the index tokens of Russian and Arabic texts (each text is
 * indexed in its own language). Chinese needs nothing: Han text is bigrammed whatever the language.
 */
export function queryLanguagesFor(word: string, base: readonly string[]): readonly string[] {
  if (/\p{Script=Cyrillic}/u.test(word)) return base.includes('ru') ? base : [...base, 'ru'];
  if (/\p{Script=Arabic}/u.test(word)) return base.includes('ar') ? base : [...base, 'ar'];
  return base;
}
