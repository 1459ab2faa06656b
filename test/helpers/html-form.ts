/**
 * Reads server-rendered pages the way a browser without JavaScript uses them: the forms with their
 * controls (inputs, selects, textareas, submit buttons), filled in and submitted as the HTML form
 * submission algorithm builds the data set (tree order; unchecked boxes and other buttons left out;
 * a select sends its selected option, else its first). Elements by id, for labels and ARIA checks.
 */
import { Parser } from 'htmlparser2';

export interface Element {
  tag: string;
  attrs: Record<string, string>;
  /** The text inside, tags removed (whitespace as in the source). */
  text: string;
}

export interface Control {
  tag: 'input' | 'select' | 'textarea' | 'button';
  type: string;
  name: string;
  id: string | null;
  value: string;
  checked: boolean;
  disabled: boolean;
  /** Options of a select, in order. */
  options: { value: string; label: string; selected: boolean }[];
  attrs: Record<string, string>;
}

export interface ParsedForm {
  action: string;
  method: string;
  attrs: Record<string, string>;
  controls: Control[];
}

export interface ParsedPage {
  forms: ParsedForm[];
  byId: Map<string, Element>;
  /** Ids that occur more than once (must be empty on a valid page). */
  duplicateIds: string[];
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/** Text with character references decoded, as in an RCDATA element (textarea): `<` stays literal. */
function decodeText(raw: string): string {
  let out = '';
  const p = new Parser({ ontext: (t) => void (out += t) }, { decodeEntities: true });
  p.write(raw.replace(/</g, '&lt;'));
  p.end();
  return out;
}

export function parsePage(html: string): ParsedPage {
  const forms: ParsedForm[] = [];
  const byId = new Map<string, Element>();
  const duplicateIds: string[] = [];
  // Open elements with their text collectors.
  const open: { tag: string; el: Element | null }[] = [];
  let form: ParsedForm | null = null;
  let select: Control | null = null;
  let option: { value: string | null; label: string; selected: boolean } | null = null;
  let textarea: Control | null = null;
  let button: Control | null = null;

  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        let el: Element | null = null;
        if (attrs.id !== undefined) {
          el = { tag, attrs, text: '' };
          if (byId.has(attrs.id)) duplicateIds.push(attrs.id);
          else byId.set(attrs.id, el);
        }
        if (!VOID.has(tag)) open.push({ tag, el });
        const base = (t: Control['tag'], type: string): Control => ({
          tag: t,
          type,
          name: attrs.name ?? '',
          id: attrs.id ?? null,
          value: attrs.value ?? '',
          checked: 'checked' in attrs,
          disabled: 'disabled' in attrs,
          options: [],
          attrs,
        });
        if (tag === 'form') {
          form = { action: attrs.action ?? '', method: (attrs.method ?? 'get').toLowerCase(), attrs, controls: [] };
          forms.push(form);
        } else if (!form) {
          return;
        } else if (tag === 'input') {
          const type = (attrs.type ?? 'text').toLowerCase();
          const c = base('input', type);
          if ((type === 'checkbox' || type === 'radio') && attrs.value === undefined) c.value = 'on';
          form.controls.push(c);
        } else if (tag === 'select') {
          select = base('select', 'select-one');
          form.controls.push(select);
        } else if (tag === 'option' && select) {
          option = { value: attrs.value ?? null, label: '', selected: 'selected' in attrs };
        } else if (tag === 'textarea') {
          textarea = base('textarea', 'textarea');
          form.controls.push(textarea);
        } else if (tag === 'button') {
          button = base('button', (attrs.type ?? 'submit').toLowerCase());
          form.controls.push(button);
        }
      },
      ontext(text) {
        for (const o of open) if (o.el) o.el.text += text;
        if (option) option.label += text;
        if (textarea) textarea.value += text;
        if (button) button.attrs['data-text'] = (button.attrs['data-text'] ?? '') + text;
      },
      onclosetag(tag) {
        for (let i = open.length - 1; i >= 0; i--) {
          if (open[i]!.tag === tag) {
            open.length = i;
            break;
          }
        }
        if (tag === 'form') form = null;
        else if (tag === 'option' && select && option) {
          select.options.push({
            value: option.value ?? option.label,
            label: option.label.trim(),
            selected: option.selected,
          });
          option = null;
        } else if (tag === 'select') select = null;
        else if (tag === 'textarea' && textarea) {
          // The HTML parser drops one newline right after <textarea>; character references inside are
          // decoded (htmlparser2 hands textarea content over raw).
          textarea.value = decodeText(textarea.value.replace(/^\r?\n/, ''));
          textarea = null;
        } else if (tag === 'button') button = null;
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: false, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  for (const f of forms) {
    for (const c of f.controls) {
      if (c.tag !== 'select') continue;
      const sel = c.options.filter((o) => o.selected).at(-1) ?? c.options[0];
      c.value = sel?.value ?? '';
      for (const o of c.options) o.selected = o === sel;
    }
  }
  return { forms, byId, duplicateIds };
}

/** One form, filled in like a user does and submitted like a browser does. */
export class FormFill {
  readonly controls: Control[];
  constructor(readonly form: ParsedForm) {
    this.controls = form.controls.map((c) => ({ ...c, options: c.options.map((o) => ({ ...o })) }));
  }

  get action(): string {
    return this.form.action;
  }

  /** The control with this id (`f-title`), or with this name when no id matches. */
  control(idOrName: string): Control {
    const c =
      this.controls.find((x) => x.id === idOrName) ??
      this.controls.find((x) => x.name === idOrName && x.tag !== 'button');
    if (!c) throw new Error(`no control '${idOrName}' in the form to ${this.form.action}`);
    return c;
  }

  has(idOrName: string): boolean {
    return this.controls.some((x) => x.id === idOrName || (x.name === idOrName && x.tag !== 'button'));
  }

  value(idOrName: string): string {
    return this.control(idOrName).value;
  }

  /** Types into a text field or textarea (replacing its content). */
  fill(idOrName: string, value: string): this {
    const c = this.control(idOrName);
    if (
      c.tag === 'select' ||
      c.type === 'checkbox' ||
      c.type === 'radio' ||
      c.type === 'hidden' ||
      c.tag === 'button'
    ) {
      throw new Error(`'${idOrName}' is a ${c.tag} ${c.type}, not a text field`);
    }
    c.value = value;
    return this;
  }

  /** Picks an option of a select by its value; a browser cannot pick an option the page does not offer. */
  select(idOrName: string, value: string): this {
    const c = this.control(idOrName);
    if (c.tag !== 'select') throw new Error(`'${idOrName}' is not a select`);
    if (!c.options.some((o) => o.value === value))
      throw new Error(`'${idOrName}' offers no option '${value}' (offers ${c.options.map((o) => o.value).join(', ')})`);
    c.value = value;
    for (const o of c.options) o.selected = o.value === value;
    return this;
  }

  /** Ticks (or unticks) a checkbox, found by id, or by name and value. */
  check(idOrName: string, on = true, value?: string): this {
    const c =
      value === undefined
        ? this.control(idOrName)
        : this.controls.find((x) => x.name === idOrName && x.value === value);
    if (!c || c.type !== 'checkbox') throw new Error(`no checkbox '${idOrName}'${value ? ` = ${value}` : ''}`);
    c.checked = on;
    return this;
  }

  /** The submit button with this name and value, or with this visible text. */
  button(textOrValue: string, name?: string): Control {
    const b = this.controls.find(
      (x) =>
        x.tag === 'button' &&
        x.type === 'submit' &&
        (name === undefined
          ? (x.attrs['data-text'] ?? '').trim() === textOrValue || x.value === textOrValue
          : x.name === name && x.value === textOrValue),
    );
    if (!b) throw new Error(`no submit button '${textOrValue}' in the form to ${this.form.action}`);
    return b;
  }

  /** The form data set as a browser builds it when `submitter` is clicked (tree order). */
  entries(submitter?: Control): [string, string][] {
    const out: [string, string][] = [];
    for (const c of this.controls) {
      if (!c.name || c.disabled) continue;
      if (c.tag === 'button' || c.type === 'submit') {
        if (c === submitter) out.push([c.name, c.value]);
        continue;
      }
      if ((c.type === 'checkbox' || c.type === 'radio') && !c.checked) continue;
      const v = c.tag === 'textarea' ? c.value.replace(/\r?\n/g, '\r\n') : c.value;
      out.push([c.name, v]);
    }
    return out;
  }
}

/** The forms of a page, by the start of their action. */
export function formOn(html: string, action: string | RegExp): FormFill {
  const f = parsePage(html).forms.find((x) =>
    typeof action === 'string' ? x.action === action : action.test(x.action),
  );
  if (!f) throw new Error(`no form to ${String(action)} on the page`);
  return new FormFill(f);
}
