/**
 * Predecessor/successor links between participants: read for the status, the API, the pages and the
 * profile; written by imports (a links CSV) and by a curator (record.edit_any), whose link is kept over
 * later imports. Each curator's write is a version of the participant's links and is in the audit log.
 */
import type { Transaction } from 'kysely';
import type { ModuleDatabase } from '../../../kernel/db/sql-database.ts';
import { AppError } from '../../../kernel/errors.ts';
import { can, platformRepos, audit, recordVersions, type Actor } from '../../platform/index.ts';
import { readLink, type LinkRelation } from '../domain/link-file.ts';
import { participantName } from '../domain/participants.ts';
import type { ParticipantLinkRow, TreatyDb } from '../store/tables.ts';

export interface LinkView {
  code: string;
  name: string;
  date: string | null;
  source: string;
  note: string | null;
  curated: boolean;
}

export interface ParticipantLinks {
  predecessors: LinkView[];
  successors: LinkView[];
}

export interface LinkInput {
  relation: LinkRelation;
  other: string;
  date?: string | null;
  source: string;
  note?: string | null;
}

export const LINK_VERSION_KIND = 'treaty-participant-links';

const view = (r: ParticipantLinkRow, other: string): LinkView => ({
  code: other,
  name: participantName(other),
  date: r.on_date,
  source: r.source,
  note: r.note,
  curated: r.curated_by !== null,
});

/** The links of one participant, out of all the rows. */
export function linksOf(rows: readonly ParticipantLinkRow[], code: string): ParticipantLinks {
  // Dated links first, by date; undated ones after them.
  const byDate = (a: LinkView, b: LinkView) =>
    (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.code.localeCompare(b.code);
  return {
    predecessors: rows
      .filter((r) => r.code === code)
      .map((r) => view(r, r.predecessor))
      .sort(byDate),
    successors: rows
      .filter((r) => r.predecessor === code)
      .map((r) => view(r, r.code))
      .sort(byDate),
  };
}

export class TreatyLinkService {
  constructor(private readonly database: ModuleDatabase) {}

  async all(): Promise<ParticipantLinkRow[]> {
    return this.database.kysely<TreatyDb>().selectFrom('treaty_participant_links').selectAll().orderBy('id').execute();
  }

  async of(code: string): Promise<ParticipantLinks> {
    return linksOf(await this.all(), code);
  }

  /** A curator writes (or replaces) one link of `code`; kept over later imports. */
  async write(code: string, input: LinkInput, actor: Actor): Promise<ParticipantLinkRow> {
    this.authorize(actor);
    const { link, issues } = readLink(undefined, {
      participant: code,
      relation: input.relation,
      other: input.other,
      date: input.date ?? '',
      source: input.source,
      note: input.note ?? '',
    });
    if (!link) throw new AppError('VALIDATION_FAILED', 'the link is not valid', issues);
    const row: ParticipantLinkRow = {
      id: `${link.successor}|${link.predecessor}`,
      code: link.successor,
      predecessor: link.predecessor,
      on_date: link.date,
      source: link.source,
      note: link.note,
      curated_by: actor.label,
    };
    return this.database.transaction<TreatyDb, ParticipantLinkRow>(async (tx) => {
      const before = await tx.trx
        .selectFrom('treaty_participant_links')
        .selectAll()
        .where('id', '=', row.id)
        .executeTakeFirst();
      await tx.trx.deleteFrom('treaty_participant_links').where('id', '=', row.id).execute();
      await tx.trx.insertInto('treaty_participant_links').values(row).execute();
      await this.record(tx.trx, code, actor, before ? 'link-change' : 'link-add', {
        before: before ?? null,
        after: row,
      });
      return row;
    });
  }

  /** A curator removes the link between `code` and `other` (either way round). */
  async remove(code: string, other: string, actor: Actor): Promise<{ removed: string }> {
    this.authorize(actor);
    return this.database.transaction<TreatyDb, { removed: string }>(async (tx) => {
      const ids = [`${code}|${other}`, `${other}|${code}`];
      const before = await tx.trx
        .selectFrom('treaty_participant_links')
        .selectAll()
        .where('id', 'in', ids)
        .executeTakeFirst();
      if (!before) throw new AppError('NOT_FOUND', `no link between ${code} and ${other} is recorded`, { other });
      await tx.trx.deleteFrom('treaty_participant_links').where('id', '=', before.id).execute();
      await this.record(tx.trx, code, actor, 'link-remove', { before, after: null });
      return { removed: before.id };
    });
  }

  private authorize(actor: Actor): void {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHORIZED', 'sign in or send a token');
    if (!can(actor, 'record.edit_any'))
      throw new AppError('FORBIDDEN', 'recording predecessor and successor links needs the editor right');
  }

  /** A version of `code`'s links as they now stand, and the audit entry. */
  private async record(
    trx: Transaction<TreatyDb>,
    code: string,
    actor: Actor,
    action: string,
    change: { before: ParticipantLinkRow | null; after: ParticipantLinkRow | null },
  ): Promise<void> {
    const rows = await trx.selectFrom('treaty_participant_links').selectAll().execute();
    const versions = await recordVersions.list(trx, LINK_VERSION_KIND, code);
    await recordVersions.add(trx, {
      kind: LINK_VERSION_KIND,
      id: code,
      version: versions.length + 1,
      status: 'published',
      record: linksOf(rows, code),
      action,
      changed: ['links'],
      actorId: actor.id,
      actorLabel: actor.label,
      at: new Date().toISOString(),
    });
    await audit(
      platformRepos(trx).audit,
      actor,
      'treaty.link',
      { type: 'treaty-participant', id: code },
      {
        action,
        before: change.before,
        after: change.after,
      },
    );
  }

  async versions(code: string) {
    return recordVersions.list(this.database.kysely(), LINK_VERSION_KIND, code);
  }
}
