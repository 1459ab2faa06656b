/**
 * Language plumbing for the analyzer: which languages have a stemmer, how a language tag maps to
 * one, the raw Snowball stemmers (from `snowball-stemmers`, a JS port of the Snowball project — the
 * same algorithms as PostgreSQL's `*_stem` dictionaries), the small post-stem rules the analyzer
 * adds, and per-language stop words.
 *
 * Stemmers receive the lower-cased, NFKC word WITH its accents: Snowball's Spanish, French and
 * Portuguese rules depend on them (`explotación` -> `explot`, but `explotacion` -> `explotacion`).
 * The analyzer folds accents off the stem afterwards.
 */
import { createRequire } from 'node:module';
import { arabicLightStem } from './arabic.ts';

interface SnowballStemmer {
  stem(word: string): string;
}
interface SnowballFactory {
  newStemmer(algorithm: string): SnowballStemmer;
}

const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as SnowballFactory;

/** ISO 639-1 code -> Snowball algorithm name, for every algorithm the package ships (bar `porter`). */
const ALGORITHMS: Readonly<Record<string, string>> = {
  en: 'english',
  es: 'spanish',
  fr: 'french',
  pt: 'portuguese',
  de: 'german',
  it: 'italian',
  nl: 'dutch',
  ro: 'romanian',
  ru: 'russian',
  sv: 'swedish',
  da: 'danish',
  no: 'norwegian',
  fi: 'finnish',
  hu: 'hungarian',
  tr: 'turkish',
  ar: 'arabic',
  hy: 'armenian',
  eu: 'basque',
  ca: 'catalan',
  cs: 'czech',
  ga: 'irish',
  sl: 'slovene',
  ta: 'tamil',
};

export const SUPPORTED_LANGUAGES: readonly string[] = Object.freeze(Object.keys(ALGORITHMS));

/** Other spellings of the supported languages: ISO 639-2/3 codes, Norwegian variants, English names. */
const ALIASES: Readonly<Record<string, string>> = {
  eng: 'en',
  spa: 'es',
  fra: 'fr',
  fre: 'fr',
  por: 'pt',
  deu: 'de',
  ger: 'de',
  ita: 'it',
  nld: 'nl',
  dut: 'nl',
  ron: 'ro',
  rum: 'ro',
  mo: 'ro',
  rus: 'ru',
  swe: 'sv',
  dan: 'da',
  nor: 'no',
  nb: 'no',
  nn: 'no',
  nob: 'no',
  nno: 'no',
  fin: 'fi',
  hun: 'hu',
  tur: 'tr',
  ara: 'ar',
  arb: 'ar',
  hye: 'hy',
  arm: 'hy',
  eus: 'eu',
  baq: 'eu',
  cat: 'ca',
  ces: 'cs',
  cze: 'cs',
  gle: 'ga',
  slv: 'sl',
  tam: 'ta',
};
for (const [code, name] of Object.entries(ALGORITHMS)) (ALIASES as Record<string, string>)[name] = code;

export const DEFAULT_LANGUAGE = 'en';

/**
 * The stemming language for a BCP 47 tag (or ISO 639-2/3 code, or English language name):
 * its primary subtag when a stemmer exists for it (`pt-BR` -> `pt`, `nb-NO` -> `no`), otherwise
 * English — for missing, malformed and stemmer-less tags alike (`zh-Hant` -> `en`). English is the
 * corpus's majority language and the lingua franca of words quoted inside other-language text;
 * the English stemmer leaves words of other scripts alone, and Han/kana/Hangul/Thai text is
 * bigrammed whatever the language.
 */
export function stemLanguage(lang: string | null | undefined): string {
  if (typeof lang !== 'string') return DEFAULT_LANGUAGE;
  const primary = lang.trim().toLowerCase().split(/[-_]/, 1)[0] ?? '';
  if (Object.hasOwn(ALGORITHMS, primary)) return primary;
  if (Object.hasOwn(ALIASES, primary)) return ALIASES[primary] ?? DEFAULT_LANGUAGE;
  return DEFAULT_LANGUAGE;
}

/**
 * Suffixes that Spanish and Portuguese writers (and OCR, and people typing queries) often leave
 * unaccented, restored before stemming so `explotacion` stems like `explotación` and `exploracao`
 * like `exploração`. Only suffixes that are unambiguous in the language are listed.
 */
const UNACCENTED_SUFFIXES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  es: [
    ['cion', 'ción'],
    ['sion', 'sión'],
  ],
  pt: [
    ['cao', 'ção'],
    ['coes', 'ções'],
    ['sao', 'são'],
    ['soes', 'sões'],
  ],
};

function restoreAccents(lang: string, word: string): string {
  const rules = UNACCENTED_SUFFIXES[lang];
  if (rules === undefined) return word;
  for (const [plain, accented] of rules) {
    if (word.length > plain.length + 1 && word.endsWith(plain)) {
      return word.slice(0, word.length - plain.length) + accented;
    }
  }
  return word;
}

/**
 * English post-stem rule: Snowball keeps the `k` that English inserts after `-ic` before `-ed`,
 * `-ing`, `-er` (traffic / traffick-ed / traffick-ing / traffick-ers, likewise panic, mimic, picnic,
 * frolic). Dropping the final `k` of a stem ending in `ick` (6+ letters, so trick, stick, click stay)
 * maps the whole family to `traffic`. Every form of a word goes through it, so it never splits one.
 */
function englishPostStem(stem: string): string {
  return stem.length >= 6 && stem.endsWith('ick') ? stem.slice(0, -1) : stem;
}

const instances = new Map<string, SnowballStemmer>();

/**
 * A stemming function for a supported language code (see `SUPPORTED_LANGUAGES`); its input is a
 * lower-cased word with accents, its output the stem, still accented. Never throws: a word the
 * stemmer chokes on comes back unchanged.
 */
export function rawStemmer(lang: string): (word: string) => string {
  if (lang === 'ar') return arabicLightStem; // normalisation and light stemming (arabic.ts), not Snowball's
  const algorithm = ALGORITHMS[lang];
  if (algorithm === undefined) throw new Error(`no stemmer for language ${lang}`);
  let stemmer = instances.get(lang);
  if (stemmer === undefined) {
    stemmer = snowball.newStemmer(algorithm);
    instances.set(lang, stemmer);
  }
  const s = stemmer;
  const post = lang === 'en' ? englishPostStem : null;
  const restore = Object.hasOwn(UNACCENTED_SUFFIXES, lang);
  return (word: string): string => {
    let out: string;
    try {
      out = s.stem(restore ? restoreAccents(lang, word) : word);
    } catch {
      out = word;
    }
    if (out.length === 0) out = word;
    return post === null ? out : post(out);
  };
}

/**
 * Stop words, already folded (lower case, no accents). Deliberately small: function words only,
 * leaving out words that are content words in another default language (`son`, `sin`, `era`,
 * `sao`, and English `us`, which is also what `U.S.` folds to).
 */
const STOP_WORDS: Readonly<Record<string, string>> = {
  en:
    'a an and are as at be been but by for from had has have he her his i if in into is it its ' +
    'of on or our she so such than that the their them then there these they this those to was ' +
    'we were what when which who will with would you your',
  es:
    'a al como con de del desde donde e el ella en entre es esta este esto fue ha han la las le ' +
    'les lo los mas mi muy ni o para pero por que se si su sus u un una unas uno unos y ya',
  fr:
    'a au aux avec ce ces cet cette dans de des du elle en est et etre il ils je la le les leur ' +
    'leurs lui ma mais me mes ne nos notre nous ou par pas pour qu que qui sa se ses sur ta te ' +
    'tes tu un une vos votre vous y',
  pt:
    'a ao aos as com como da das de do dos e ela ele em entre foi mais mas na nas no nos o os ' +
    'ou para pela pelas pelo pelos por que se seu seus sua suas um uma umas uns',
  de:
    'aber als am an auch auf aus bei das dass dem den der des die ein eine einem einen einer ' +
    'eines er es fur im in ist mit nicht oder sich sie sind und von vom zu zum zur',
  it:
    'a ad al alla alle che con da dal dalla degli dei del della delle di e gli il in la le lo ' +
    'nei nel nella non o per sono su sul sulla un una uno',
};

const stopSets = new Map<string, ReadonlySet<string>>(
  Object.entries(STOP_WORDS).map(([lang, words]) => [lang, new Set(words.split(' '))]),
);

/** The stop-word set of a supported language code (empty when it has none). */
export function stopWordsOf(lang: string): ReadonlySet<string> {
  return stopSets.get(lang) ?? EMPTY;
}
const EMPTY: ReadonlySet<string> = new Set();
