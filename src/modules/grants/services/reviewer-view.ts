/**
 * What a reviewer reads of an application. On a blind call: no organisation, no consortium, and the
 * free text (title, summary, answers, themes, budget categories) scrubbed of the applicant's
 * identity: the organisations' names and registration numbers, their people's names, e-mail and web
 * addresses (domain/blind.ts).
 */
import type { Kysely } from 'kysely';
import type { PlatformDatabase } from '../../platform/index.ts';
import type { Application, ApplicationContent } from '../domain/schemas.ts';
import { personTerms, scrub, type Identity } from '../domain/blind.ts';
import type { GrantsDb } from '../store/schema.ts';
import { loadCall, loadOrganisation } from './context.ts';
import { attachmentEntries, type AttachmentEntry } from './attachment-catalogue.ts';

export interface ReviewerView {
  id: string;
  callId: string;
  revision: number;
  blind: boolean;
  organisation: { id: string; legalName: string; legalStatus: string; registrationCountry: string } | null;
  content: Omit<ApplicationContent, 'members'> & { members?: string[] };
  /** The attachments' versions; on a blind call without file names or downloads (a file cannot be scrubbed). */
  attachments: AttachmentEntry[];
}

/** The applicant's identity: lead and consortium members, their registration, contacts and people. */
export async function identityOf(conn: Kysely<GrantsDb>, app: Application): Promise<Identity> {
  const orgIds = [app.organisationId, ...app.content.members];
  const names: string[] = [];
  const emails: string[] = [];
  for (const id of orgIds) {
    const org = await loadOrganisation(conn, id);
    if (!org) continue;
    names.push(org.legalName, org.registrationNumber);
    emails.push(org.contactEmail);
  }
  const people = await (conn as unknown as Kysely<GrantsDb & PlatformDatabase>)
    .selectFrom('grants_members')
    .innerJoin('users', 'users.id', 'grants_members.user_id')
    .select(['users.name', 'users.email'])
    .where('grants_members.organisation_id', 'in', orgIds)
    .execute();
  names.push(...personTerms(people.map((p) => p.name)));
  emails.push(...people.map((p) => p.email));
  return { names, emails };
}

export function scrubContent(content: ApplicationContent, id: Identity): Omit<ApplicationContent, 'members'> {
  const { members: _m, ...rest } = content;
  const s = (text: string) => scrub(text, id);
  return {
    ...rest,
    title: s(rest.title),
    summary: s(rest.summary),
    themes: rest.themes.map(s),
    budget: rest.budget.map((l) => ({ ...l, category: s(l.category) })),
    answers: Object.fromEntries(Object.entries(rest.answers).map(([k, v]) => [k, s(v)])),
  };
}

export async function reviewerView(conn: Kysely<GrantsDb>, app: Application): Promise<ReviewerView> {
  const call = await loadCall(conn, app.callId);
  const base = {
    id: app.id,
    callId: app.callId,
    revision: app.revision,
    attachments: await attachmentEntries(conn, app, call, call.blindReview ? 'blind' : 'reviewer'),
  };
  if (call.blindReview)
    return {
      ...base,
      blind: true,
      organisation: null,
      content: scrubContent(app.content, await identityOf(conn, app)),
    };
  const org = await loadOrganisation(conn, app.organisationId);
  return {
    ...base,
    blind: false,
    organisation: org
      ? {
          id: org.id,
          legalName: org.legalName,
          legalStatus: org.legalStatus,
          registrationCountry: org.registrationCountry,
        }
      : null,
    content: app.content,
  };
}
