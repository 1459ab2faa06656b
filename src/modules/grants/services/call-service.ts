/** Calls for proposals (the secretariat's, public once made) and applicant organisations. */
import { AppError } from '../../../kernel/errors.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { audit, platformRepos, type Actor } from '../../platform/index.ts';
import { CallInput, OrganisationInput, type Call, type Organisation } from '../domain/schemas.ts';
import { deadlineState } from '../domain/rules.ts';
import type { GrantsDb } from '../store/schema.ts';
import {
  db,
  isSecretariat,
  loadCall,
  loadOrganisation,
  memberOrgs,
  newId,
  personOf,
  requireSecretariat,
  type GrantsContext,
} from './context.ts';

export type CallView = Call & { state: ReturnType<typeof deadlineState> };

export class CallService {
  constructor(private readonly ctx: GrantsContext) {}

  async createCall(input: unknown, actor: Actor, id?: string): Promise<Call> {
    requireSecretariat(actor);
    const call = parseOrThrow(CallInput, input, 'call');
    const callId = id ?? newId('call');
    const createdAt = this.ctx.now().toISOString();
    await this.ctx.database.transaction<GrantsDb, void>(async (tx) => {
      await tx.trx
        .insertInto('grants_calls')
        .values({
          id: callId,
          doc: JSON.stringify(call),
          opens_at: call.opensAt,
          closes_at: call.closesAt,
          created_at: createdAt,
        })
        .execute();
      await audit(
        platformRepos(tx.trx).audit,
        actor,
        'grants.call.create',
        { type: 'grants_call', id: callId },
        { title: call.title },
      );
    });
    return { ...call, id: callId, createdAt };
  }

  /** Calls are public: their terms are what applicants apply to. */
  async listCalls(): Promise<CallView[]> {
    const rows = await db(this.ctx).selectFrom('grants_calls').select('id').orderBy('opens_at', 'desc').execute();
    return Promise.all(rows.map((r) => this.getCall(r.id)));
  }

  async getCall(id: string): Promise<CallView> {
    const call = await loadCall(db(this.ctx), id);
    return { ...call, state: deadlineState(call, this.ctx.now()) };
  }

  async countCalls(): Promise<number> {
    const r = await db(this.ctx)
      .selectFrom('grants_calls')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** A signed-in person registers an organisation and becomes its member. */
  async registerOrganisation(input: unknown, actor: Actor): Promise<Organisation> {
    const userId = personOf(actor);
    const org = parseOrThrow(OrganisationInput, input, 'organisation');
    const id = newId('org');
    const createdAt = this.ctx.now().toISOString();
    await this.ctx.database.transaction<GrantsDb, void>(async (tx) => {
      await tx.trx
        .insertInto('grants_organisations')
        .values({ id, doc: JSON.stringify(org), created_at: createdAt })
        .execute();
      await tx.trx.insertInto('grants_members').values({ organisation_id: id, user_id: userId }).execute();
      await audit(
        platformRepos(tx.trx).audit,
        actor,
        'grants.organisation.register',
        { type: 'grants_organisation', id },
        { legalName: org.legalName },
      );
    });
    return { ...org, id, createdAt };
  }

  /** The secretariat sees every organisation, a member their own; anyone else gets 404. */
  async getOrganisation(id: string, actor: Actor): Promise<Organisation> {
    const conn = db(this.ctx);
    const allowed = isSecretariat(actor) || (await memberOrgs(conn, actor.userId)).includes(id);
    const org = allowed ? await loadOrganisation(conn, id) : undefined;
    if (!org) throw new AppError('NOT_FOUND', `organisation '${id}' does not exist`, { id });
    return org;
  }

  async myOrganisations(actor: Actor): Promise<Organisation[]> {
    const conn = db(this.ctx);
    const ids = isSecretariat(actor)
      ? (await conn.selectFrom('grants_organisations').select('id').execute()).map((r) => r.id)
      : await memberOrgs(conn, actor.userId);
    const orgs = await Promise.all(ids.map((id) => loadOrganisation(conn, id)));
    return orgs
      .filter((o): o is Organisation => o !== undefined)
      .sort((a, b) => a.legalName.localeCompare(b.legalName));
  }

  /** The secretariat adds a person to an organisation (a second staff member, a consortium partner's contact). */
  async addMember(organisationId: string, userId: string, actor: Actor): Promise<void> {
    requireSecretariat(actor);
    await this.getOrganisation(organisationId, actor);
    await db(this.ctx)
      .insertInto('grants_members')
      .values({ organisation_id: organisationId, user_id: userId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
