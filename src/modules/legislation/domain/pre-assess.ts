/**
 * The pre-assessment: from a country's tagged provisions in force, a proposed result for each
 * element of the checklist and flags of likely gaps. It proposes; an assessor decides. Pure.
 */
import { ACTS, MEANS, codes } from '../../cases/index.ts';
import type { Checklist } from './checklist.ts';
import type { Proposal, Result } from './assessment.ts';
import type { ProvisionView } from './law-schema.ts';
import type { FailurePattern } from './checklist.ts';

const PROTOCOL_ACTS = codes(ACTS).filter((a) =>
  ['recruitment', 'transportation', 'transfer', 'harbouring', 'receipt'].includes(a),
);
const PROTOCOL_MEANS = codes(MEANS);
const FIVE_PURPOSES = ['sexual_exploitation', 'forced_labour', 'slavery', 'servitude', 'organ_removal'];

const ref = (p: ProvisionView) => `${p.lawId}/${p.eid}`;
const tagged = (ps: ProvisionView[], article: string) =>
  ps.filter((p) => p.tags.articles.some((a) => a === article || a.startsWith(`${article}.`)));

function proposal(result: Result, provisions: ProvisionView[], flags: FailurePattern[] = [], notes: string[] = []) {
  return { result, flags, notes, provisions: [...new Set(provisions.map(ref))] } satisfies Proposal;
}

/** Proposals for every element of the checklist, from the provisions in force (one country). */
export function preAssess(checklist: Checklist, provisions: readonly ProvisionView[]): Map<string, Proposal> {
  const ps = provisions.filter((p) => p.inForce);
  const definitions = tagged(ps, 'tip.3.a');
  const acts = new Set(definitions.flatMap((p) => p.tags.acts));
  const means = new Set(definitions.flatMap((p) => p.tags.means));
  const purposes = new Set(definitions.flatMap((p) => p.tags.purposes));
  const out = new Map<string, Proposal>();
  const coverage = (want: readonly string[], have: Set<string>, what: string) => {
    const missing = want.filter((x) => !have.has(x));
    const notes = missing.map((m) => `${what}_missing:${m}`);
    if (!definitions.length) return proposal('unclear', [], [], ['no_definition_tagged']);
    return proposal(
      missing.length === 0 ? 'meets' : missing.length < want.length ? 'partially' : 'does_not',
      definitions,
      [],
      notes,
    );
  };
  for (const el of checklist.elements) {
    switch (el.code) {
      case 'definition_three_elements': {
        const full = definitions.filter((p) => p.tags.acts.length && p.tags.means.length && p.tags.purposes.length);
        if (full.length) out.set(el.code, proposal('meets', full));
        else if (definitions.length) out.set(el.code, proposal('partially', definitions, [], ['element_missing']));
        else out.set(el.code, proposal('unclear', [], [], ['no_definition_tagged']));
        break;
      }
      case 'acts_all':
        out.set(el.code, coverage(PROTOCOL_ACTS, acts, 'act'));
        break;
      case 'means_all':
        out.set(el.code, coverage(PROTOCOL_MEANS, means, 'means'));
        break;
      case 'means_vulnerability':
        out.set(el.code, coverage(['abuse_of_power_or_vulnerability'], means, 'means'));
        break;
      case 'means_payments':
        out.set(el.code, coverage(['payments_or_benefits'], means, 'means'));
        break;
      case 'purposes_open_list': {
        const base = coverage(FIVE_PURPOSES, purposes, 'purpose');
        const closed = definitions.some((p) => p.tags.purposeList === 'closed');
        const flags: FailurePattern[] = [];
        if (closed) flags.push('exploitation_list_closed');
        if (purposes.size === 1 && purposes.has('sexual_exploitation')) flags.push('only_sexual_exploitation');
        const result: Result = base.result === 'meets' && closed ? 'partially' : base.result;
        out.set(el.code, { ...base, result, flags });
        break;
      }
      case 'child_no_means': {
        const rule = tagged(ps, 'tip.3.c');
        if (rule.length) out.set(el.code, proposal('meets', rule));
        else if (definitions.some((p) => p.tags.means.length))
          // A definition that requires means and no rule for children: the means are required for them too.
          out.set(el.code, proposal('does_not', definitions, ['means_required_for_children']));
        else out.set(el.code, proposal('unclear', [], [], ['no_provision_tagged']));
        break;
      }
      case 'legal_persons_liability': {
        const rule = tagged(ps, 'untoc.10');
        out.set(
          el.code,
          rule.length ? proposal('meets', rule) : proposal('unclear', [], ['no_liability_legal_persons']),
        );
        break;
      }
      default: {
        const rule = el.articles.flatMap((a) => tagged(ps, a));
        out.set(el.code, rule.length ? proposal('meets', rule) : proposal('unclear', [], [], ['no_provision_tagged']));
      }
    }
  }
  return out;
}
