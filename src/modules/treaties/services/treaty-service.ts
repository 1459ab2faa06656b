/**
 * Reads of the treaty registry (instruments, status, parties at a date, a participant's status) and
 * the instruments' seeding. Everything here is public: the registry holds deposited facts only.
 */
import type { ModuleDatabase } from '../../../kernel/db/sql-database.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { TreatyDb } from '../store/tables.ts';
import { INSTRUMENTS } from '../domain/instruments.ts';
import { instrumentRow } from '../store/instrument-row.ts';
import {
  buildStatus,
  isInForceAt,
  isParty,
  isPartyAt,
  isSignatory,
  type InstrumentHeader,
  type InstrumentStatus,
  type ParticipantStatus,
} from './status-model.ts';

export interface InstrumentSummary extends InstrumentHeader {
  signatories: number;
  parties: number;
  participantsRecorded: number;
}

export interface PartiesAt {
  instrument: string;
  at: string;
  count: number;
  inForceCount: number;
  parties: (ParticipantStatus & { inForce: boolean })[];
}

export class TreatyService {
  constructor(private readonly database: ModuleDatabase) {}

  private get db() {
    return this.database.kysely<TreatyDb>();
  }

  /** Writes the four instruments where missing; returns how many were added. */
  async ensureInstruments(): Promise<number> {
    const have = new Set((await this.db.selectFrom('treaty_instruments').select('id').execute()).map((r) => r.id));
    const missing = INSTRUMENTS.filter((i) => !have.has(i.id));
    if (missing.length)
      await this.database.transaction<TreatyDb, void>(async (tx) => {
        await tx.trx.insertInto('treaty_instruments').values(missing.map(instrumentRow)).execute();
      });
    return missing.length;
  }

  async instrumentIds(): Promise<string[]> {
    return (await this.db.selectFrom('treaty_instruments').select('id').orderBy('id').execute()).map((r) => r.id);
  }

  async status(id: string): Promise<InstrumentStatus> {
    const row = await this.db.selectFrom('treaty_instruments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `instrument '${id}' does not exist`, { id });
    const parent = row.parent_id
      ? await this.db
          .selectFrom('treaty_instruments')
          .select('entry_into_force')
          .where('id', '=', row.parent_id)
          .executeTakeFirst()
      : undefined;
    const [participants, participation, actions, statements, names, links] = await Promise.all([
      this.db.selectFrom('treaty_participants').selectAll().execute(),
      this.db.selectFrom('treaty_participation').selectAll().where('instrument_id', '=', id).execute(),
      this.db.selectFrom('treaty_actions').selectAll().where('instrument_id', '=', id).execute(),
      this.db
        .selectFrom('treaty_statements')
        .selectAll()
        .where('instrument_id', '=', id)
        .orderBy('article')
        .orderBy('participant')
        .execute(),
      this.db.selectFrom('treaty_participant_names').selectAll().execute(),
      this.db.selectFrom('treaty_participant_links').selectAll().execute(),
    ]);
    return buildStatus(
      row,
      parent?.entry_into_force ?? null,
      participants,
      participation,
      actions,
      statements,
      names,
      links,
    );
  }

  async list(): Promise<InstrumentSummary[]> {
    const out: InstrumentSummary[] = [];
    for (const id of await this.instrumentIds()) {
      const s = await this.status(id);
      out.push({
        ...s.instrument,
        signatories: s.participants.filter(isSignatory).length,
        parties: s.participants.filter(isParty).length,
        participantsRecorded: s.participants.length,
      });
    }
    return out;
  }

  async partiesAt(id: string, at: string): Promise<PartiesAt> {
    const s = await this.status(id);
    const parties = s.participants.filter((p) => isPartyAt(p, at)).map((p) => ({ ...p, inForce: isInForceAt(p, at) }));
    return {
      instrument: id,
      at,
      count: parties.length,
      inForceCount: parties.filter((p) => p.inForce).length,
      parties,
    };
  }

  /** The depositary notifications recorded for an instrument, by date. */
  async notifications(id: string) {
    await this.status(id);
    return this.db
      .selectFrom('treaty_notifications')
      .selectAll()
      .where('instrument_id', '=', id)
      .orderBy('issued_on')
      .orderBy('cn_ref')
      .execute();
  }

  /** A participant's status under every instrument (the country profile); null when none is recorded. */
  async participantStatus(code: string): Promise<{ instrument: InstrumentHeader; status: ParticipantStatus | null }[]> {
    const out = [];
    for (const id of await this.instrumentIds()) {
      const s = await this.status(id);
      out.push({ instrument: s.instrument, status: s.participants.find((p) => p.code === code) ?? null });
    }
    return out;
  }
}
