/**
 * The pseudo-locale check: in a page rendered with `Accept-Language: en-XA` (PALERMO_PSEUDO_LOCALE on),
 * every catalog string is wrapped in ⟦ ⟧ (src/kernel/i18n/pseudo.ts). Any visible text that is neither
 * inside such marks nor data (a record's own text, a name from reference data, a number) came from no
 * catalog: a hard-coded English string. Visible means text nodes outside <script>/<style> (the <title>
 * and SVG text included) and the attributes people see or hear: alt, title, placeholder, aria-label,
 * and the value of buttons.
 *
 * A message may hold markup (a link or <code> inside a sentence): its ⟦ and ⟧ then fall in different
 * text nodes, so the marks are followed across the text nodes of the page in document order.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

const SPOKEN_ATTRIBUTES = ['alt', 'title', 'placeholder', 'aria-label'];
const INVISIBLE = new Set(['script', 'style', 'template']);

export interface Unmarked {
  /** What is left of the text once marked parts and data are taken out. */
  text: string;
  /** The element (and attribute) it was found in. */
  where: string;
}

/** Blanks what lies inside marks, carrying the depth of open marks from one text node to the next. */
function stripMarkedFrom(s: string, depth: { open: number }): string {
  let out = '';
  for (const c of s) {
    if (c === '⟦') depth.open++;
    else if (c === '⟧') depth.open = Math.max(0, depth.open - 1);
    out += depth.open > 0 || c === '⟧' ? ' ' : c;
  }
  return out;
}

function stripMarked(s: string): string {
  let prev: string;
  let out = s;
  do {
    prev = out;
    out = out.replace(/⟦[^⟦⟧]*⟧/g, ' ');
  } while (out !== prev);
  return out;
}

/**
 * The visible strings of a page that came from no catalog. `data` lists the strings that are content,
 * not interface (they are removed before the check; the longest first).
 */
export function unmarkedText(page: string, data: readonly string[] = []): Unmarked[] {
  const doc = parseDocument(page, { decodeEntities: true });
  const known = [...new Set(data.filter((d) => d.trim().length > 0))].sort((a, b) => b.length - a.length);
  const out: Unmarked[] = [];
  const depth = { open: 0 };
  const check = (raw: string, where: string, acrossNodes = false) => {
    let rest = acrossNodes ? stripMarkedFrom(raw, depth) : stripMarked(raw);
    for (const d of known) if (rest.includes(d)) rest = rest.split(d).join(' ');
    if (/\p{L}/u.test(rest)) out.push({ text: rest.replace(/\s+/g, ' ').trim(), where });
  };
  const walk = (nodes: ChildNode[], path: string) => {
    for (const n of nodes) {
      if (n.type === 'text') check(n.data, path, true);
      else if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
        const el = n as Element;
        if (INVISIBLE.has(el.name)) continue;
        // A language switcher's link names its language in that language (lang="ar": العربية): not interface text.
        if (el.name === 'a' && el.attribs.hreflang && el.attribs.lang) continue;
        const here = `${path}>${el.name}${el.attribs.id ? `#${el.attribs.id}` : ''}`;
        for (const a of SPOKEN_ATTRIBUTES) if (el.attribs[a]) check(el.attribs[a], `${here}[${a}]`);
        const type = el.attribs.type;
        if (el.name === 'input' && (type === 'submit' || type === 'button') && el.attribs.value) {
          check(el.attribs.value, `${here}[value]`);
        }
        walk(el.children, here);
      }
    }
  };
  walk(doc.children, '');
  return out;
}
