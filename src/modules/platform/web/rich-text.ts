/**
 * A catalog message with markup in its values: `Signed in as {name}.` with name = <strong>…</strong>.
 * The message is formatted with a marker for each markup value, escaped, and the markup put back,
 * so translators move the placeholder freely and never write HTML.
 */
import type { MessageValues, Translator } from '../../../kernel/i18n/i18n.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';

export function richText(
  t: Translator,
  key: string,
  markup: Record<string, SafeHtml>,
  values: MessageValues = {},
): SafeHtml {
  const names = Object.keys(markup);
  const marked = Object.fromEntries(names.map((n, i) => [n, `\uE000${i}\uE001`]));
  const text = t.t(key, { ...values, ...marked });
  const parts = text.split(/\uE000(\d+)\uE001/);
  return html`${parts.map((p, i) => (i % 2 ? markup[names[Number(p)]!]! : p))}`;
}
