/** The test browser's form reading must match what a real browser submits. */
import { describe, it, expect } from 'vitest';
import { formOn, parsePage } from './html-form.ts';

const PAGE = `<form method="post" action="/save">
<input type="hidden" name="_csrf" value="t&amp;k">
<input id="t" name="title" value="&quot;Smith&quot; &amp; &lt;Jones&gt;">
<textarea id="n" name="notes">
a &lt;b&gt; &amp; c
second line</textarea>
<select id="s" name="kind"><option value="">Choose…</option><option value="x">X</option></select>
<select id="s2" name="level"><option value="a">A</option><option value="b" selected>B</option></select>
<input type="checkbox" id="c1" name="tags[]" value="one" checked>
<input type="checkbox" id="c2" name="tags[]" value="two">
<button type="submit" name="_op" value="add:rows">Add a row</button>
<button type="submit" class="primary">Save</button>
<input name="off" value="x" disabled>
</form><p id="p">x &amp; y</p><p id="p">again</p>`;

describe('html-form', () => {
  it(
    'builds the data set a browser sends: decoded values, selected options, checked boxes, only the clicked ' +
      'button',
    () => {
      const f = formOn(PAGE, '/save');
      expect(f.entries(f.button('Save'))).toEqual([
        ['_csrf', 't&k'],
        ['title', '"Smith" & <Jones>'],
        ['notes', 'a <b> & c\r\nsecond line'],
        ['kind', ''],
        ['level', 'b'],
        ['tags[]', 'one'],
      ]);
      f.fill('t', 'New').select('s', 'x').check('c1', false).check('tags[]', true, 'two');
      expect(f.entries(f.button('Add a row'))).toEqual([
        ['_csrf', 't&k'],
        ['title', 'New'],
        ['notes', 'a <b> & c\r\nsecond line'],
        ['kind', 'x'],
        ['level', 'b'],
        ['tags[]', 'two'],
        ['_op', 'add:rows'],
      ]);
    },
  );

  it('refuses what a user cannot do: an option the select lacks, typing into a select, a missing button', () => {
    const f = formOn(PAGE, '/save');
    expect(() => f.select('s', 'nope')).toThrow(/offers no option 'nope'/);
    expect(() => f.fill('s', 'x')).toThrow(/not a text field/);
    expect(() => f.button('Delete')).toThrow(/no submit button/);
  });

  it('finds elements by id and reports duplicate ids', () => {
    const p = parsePage(PAGE);
    expect(p.byId.get('p')?.text).toBe('x & y');
    expect(p.duplicateIds).toEqual(['p']);
  });
});
