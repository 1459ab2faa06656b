import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  analyze,
  analyzeToString,
  fold,
  isStopWord,
  queryVariants,
  stemLanguage,
  SUPPORTED_LANGUAGES,
  tokenize,
} from './analyzer.ts';

/** Whether `needle` occurs as a contiguous run inside `hay` (phrase match on positions). */
function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return true;
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((t, k) => hay[i + k] === t)) return true;
  }
  return false;
}

/** All words of `words` analyse to one and the same stem. */
function sameStem(words: string[], lang: string): string {
  const stems = words.map((w) => analyze(w, lang));
  for (const s of stems) expect(s).toHaveLength(1);
  const first = stems[0]?.[0] ?? '';
  for (const [i, s] of stems.entries()) expect(s[0], `${words[i]} in ${lang}`).toBe(first);
  return first;
}

describe('fold', () => {
  it('lower-cases and strips accents', () => {
    expect(fold('Ação ÉCOLE Müller Ñandú')).toBe('acao ecole muller nandu');
    expect(fold('İstanbul')).toBe('istanbul');
  });

  it('maps letters that do not decompose', () => {
    expect(fold('Straße ẞ Æsir Øresund œuvre Łódź Đorđe ıslak')).toBe(
      'strasse ss aesir oresund oeuvre lodz dorde islak',
    );
  });

  it('folds compatibility forms and keeps non-Latin letters', () => {
    expect(fold('ＡＢＣ ﬁnance')).toBe('abc finance');
    expect(fold('Москва')).toBe('москва');
    expect(fold('人口贩卖')).toBe('人口贩卖');
    expect(fold('plain ascii')).toBe('plain ascii');
  });

  it('keeps the vowel signs of Indic scripts', () => {
    expect(fold('हिन्दी')).toBe('हिन्दी');
  });
});

describe('tokenize', () => {
  it('joins dotted acronyms and splits other dotted forms', () => {
    expect(tokenize('The U.S. and the U.K., e.g. here')).toEqual(['the', 'us', 'and', 'the', 'uk', 'eg', 'here']);
    expect(tokenize('art.5 of 3.5 at www.unodc.org')).toEqual([
      'art',
      '5',
      'of',
      '3',
      '5',
      'at',
      'www',
      'unodc',
      'org',
    ]);
    expect(tokenize('End of sentence. Next one.')).toEqual(['end', 'of', 'sentence', 'next', 'one']);
  });

  it('joins apostrophes and strips elisions', () => {
    expect(tokenize("O'Brien")).toEqual(['obrien']);
    expect(tokenize("d'exploitation")).toEqual(['exploitation']);
    expect(tokenize('l’Homme qu’aujourd’hui')).toEqual(['homme', 'aujourdhui']);
    expect(tokenize("dell'Europa un'altra")).toEqual(['europa', 'altra']);
    expect(tokenize("don't D'Souza")).toEqual(['dont', 'dsouza']);
    expect(tokenize("the traffickers' victims")).toEqual(['the', 'traffickers', 'victims']);
  });

  it('splits hyphenated words into their parts', () => {
    expect(tokenize('anti-trafficking cross‐border')).toEqual(['anti', 'trafficking', 'cross', 'border']);
  });

  it('joins the Catalan middle dot', () => {
    expect(tokenize('col·lecció')).toEqual(['colleccio']);
  });

  it('separates on punctuation and symbols', () => {
    expect(tokenize('a,b;c/d (e) "f" — g… h&i 100%')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', '100']);
  });

  it('returns nothing for empty, blank and emoji-only input', () => {
    for (const text of ['', ' ', '\n\t  \u00a0', '😀🎉👍🏽', '❤️ 🇺🇳', '—…!?', '\u0301\u200d']) {
      expect(tokenize(text), JSON.stringify(text)).toEqual([]);
      expect(analyze(text, 'en'), JSON.stringify(text)).toEqual([]);
    }
  });
});

describe('stemming', () => {
  it('matches the whole English traffic family (post-stem rule traffick -> traffic)', () => {
    expect(
      sameStem(['traffic', 'traffics', 'trafficked', 'trafficking', 'trafficker', 'traffickers', 'Trafficking'], 'en'),
    ).toBe('traffic');
    expect(sameStem(['panic', 'panicked', 'panicking'], 'en')).toBe('panic');
  });

  it('leaves short -ick stems alone', () => {
    expect(analyze('trick tricks sticks click', 'en')).toEqual(['trick', 'trick', 'stick', 'click']);
  });

  it('stems Spanish families', () => {
    sameStem(['trata', 'tratas'], 'es');
    expect(sameStem(['explotación', 'explotaciones', 'EXPLOTACIÓN', 'explotacion'], 'es')).toBe('explot');
    sameStem(['tráfico', 'traficantes', 'traficado', 'trafico'], 'es');
  });

  it('stems French families, elided or not', () => {
    expect(sameStem(['exploitation', 'exploitations', 'exploité', "l'exploitation", "d'exploitation"], 'fr')).toBe(
      'exploit',
    );
  });

  it('stems Portuguese families, with or without accents', () => {
    expect(sameStem(['exploração', 'explorações', 'exploracao', 'exploracoes'], 'pt')).toBe('explor');
    sameStem(['trabalho', 'trabalhos'], 'pt');
    sameStem(['decisão', 'decisao'], 'pt');
  });

  it('stems the other Snowball languages', () => {
    sameStem(['Ausbeutung', 'Ausbeutungen'], 'de');
    sameStem(['sfruttamento', 'sfruttamenti'], 'it');
    sameStem(['uitbuiting', 'uitbuitingen'], 'nl');
    sameStem(['торговля', 'торговли'], 'ru');
    for (const lang of SUPPORTED_LANGUAGES) expect(analyze('Victims 2019', lang)).toHaveLength(2);
  });

  it('does not stem numbers', () => {
    expect(analyze('1999 2019 00123', 'en')).toEqual(['1999', '2019', '00123']);
  });

  it('emits one stem per token, in order', () => {
    const text = "The Court found that l'accusé trafficked 12 U.S. citizens — anti-slavery laws apply.";
    expect(analyze(text, 'en')).toHaveLength(tokenize(text).length);
    expect(analyzeToString('Trafficking in Persons', 'en')).toBe('traffic in person');
  });
});

describe('stop words', () => {
  it('are kept by analyze so that phrases line up', () => {
    const doc = analyze('The exploitation of the prostitution of others', 'en');
    expect(doc).toEqual(['the', 'exploit', 'of', 'the', 'prostitut', 'of', 'other']);
    expect(containsRun(doc, analyze('exploitation of the prostitution', 'en'))).toBe(true);
    expect(containsRun(analyze('la trata de personas', 'es'), analyze('trata de personas', 'es'))).toBe(true);
  });

  it('are recognised for bare query words, any case or accent', () => {
    expect(isStopWord('The')).toBe(true);
    expect(isStopWord('de')).toBe(true);
    expect(isStopWord('À')).toBe(true);
    expect(isStopWord('traffic')).toBe(false);
    expect(isStopWord('us')).toBe(false);
    expect(isStopWord('')).toBe(false);
  });

  it('depend on the languages asked for', () => {
    expect(isStopWord('del', ['en'])).toBe(false);
    expect(isStopWord('del', ['es'])).toBe(true);
    expect(isStopWord('der', ['de-AT'])).toBe(true);
    expect(isStopWord('der')).toBe(false);
  });
});

describe('unsegmented scripts', () => {
  it('emit overlapping bigrams for Chinese', () => {
    const doc = analyze('人口贩卖案件', 'zh');
    expect(doc).toEqual(['人口', '口贩', '贩卖', '卖案', '案件']);
    expect(doc).toContain('贩卖');
    expect(queryVariants('贩卖')).toEqual(['贩卖']);
    expect(containsRun(doc, analyze('贩卖案件', 'zh'))).toBe(true);
    expect(queryVariants('贩卖案件')).toEqual(['贩卖 卖案 案件']);
  });

  it('emit a lone character as itself', () => {
    expect(analyze('人', 'zh')).toEqual(['人']);
    expect(analyze('“人”和“口”', 'zh-Hant')).toEqual(['人', '和', '口']);
  });

  it('bigram Japanese, Korean and Thai runs and separate them from Latin words', () => {
    expect(analyze('人身取引は', 'ja')).toEqual(['人身', '身取', '取引', '引は']);
    expect(analyze('인신매매는', 'ko')).toEqual(['인신', '신매', '매매', '매는']);
    const thai = analyze('การค้ามนุษย์', 'th');
    expect(thai.length).toBeGreaterThan(3);
    expect(containsRun(thai, analyze('ค้ามนุษย์', 'th'))).toBe(true);
    expect(analyze('UNODC报告trafficking', 'zh')).toEqual(['unodc', '报告', 'traffic']);
  });

  it('handle characters outside the BMP', () => {
    expect(tokenize('𠀀𠀁𠀂')).toEqual(['𠀀𠀁', '𠀁𠀂']);
  });
});

describe('languages', () => {
  it('map tags to stemming languages, English by default', () => {
    expect(stemLanguage('pt-BR')).toBe('pt');
    expect(stemLanguage('es_419')).toBe('es');
    expect(stemLanguage('EN-us')).toBe('en');
    expect(stemLanguage('fra')).toBe('fr');
    expect(stemLanguage('nb-NO')).toBe('no');
    expect(stemLanguage('German')).toBe('de');
    expect(stemLanguage('zh-Hant')).toBe('en');
    expect(stemLanguage('xx-Unknown')).toBe('en');
    expect(stemLanguage('')).toBe('en');
    expect(stemLanguage(null)).toBe('en');
    expect(stemLanguage(undefined)).toBe('en');
  });

  it('list at least the main languages as supported', () => {
    for (const lang of ['en', 'es', 'fr', 'pt', 'de', 'it', 'nl', 'ro', 'ru', 'sv'])
      expect(SUPPORTED_LANGUAGES).toContain(lang);
    for (const lang of SUPPORTED_LANGUAGES) expect(stemLanguage(lang)).toBe(lang);
  });
});

describe('queryVariants', () => {
  it('gives the distinct stems of one word across languages', () => {
    const v = queryVariants('explotación');
    expect(v).toContain('explot');
    expect(v).toContain('explotacion');
    expect(new Set(v).size).toBe(v.length);
    expect(queryVariants('trafficking', ['en', 'en-GB'])).toEqual(['traffic']);
    expect(queryVariants('exploitation', ['fr'])).toEqual(['exploit']);
  });

  it('gives phrases for words that split, and nothing for no word', () => {
    expect(queryVariants('anti-trafficking', ['en'])).toEqual(['anti traffic']);
    expect(queryVariants('U.S.', ['en'])).toEqual(['us']);
    expect(queryVariants('!!')).toEqual([]);
  });
});

describe('robustness', () => {
  it('is deterministic, also after the stem caches overflow', () => {
    const text = 'Traffickers exploited the victims; la explotación de personas; 人口贩卖';
    const before = ['en', 'es', 'fr', 'pt'].map((l) => analyze(text, l));
    const filler: string[] = [];
    for (let i = 0; i < 60_000; i++) filler.push(`w${i.toString(36)}ing`);
    const many = filler.join(' ');
    expect(analyze(many, 'en')).toHaveLength(60_000);
    expect(tokenize(many)).toHaveLength(60_000);
    expect(['en', 'es', 'fr', 'pt'].map((l) => analyze(text, l))).toEqual(before);
    expect(analyze(text, 'en')).toEqual(analyze(text, 'en'));
  });

  it('never throws and yields non-empty tokens without whitespace (property)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.string({ unit: fc.constantFrom(..."aé Z9.'’-·ʼß中国ไทย\u0301\u200d😀İ".split('')), maxLength: 40 }),
    );
    const lang = fc.oneof(fc.constantFrom(...SUPPORTED_LANGUAGES, 'zh', 'xx', ''), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(text, lang, (t, l) => {
        const tokens = analyze(t, l);
        expect(tokens).toHaveLength(tokenize(t).length);
        for (const tok of tokens) {
          expect(tok.length).toBeGreaterThan(0);
          expect(tok).not.toMatch(/\s/u);
        }
        expect(
          analyzeToString(t, l)
            .split(' ')
            .filter((x) => x.length > 0),
        ).toEqual(tokens);
      }),
      { numRuns: 3000 },
    );
  });
});
