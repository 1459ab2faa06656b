/**
 * Catalog messages inside HTML text (not attributes). The message's own text is escaped as text;
 * values that are already SafeHtml (a link, a <code>) go in as they are, and ICU tags
 * (`<link>the table</link>`) wrap their translated content in the markup a function gives.
 * Translators see whole sentences; markup stays in code.
 */
import type { MessageValues, Translator } from '../i18n/i18n.ts';
import { escapeHtml, escapeText, SafeHtml } from './html.ts';

export type RichValue = MessageValues[string] | SafeHtml | ((inner: SafeHtml) => SafeHtml);

// Private-use characters mark where values and tags go while the message is escaped.
const SLOT = /\uE000(\d+)\uE000/g;
const TAG = /\uE001(\d+)\uE002([^\uE001\uE003]*)\uE003\1\uE004/;

export function tHtml(t: Translator, key: string, values: Record<string, RichValue> = {}): SafeHtml {
  const slots: SafeHtml[] = [];
  const tags: ((inner: SafeHtml) => SafeHtml)[] = [];
  const plain: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v instanceof SafeHtml) plain[k] = `\uE000${slots.push(v) - 1}\uE000`;
    else if (typeof v === 'string' && escapeHtml(v) !== v) {
      // Escaped as html`` escapes values (quotes too); a value with none of & < > " ' stays usable by select.
      plain[k] = `\uE000${slots.push(new SafeHtml(escapeHtml(v))) - 1}\uE000`;
    } else if (typeof v === 'function') {
      const i = tags.push(v) - 1;
      plain[k] = (chunks: string[]) => `\uE001${i}\uE002${chunks.join('')}\uE003${i}\uE004`;
    } else plain[k] = v;
  }
  let out = escapeText(t.t(key, plain as MessageValues));
  for (let m = TAG.exec(out); m; m = TAG.exec(out)) {
    out = out.replace(m[0], tags[Number(m[1])]!(new SafeHtml(m[2]!)).value);
  }
  return new SafeHtml(out.replace(SLOT, (_, i: string) => slots[Number(i)]!.value));
}
