/**
 * The pseudo-locale (en-XA): English with every letter of a catalog's own text accented and each
 * message wrapped in ⟦ ⟧. A page rendered in it shows at a glance (and to a test) which text came from
 * a catalog: what is not marked was hard-coded, or is data (a case's own text, a name, a number).
 * Placeholders keep their values unchanged; plural and select branches are marked inside.
 */
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

export const PSEUDO_LOCALE = 'en-XA';
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [
    c,
    [...'áƀçđéƒĝĥíĵķĺɱñóƥʠŕšťúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓƤɊŔŠŤÚṼŴẊÝŽ'][i]!,
  ]),
);

export const accent = (s: string): string => s.replace(/[A-Za-z]/g, (c) => ACCENTED[c] ?? c);

function mark(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((el) => {
    if (el.type === TYPE.literal) return { ...el, value: accent(el.value) };
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(el.options).map(([k, o]) => [k, { ...o, value: mark(o.value) }]),
      );
      return { ...el, options } as MessageFormatElement;
    }
    if (el.type === TYPE.tag) return { ...el, children: mark(el.children) };
    return el;
  });
}

/** The pseudo-locale form of a parsed English message. */
export function pseudoMessage(ast: MessageFormatElement[]): MessageFormatElement[] {
  return [
    { type: TYPE.literal, value: PSEUDO_OPEN },
    ...mark(ast),
    { type: TYPE.literal, value: PSEUDO_CLOSE },
  ] as MessageFormatElement[];
}
