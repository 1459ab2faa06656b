import { describe, it, expect } from 'vitest';
import { CaseInputSchema } from '../domain/case-schema.ts';
import { diffRecords } from '../services/case-diff.ts';
import { renderDiff, renderValue } from './diff-view.ts';
import { richCase } from '../../../../test/fixtures/test-cases.ts';
import { createI18n } from '../../../app/modules.ts';

const t = createI18n().translator('en');

const rowOf = (page: string, path: string) => {
  const m = new RegExp(
    `<tr class="\\w+">\\s*<th scope="row">[^<]*<br>` +
      `<code class="path">${path.replace(/\./g, '\\.')}</code>[\\s\\S]*?</tr>`,
  ).exec(page);
  if (!m) throw new Error(`no row for ${path}`);
  return m[0];
};

describe('renderDiff', () => {
  const before = CaseInputSchema.parse(richCase());
  const after = structuredClone(before);
  after.title = 'Prosecutor v. Smith';
  after.victims[1]!.gender = 'mixed';
  after.victims[0]!.nationalities.push('VNM');
  after.victims[0]!.child = false;
  after.defendants[0]!.charges[1]!.fine = { amount: 100, currency: 'EUR' };
  after.narratives.en!.facts =
    'Line one.\n\nLine three with “quotes”, <b>markup</b> & ampersands, ' +
    'and a longer account of the recruitment in 2012 by the accused.';
  after.narratives.en!.commentary = 'Short <i>note</i>.';
  delete after.narratives.es;
  after.tags.sectors.push('agriculture');
  after.sources.pop();
  const page = renderDiff(t, diffRecords(before, after)).value;

  it('is a table with one row per change: human field name, path, before and after', () => {
    expect(page).toMatch(
      /<table class="diff">[\s\S]*<th scope="col">Field<\/th><th scope="col">Before<\/th><th scope="col">After<\/th>/,
    );
    expect(page.match(/<tr class="(added|removed|changed)">/g)).toHaveLength(diffRecords(before, after).length);
    expect(rowOf(page, 'victims.1.gender')).toMatch(
      new RegExp(
        String.raw`<th scope="row">Victim 2 › Gender<br>[\s\S]*<td>Male <code>male<\/code><\/td>\s*<td>Mixed` +
          String.raw` \(group\) <code>mixed<\/code><\/td>`,
      ),
    );
    expect(rowOf(page, 'victims.0.child')).toMatch(/<td>yes<\/td>\s*<td>no<\/td>/);
    expect(rowOf(page, 'victims.0.nationalities.2')).toMatch(
      new RegExp(
        String.raw`Victim 1 › Nationalities › item 3[\s\S]*<span class="change-kind">added<\/span>[\s\S]*<td>` +
          String.raw`<span class="absent">\(none\)<\/span><\/td>\s*<td>Viet Nam \(VNM\) <code>VNM<\/code><\/td>`,
      ),
    );
    expect(rowOf(page, 'tags.sectors.2')).toMatch(
      /Sector › item 3[\s\S]*<td>Agriculture <code>agriculture<\/code><\/td>/,
    );
    expect(rowOf(page, 'defendants.0.charges.1.fine')).toMatch(
      new RegExp(
        String.raw`Defendant 1 › Charge 2 › Fine[\s\S]*<td><span class="absent">not recorded<\/span><\/td>\s*<td>` +
          String.raw`<code class="json">\{&quot;amount&quot;:100,&quot;currency&quot;:&quot;EUR&quot;\}<\/code>` +
          String.raw`<\/td>`,
      ),
    );
  });

  it('names the workflow status and labels its codes', () => {
    const moved = renderDiff(t, [{ path: 'status', kind: 'changed', before: 'in_review', after: 'published' }]).value;
    expect(rowOf(moved, 'status')).toMatch(
      new RegExp(
        String.raw`<th scope="row">Status<br>[\s\S]*<td>In review <code>in_review<\/code><\/td>\s*<td>Published ` +
          String.raw`<code>published<\/code><\/td>`,
      ),
    );
  });

  it('shows removed rows and languages as compact JSON, escaped', () => {
    const es = rowOf(page, 'narratives.es');
    expect(es).toContain('<tr class="removed">');
    expect(es).toContain('Narrative (Spanish)');
    expect(es).toContain('<code class="json">{&quot;facts&quot;:&quot;Hechos del caso: ñandú.&quot;');
    expect(rowOf(page, 'sources.1')).toContain('[2015] PHCA 42');
  });

  it('shows long texts as a word diff with <del> and <ins>, escaping the text', () => {
    const facts = rowOf(page, 'narratives.en.facts');
    expect(facts).toContain('<del>two</del>');
    expect(facts).toContain('<ins>three</ins>');
    expect(facts).toContain('<ins>, and a longer account of the recruitment in 2012 by the accused</ins>');
    expect(facts).toContain('&lt;b&gt;markup&lt;/b&gt;');
    expect(facts).not.toContain('<b>');
    const [, beforeCell, afterCell] = /<td>([\s\S]*?)<\/td>\s*<td>([\s\S]*?)<\/td>/.exec(facts)!;
    expect(beforeCell).not.toContain('<ins>');
    expect(afterCell).not.toContain('<del>');
    const text = (cell: string) =>
      cell
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    expect(text(beforeCell!)).toBe(before.narratives.en!.facts);
    expect(text(afterCell!)).toBe(after.narratives.en!.facts);
  });

  it('shows short texts whole, without a word diff', () => {
    const title = rowOf(page, 'title');
    expect(title).not.toContain('<del>');
    expect(title).toContain('<td><span class="text">Prosecutor v. &quot;Smith&quot; &amp; &lt;Jones&gt;</span></td>');
    expect(rowOf(page, 'narratives.en.commentary')).toContain(
      '<td><span class="text">Short &lt;i&gt;note&lt;/i&gt;.</span></td>',
    );
  });

  it('says so when nothing changed, and can carry a caption', () => {
    expect(renderDiff(t, []).value).toBe('<p class="diff-empty">No changes.</p>');
    expect(
      renderDiff(t, [{ path: 'court', kind: 'changed', before: 'A', after: 'B' }], { caption: 'Version 2 → 3' }).value,
    ).toContain('<caption>Version 2 → 3</caption>');
  });

  it('renders single values: absent, null, numbers, unknown codes as text', () => {
    expect(renderValue(t, undefined).value).toBe('<span class="absent">(none)</span>');
    expect(renderValue(t, null).value).toBe('<span class="absent">not recorded</span>');
    expect(renderValue(t, 480).value).toBe('480');
    expect(
      renderValue(t, 'robot', {
        key: 'gender',
        label: 'cases.editor.field.gender',
        control: { kind: 'select', options: [], labels: { vocabulary: 'genders' } },
      }).value,
    ).toBe('<span class="text">robot</span>');
  });
});

describe('editor.css', () => {
  it('styles the classes the editor renders', async () => {
    const { readFileSync } = await import('node:fs');
    const css = readFileSync(new URL('../../platform/web/assets/editor.css', import.meta.url), 'utf8');
    for (const selector of [
      '.visually-hidden',
      '.default-submit',
      '.field-error',
      '.field.has-error',
      '.error-summary',
      'fieldset.row',
      '.lang-tabs',
      '.lang-panels:not(:has(:target)) > .lang-panel:not(.current)',
      'fieldset.checks',
      '.form-section.restricted',
      'button.op.add',
      'button.op.remove',
      'table.diff',
      'del',
      'ins',
      'table.review-queue',
    ]) {
      const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(css, selector).toMatch(new RegExp(`(^|[\\s,}])${escaped}(?=[\\s,{])`, 'm'));
    }
  });
});
