/** The assistance register's services: one register per kind, with the references each checks. */
import type { ModuleDatabase } from '../../../kernel/db/sql-database.ts';
import type { FieldIssue } from '../../../kernel/errors.ts';
import { activityIssues, agreementIssues, campaignIssues, participantNameIssues } from '../domain/rules.ts';
import {
  ActivityInput,
  AgreementInput,
  CampaignInput,
  OrganisationInput,
  type Activity,
  type Agreement,
  type Campaign,
  type Organisation,
} from '../domain/schemas.ts';
import { records } from '../store/record-repo.ts';
import type { AssistanceDb } from '../store/schema.ts';
import { RegisterService } from './register-service.ts';
import type { IatiReportingOrg } from './iati-export.ts';

type Conn = Parameters<typeof records.get>[0];

async function orgsExist(db: Conn, refs: readonly { path: string; orgId?: string | undefined }[]) {
  const issues: FieldIssue[] = [];
  for (const r of refs)
    if (r.orgId !== undefined && !(await records.get(db, 'organisation', r.orgId)))
      issues.push({ path: r.path, message: `no organisation '${r.orgId}' in the register` });
  return issues;
}

/** The parent exists, and following parents never comes back to the activity. */
async function parentIssues(db: Conn, a: Activity): Promise<FieldIssue[]> {
  const seen = new Set([a.id]);
  let next = a.parentId;
  while (next) {
    if (seen.has(next)) return [{ path: 'parentId', message: `'${a.parentId}' would make the programmes a cycle` }];
    seen.add(next);
    const p = await records.get<Activity>(db, 'activity', next);
    if (!p) return [{ path: 'parentId', message: `no activity '${next}' in the register` }];
    next = p.record.parentId;
  }
  return [];
}

export function createAssistanceServices(database: ModuleDatabase, reportingOrg: IatiReportingOrg) {
  const activities = new RegisterService(database, {
    kind: 'activity',
    schema: ActivityInput,
    pre: participantNameIssues,
    rules: (a: Activity) => activityIssues(a),
    searchKind: 'activity',
    references: async (a: Activity, db) => [
      ...(await parentIssues(db as unknown as Conn, a)),
      ...(await orgsExist(
        db as unknown as Conn,
        a.participatingOrgs.map((o, i) => ({ path: `participatingOrgs.${i}.orgId`, orgId: o.orgId })),
      )),
    ],
  });
  const organisations = new RegisterService(database, {
    kind: 'organisation',
    schema: OrganisationInput,
    rules: (_o: Organisation) => [],
  });
  const agreements = new RegisterService(database, {
    kind: 'agreement',
    schema: AgreementInput,
    rules: (a: Agreement) => agreementIssues(a),
    references: (a: Agreement, db) =>
      orgsExist(
        db as unknown as Conn,
        a.parties.map((p, i) => ({ path: `parties.${i}.orgId`, orgId: p.orgId })),
      ),
  });
  const campaigns = new RegisterService(database, {
    kind: 'campaign',
    schema: CampaignInput,
    rules: (c: Campaign) => campaignIssues(c),
    references: (c: Campaign, db) =>
      orgsExist(
        db as unknown as Conn,
        c.adopters.map((p, i) => ({ path: `adopters.${i}.orgId`, orgId: p.orgId })),
      ),
  });
  return {
    assistance: {
      activities,
      organisations,
      agreements,
      campaigns,
      reportingOrg,
      db: () => database.kysely<AssistanceDb>(),
    },
  };
}

export type AssistanceServices = ReturnType<typeof createAssistanceServices>;
export type AssistanceRegisters = AssistanceServices['assistance'];
