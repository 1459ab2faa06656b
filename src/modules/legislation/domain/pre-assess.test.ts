import { describe, it, expect } from 'vitest';
import { preAssess } from './pre-assess.ts';
import { CURRENT_CHECKLIST, FAILURE_PATTERNS, CHECKLISTS } from './checklist.ts';
import { ProvisionInputSchema, type ProvisionView } from './law-schema.ts';

const view = (eid: string, tags: Record<string, unknown>, inForce = true): ProvisionView => ({
  ...ProvisionInputSchema.parse({ eid, text: 'x', tags }),
  lawId: 'law',
  from: '2000-01-01',
  to: null,
  inForce,
  law: { id: 'law', title: 'Law', country: 'KEN', type: 'act', number: null, status: 'published', repeal: null },
});
const FULL = {
  articles: ['tip.3.a'],
  acts: ['recruitment', 'transportation', 'transfer', 'harbouring', 'receipt'],
  means: [
    'threat_force_coercion',
    'abduction',
    'fraud',
    'deception',
    'abuse_of_power_or_vulnerability',
    'payments_or_benefits',
  ],
  purposes: ['sexual_exploitation', 'forced_labour', 'slavery', 'servitude', 'organ_removal'],
  purposeList: 'open',
};

describe('checklist data', () => {
  it('has unique codes, a level and a source for every element, and the five named failure patterns', () => {
    const codes = CURRENT_CHECKLIST.elements.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of CURRENT_CHECKLIST.elements)
      expect(e.articles.length + e.modelLaw.length, e.code).toBeGreaterThan(0);
    expect(CHECKLISTS.get(CURRENT_CHECKLIST.version)).toBe(CURRENT_CHECKLIST);
    expect(FAILURE_PATTERNS).toHaveLength(5);
  });
});

describe('pre-assessment', () => {
  it('proposes meets for a Protocol-like definition with a child rule', () => {
    const p = preAssess(CURRENT_CHECKLIST, [view('sec_1', FULL), view('sec_2', { articles: ['tip.3.c', 'tip.3.d'] })]);
    for (const code of ['definition_three_elements', 'acts_all', 'means_all', 'purposes_open_list', 'child_no_means'])
      expect(p.get(code)?.result, code).toBe('meets');
    expect(p.get('child_no_means')?.provisions).toEqual(['law/sec_2']);
    expect(p.get('attempt')).toMatchObject({ result: 'unclear', notes: ['no_provision_tagged'] });
  });

  it('flags means required for child victims when the definition has means and no child rule', () => {
    const p = preAssess(CURRENT_CHECKLIST, [view('sec_1', FULL)]);
    expect(p.get('child_no_means')).toMatchObject({ result: 'does_not', flags: ['means_required_for_children'] });
  });

  it('flags a closed list of purposes, and one of sexual exploitation only', () => {
    const closed = preAssess(CURRENT_CHECKLIST, [view('sec_1', { ...FULL, purposeList: 'closed' })]);
    expect(closed.get('purposes_open_list')).toMatchObject({
      result: 'partially',
      flags: ['exploitation_list_closed'],
    });
    const sexual = preAssess(CURRENT_CHECKLIST, [view('sec_1', { ...FULL, purposes: ['sexual_exploitation'] })]);
    expect(sexual.get('purposes_open_list')?.flags).toEqual(['only_sexual_exploitation']);
  });

  it('notes each missing means and ignores provisions not in force', () => {
    const p = preAssess(CURRENT_CHECKLIST, [
      view('sec_1', { ...FULL, means: ['deception'] }),
      view('sec_9', FULL, false),
    ]);
    expect(p.get('means_all')?.result).toBe('partially');
    expect(p.get('means_all')?.notes).toContain('means_missing:payments_or_benefits');
    expect(p.get('means_vulnerability')?.result).toBe('does_not');
  });
});
