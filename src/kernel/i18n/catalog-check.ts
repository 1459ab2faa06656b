/**
 * The check of a translated catalog against English, message by message: the same keys, valid ICU,
 * the same placeholders and tags, and plural messages with exactly the plural categories of the
 * language (Intl.PluralRules: Arabic zero/one/two/few/many/other, Russian one/few/many/other, French
 * and Spanish one/many/other, Chinese other). Exact-number branches (`=0`) are free. Keys listed in
 * `$meta.pending` may be missing (English is shown for them until they are translated).
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

function walk(ast: MessageFormatElement[], out: Set<string>, locale: string | null, problems: string[], key: string) {
  for (const el of ast) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time)
      out.add(`{${el.value}}`);
    if (el.type === TYPE.tag) {
      out.add(`<${el.value}>`);
      walk(el.children, out, locale, problems, key);
    }
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      out.add(`{${el.value}}`);
      if (el.type === TYPE.plural && locale && el.pluralType !== 'ordinal') {
        const want = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
        const have = Object.keys(el.options).filter((o) => !o.startsWith('='));
        const missing = want.filter((c) => !have.includes(c));
        const extra = have.filter((c) => !(want as string[]).includes(c));
        if (missing.length || extra.length)
          problems.push(`${key}: plural categories missing [${missing.join(',')}] extra [${extra.join(',')}]`);
      }
      for (const o of Object.values(el.options)) walk(o.value, out, locale, problems, key);
    }
  }
  return out;
}

const META_FIELDS = ['language', 'machineAssisted', 'reviewed', 'date', 'terminology'];

/** Problems of one locale's catalog (raw JSON, `$meta` included) against the English one. */
export function checkCatalog(
  locale: string,
  english: Record<string, unknown>,
  translated: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  const meta = translated.$meta as Record<string, unknown> | undefined;
  if (!meta || typeof meta !== 'object') problems.push('$meta: missing');
  else for (const f of META_FIELDS) if (!(f in meta)) problems.push(`$meta: no ${f}`);
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => !k.startsWith('$'));
  // `$meta.pending`: English keys listed as not translated yet (the page shows English for them). The list
  // must be exact: a pending key that has a translation, or that English does not have, is a problem.
  const pending = new Set(Array.isArray(meta?.pending) ? (meta.pending as string[]) : []);
  for (const key of pending) {
    if (!(key in english)) problems.push(`${key}: pending but not in English`);
    else if (key in translated) problems.push(`${key}: pending but translated`);
  }
  for (const key of keys(english)) {
    const message = translated[key];
    if (typeof message !== 'string') {
      if (!pending.has(key)) problems.push(`${key}: missing`);
      continue;
    }
    let ast: MessageFormatElement[];
    try {
      ast = parse(message);
    } catch (e) {
      problems.push(`${key}: not valid ICU (${(e as Error).message})`);
      continue;
    }
    const en = [...walk(parse(String(english[key])), new Set(), null, [], key)].sort().join(' ');
    const own = [...walk(ast, new Set(), locale, problems, key)].sort().join(' ');
    if (en !== own) problems.push(`${key}: placeholders differ: en [${en}] ${locale} [${own}]`);
  }
  for (const key of keys(translated)) if (!(key in english)) problems.push(`${key}: not in English`);
  return problems;
}
