import { describe, it, expect } from 'vitest';
import { ARTICLE, EID, LawInputSchema, ProvisionInputSchema } from './law-schema.ts';

describe('law schema', () => {
  it('accepts Akoma Ntoso eIds and Protocol/UNTOC article tags only', () => {
    for (const ok of ['sec_1', 'sec_1__subsec_2', 'art_13__para_2', 'chp_2__art_5A'])
      expect(EID.test(ok), ok).toBe(true);
    for (const bad of ['Section 1', 'sec1', 'sec_1__', '_sec_1']) expect(EID.test(bad), bad).toBe(false);
    for (const ok of ['tip.3.a', 'tip.5.2.b', 'untoc.10', 'untoc.15.2']) expect(ARTICLE.test(ok), ok).toBe(true);
    for (const bad of ['art 3', 'tip', 'smug.3.a']) expect(ARTICLE.test(bad), bad).toBe(false);
  });

  it('needs the text, or a summary with a link to the official text', () => {
    expect(ProvisionInputSchema.safeParse({ eid: 'sec_1', summary: 'Our summary.' }).success).toBe(false);
    expect(ProvisionInputSchema.safeParse({ eid: 'sec_1', summary: 'S.', link: 'https://example.org/x' }).success).toBe(
      true,
    );
  });

  it('names the field of an unknown country, type or tag code', () => {
    const r = LawInputSchema.safeParse({
      country: 'XXX',
      title: 'T',
      type: 'statute',
      provisions: [{ eid: 'sec_1', text: 't', tags: { means: ['bribery'] } }],
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['country', 'type', 'provisions.0.tags.means.0']));
  });
});
