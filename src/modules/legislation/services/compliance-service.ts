/**
 * Compliance assessments: one per country x checklist element, written by editors with reasoning
 * and evidence, moved through the editorial workflow, versioned (record_versions, kind
 * 'assessment') and audited. The pre-assessment's proposal is computed at each write and kept with
 * the decision. A country's assessments "as at" a date are read back from the versions.
 */
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { isCountryCode } from '../../../kernel/geo/countries.ts';
import type { ModuleDatabase } from '../../../kernel/db/sql-database.ts';
import { recordChange, recordVersions, SYSTEM, type Actor, type RecordStatus } from '../../platform/index.ts';
import {
  AssessmentInputSchema,
  assessmentId,
  type Assessment,
  type EvidenceProvision,
  type Proposal,
} from '../domain/assessment.ts';
import { checklistOf, CURRENT_CHECKLIST, elementOf, type Checklist } from '../domain/checklist.ts';
import { preAssess } from '../domain/pre-assess.ts';
import type { LegislationDb } from '../store/schema.ts';
import { assessments, laws, today, wordingsOn, type Conn } from '../store/law-repo.ts';
import { mustEdit, mustMove, mustPublishDirectly, seesDrafts } from './rights.ts';
import type { LawService } from './law-service.ts';

/** How the register reads a case cited as evidence (its country and status), through the cases module. */
export type CaseLookup = (id: string) => Promise<{ jurisdiction: string; status: string } | undefined>;

export interface CountryAssessment {
  country: string;
  /** The date the answer is as at (null: now). */
  at: string | null;
  checklistVersions: string[];
  assessments: Assessment[];
}

function mustCountry(country: string): string {
  const c = country.toUpperCase();
  if (!isCountryCode(c))
    throw new AppError('VALIDATION_FAILED', `country: unknown country '${country}'; expected ISO 3166-1 alpha-3`, [
      { path: 'country', message: `unknown country '${country}'` },
    ]);
  return c;
}

export class ComplianceService {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly laws: LawService,
    private readonly cases: CaseLookup,
  ) {}

  private get read() {
    return this.db.kysely<LegislationDb>();
  }

  checklist(version?: string): Checklist {
    if (!version) return CURRENT_CHECKLIST;
    const c = checklistOf(version);
    if (!c) throw new AppError('NOT_FOUND', `no checklist version '${version}'`, { field: 'version' });
    return c;
  }

  /** A country's assessments now, or as they stood at the end of `at` (published only for the public). */
  async forCountry(country: string, actor: Actor, at?: string): Promise<CountryAssessment> {
    const c = mustCountry(country);
    const drafts = seesDrafts(actor);
    let list: Assessment[];
    if (at) {
      list = [];
      for (const id of await assessments.ids(this.read, c)) {
        const v = await recordVersions.asAt<Assessment>(this.read, 'assessment', id, at);
        if (v && (drafts || v.status === 'published')) list.push(v.record);
      }
    } else list = await assessments.list(this.read, { country: c, statuses: drafts ? undefined : ['published'] });
    if (!drafts) list = await this.publicEvidence(list);
    const order = new Map(CURRENT_CHECKLIST.elements.map((e, i) => [e.code, i]));
    list.sort((a, b) => (order.get(a.element) ?? 999) - (order.get(b.element) ?? 999));
    return {
      country: c,
      at: at ?? null,
      checklistVersions: [...new Set(list.map((a) => a.checklistVersion))],
      assessments: list,
    };
  }

  /** Published assessments of an element in every country (the "who lacks element E" view). */
  async forElement(element: string, actor: Actor): Promise<Assessment[]> {
    this.element(element);
    const list = await assessments.list(this.read, {
      element,
      statuses: seesDrafts(actor) ? undefined : ['published'],
    });
    return seesDrafts(actor) ? list : this.publicEvidence(list);
  }

  /** Every assessment the actor may see (comparison and CSV). */
  async all(actor: Actor): Promise<Assessment[]> {
    const list = await assessments.list(this.read, { statuses: seesDrafts(actor) ? undefined : ['published'] });
    return seesDrafts(actor) ? list : this.publicEvidence(list);
  }

  /** The public never sees evidence from an unpublished law. */
  private async publicEvidence(list: Assessment[]): Promise<Assessment[]> {
    const published = new Set((await laws.list(this.read, { statuses: ['published'] })).map((w) => w.id));
    const cited = [...new Set(list.flatMap((a) => a.evidence.cases))];
    const publicCases = new Set<string>();
    for (const id of cited) if ((await this.cases(id))?.status === 'published') publicCases.add(id);
    return list.map((a) => ({
      ...a,
      evidence: {
        provisions: a.evidence.provisions.filter((p) => published.has(p.lawId)),
        cases: a.evidence.cases.filter((id) => publicCases.has(id)),
      },
      proposal: a.proposal && {
        ...a.proposal,
        provisions: a.proposal.provisions.filter((ref) => published.has(ref.split('/')[0]!)),
      },
    }));
  }

  /** Proposals of the pre-assessment for every element (editors: drafts included). */
  async proposals(country: string, actor: Actor): Promise<Record<string, Proposal>> {
    mustEdit(actor);
    const c = mustCountry(country);
    return Object.fromEntries(preAssess(CURRENT_CHECKLIST, await this.laws.countryProvisions(c, actor)));
  }

  private element(code: string) {
    const el = elementOf(CURRENT_CHECKLIST, code);
    if (!el)
      throw new AppError('VALIDATION_FAILED', `element: unknown element code '${code}'`, [
        {
          path: 'element',
          message: `unknown element code '${code}'`,
          allowed: CURRENT_CHECKLIST.elements.map((e) => e.code),
        },
      ]);
    return el;
  }

  /** Creates or replaces the assessment of one element for one country. */
  async put(country: string, element: string, body: unknown, actor: Actor): Promise<Assessment> {
    mustEdit(actor);
    const c = mustCountry(country);
    this.element(element);
    const input = parseOrThrow(AssessmentInputSchema, body, 'assessment');
    const date = input.date ?? today();
    const proposal = preAssess(CURRENT_CHECKLIST, await this.laws.countryProvisions(c, SYSTEM, date)).get(element)!;
    // Read through the cases module before the transaction (on SQLite, one connection serves both).
    await this.caseEvidence(input.evidence.cases);
    const id = assessmentId(c, element);
    return this.db.transaction<LegislationDb, Assessment>(async (tx) => {
      const evidence = await this.evidence(tx.trx, c, input.evidence.provisions, date);
      const before = await assessments.get(tx.trx, id);
      if (!before) mustPublishDirectly(actor, input.status);
      const now = new Date().toISOString();
      const after: Assessment = {
        id,
        country: c,
        element,
        checklistVersion: CURRENT_CHECKLIST.version,
        result: input.result,
        reasoning: input.reasoning,
        evidence: { provisions: evidence, cases: input.evidence.cases },
        failurePatterns: input.failurePatterns,
        assessor: input.assessor ?? actor.label,
        date,
        proposal,
        decision: proposal.result === input.result ? 'confirmed' : 'overridden',
        status: before?.status ?? input.status,
        version: (before?.version ?? 0) + 1,
        updatedAt: now,
      };
      await assessments.put(tx.trx, after, !before);
      await this.record(tx.trx, after, before ? 'edit' : 'create', actor);
      return after;
    });
  }

  async transition(country: string, element: string, to: RecordStatus, actor: Actor): Promise<Assessment> {
    mustEdit(actor);
    const id = assessmentId(mustCountry(country), element);
    return this.db.transaction<LegislationDb, Assessment>(async (tx) => {
      const before = await assessments.get(tx.trx, id);
      if (!before)
        throw new AppError('NOT_FOUND', `no assessment of '${element}' for ${country}`, { field: 'element' });
      const name = mustMove(actor, before.status, to, `the assessment of '${element}' for ${country}`);
      const after = { ...before, status: to, version: before.version + 1, updatedAt: new Date().toISOString() };
      await assessments.put(tx.trx, after, false);
      await this.record(tx.trx, after, name, actor);
      return after;
    });
  }

  /** Versions of one assessment, newest first (editors). */
  async versions(country: string, element: string, actor: Actor) {
    mustEdit(actor);
    return recordVersions.list(this.read, 'assessment', assessmentId(mustCountry(country), element));
  }

  /** Resolves `lawId/eid` refs to the wording in force on `date`; each must be of the same country. */
  private async evidence(db: Conn, country: string, refs: string[], date: string): Promise<EvidenceProvision[]> {
    const out: EvidenceProvision[] = [];
    const issues: FieldIssue[] = [];
    for (const [i, ref] of refs.entries()) {
      const [lawId, eid] = ref.split('/') as [string, string];
      const path = `evidence.provisions.${i}`;
      const law = await laws.get(db, lawId);
      if (!law) {
        issues.push({ path, message: `no law '${lawId}'` });
        continue;
      }
      if (law.country !== country) {
        issues.push({ path, message: `'${ref}' is a provision of ${law.country}, not of ${country}` });
        continue;
      }
      const all = (await laws.provisions(db, lawId)).filter((p) => p.eid === eid);
      const p = wordingsOn(all, date)[0] ?? all.at(-1);
      if (!p) {
        issues.push({ path, message: `law '${lawId}' has no provision '${eid}'` });
        continue;
      }
      out.push({ lawId, eid, from: p.from, title: law.title, heading: p.heading });
    }
    if (issues.length)
      throw new AppError('VALIDATION_FAILED', issues.map((x) => `${x.path}: ${x.message}`).join('; '), issues);
    return out;
  }

  /** Cases cited must exist; they may be of any country (a foreign court may apply the law). */
  private async caseEvidence(ids: string[]): Promise<void> {
    const issues: FieldIssue[] = [];
    for (const [i, id] of ids.entries())
      if (!(await this.cases(id))) issues.push({ path: `evidence.cases.${i}`, message: `no case '${id}'` });
    if (issues.length)
      throw new AppError('VALIDATION_FAILED', issues.map((x) => `${x.path}: ${x.message}`).join('; '), issues);
  }

  private async record(db: Conn, a: Assessment, action: string, actor: Actor): Promise<void> {
    await recordChange(db, actor, {
      kind: 'assessment',
      id: a.id,
      version: a.version,
      status: a.status,
      record: a,
      action,
      changed: action === 'edit' || action === 'create' ? ['result', 'reasoning', 'evidence'] : ['status'],
      at: a.updatedAt,
      details: { result: a.result },
    });
  }
}
