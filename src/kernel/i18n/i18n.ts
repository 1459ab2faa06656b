/**
 * Translatable text. Every user-facing string lives in a message catalog, one per module and locale
 * (`src/modules/<m>/messages/<locale>.json`, plus the kernel's own for the page shell), in ICU
 * MessageFormat (plurals, selects, numbers). Keys start with the module's name (`cases.facet.year`).
 * Services return codes and keys; pages, forms and exports turn them into text with a Translator.
 *
 * The six UN languages (locales.ts) each have a complete catalog, which a test checks (catalogs-six.test.ts);
 * a key a catalog still lacks falls back to English. The pseudo-locale
 * (pseudo.ts) marks every catalog string, for the test that finds text no catalog produced.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { PSEUDO_LOCALE, pseudoMessage } from './pseudo.ts';
import { isUiLocale, LOCALE_TABLE, type Digits } from './locales.ts';

export const DEFAULT_LOCALE = 'en';

/** Key -> ICU message. A key starting with `$` is metadata (e.g. `$meta`), not a message. */
export type Catalog = Readonly<Record<string, string>>;
/** A module's catalogs by locale. */
export type Catalogs = Readonly<Record<string, Catalog>>;
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

export interface Translator {
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
  /** The message in this locale (English when it has none), with the values put in. */
  t(key: string, values?: MessageValues): string;
  has(key: string): boolean;
  /** The Intl locale for numbers and dates: the language with its numbering system (`ar-u-nu-latn`). */
  readonly intl?: string;
  /** The prefix of this language's URLs (`/fr`, `/ar-u-nu-arab`; '' for unprefixed English). */
  readonly base?: string;
  /** The page's own URL without the language prefix (path and query), for the switcher and hreflang. */
  readonly path?: string;
}

/** Every `<locale>.json` in a folder (the file name is the locale). */
export function loadCatalogs(dir: URL): Catalogs {
  const out: Record<string, Catalog> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const raw = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Record<string, unknown>;
    const messages = Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith('$')));
    out[file.slice(0, -'.json'.length)] = messages as Catalog;
  }
  return out;
}

export class I18n {
  private readonly messages = new Map<string, Map<string, MessageFormatElement[]>>();
  private readonly compiled = new Map<string, IntlMessageFormat>();

  /**
   * Merges the catalogs of the kernel and every module. Refused with the key named: a key outside its
   * owner's prefix, a key two owners declare, a message that is not valid ICU.
   */
  constructor(parts: readonly { owner: string; catalogs?: Catalogs }[]) {
    const ownerOf = new Map<string, string>();
    for (const { owner, catalogs } of parts) {
      for (const [locale, catalog] of Object.entries(catalogs ?? {})) {
        const into = this.messages.get(locale) ?? new Map<string, MessageFormatElement[]>();
        this.messages.set(locale, into);
        for (const [key, message] of Object.entries(catalog)) {
          if (!key.startsWith(`${owner}.`))
            throw new Error(`message key '${key}' of ${owner} must start with '${owner}.'`);
          const first = ownerOf.get(`${locale}:${key}`);
          if (first) throw new Error(`message key '${key}' (${locale}) is declared twice`);
          ownerOf.set(`${locale}:${key}`, owner);
          try {
            into.set(key, parse(message));
          } catch (e) {
            throw new Error(`message '${key}' (${locale}) is not valid ICU MessageFormat: ${(e as Error).message}`);
          }
        }
      }
    }
    if (!this.messages.has(DEFAULT_LOCALE)) this.messages.set(DEFAULT_LOCALE, new Map());
    const en = this.messages.get(DEFAULT_LOCALE)!;
    this.messages.set(PSEUDO_LOCALE, new Map([...en].map(([k, ast]) => [k, pseudoMessage(ast)])));
  }

  /** Locales with a catalog (the pseudo-locale included). */
  get locales(): string[] {
    return [...this.messages.keys()];
  }

  /** Every key of a locale's own catalog. */
  keys(locale = DEFAULT_LOCALE): string[] {
    return [...(this.messages.get(locale)?.keys() ?? [])];
  }

  /** The parsed message of a locale's own catalog (for the catalog tests). */
  ast(locale: string, key: string): MessageFormatElement[] | undefined {
    return this.messages.get(locale)?.get(key);
  }

  /** The Translator of a locale; `digits` picks the numbering system (Latin unless asked otherwise). */
  translator(locale: string, digits: Digits = 'latn'): Translator {
    const own = this.messages.has(locale) || isUiLocale(locale) ? locale : DEFAULT_LOCALE;
    const intlLocale = `${own === PSEUDO_LOCALE ? 'en' : own}-u-nu-${digits}`;
    const format = (key: string): IntlMessageFormat => {
      const id = `${intlLocale}\u0000${own}\u0000${key}`;
      let f = this.compiled.get(id);
      if (!f) {
        const ast = this.messages.get(own)?.get(key) ?? this.messages.get(DEFAULT_LOCALE)?.get(key);
        // A key no catalog has is a programming error: the tests that render every page find it.
        if (!ast) throw new Error(`no message '${key}' in any catalog`);
        f = new IntlMessageFormat(ast, intlLocale);
        this.compiled.set(id, f);
      }
      return f;
    };
    return {
      locale: own,
      dir: isUiLocale(own) ? LOCALE_TABLE[own].dir : 'ltr',
      intl: intlLocale,
      base: '',
      path: '/',
      t: (key, values) => String(format(key).format(values as Record<string, string | number>)),
      has: (key) => this.messages.get(DEFAULT_LOCALE)!.has(key),
    };
  }
}
