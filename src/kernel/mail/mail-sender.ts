/**
 * Outgoing mail as durable jobs (kernel/jobs), over a real SMTP transport (nodemailer).
 *
 * A module enqueues a message with an idempotency key (`enqueueMail`), in its own transaction: the
 * message exists exactly when the change that caused it committed, and the same key never makes a
 * second job. The Message-ID is derived from the key when the job is made, so every attempt carries
 * the same one.
 *
 * The sender keeps a sent-log (`mail_log`, one row per Message-ID) and writes `sending` (committed)
 * BEFORE it talks to the server, `sent` after the server accepted the message:
 * - `sent` found: the message went out; a re-run (crash after sending, before the job was recorded
 *   done) sends nothing.
 * - `sending` found: an earlier attempt died between starting to send and recording the outcome.
 *   Whether the server accepted it cannot be known from here, so the message is NOT sent again:
 *   it becomes `uncertain`, for an operator to check in the server's log by its Message-ID.
 * - A definite refusal (an SMTP reply code, or no connection at all) records `failed`, and the job
 *   is retried with backoff: nothing was accepted, so a retry cannot duplicate.
 *
 * The guarantee is therefore **at most once per Message-ID**, with the one window in which a message
 * can be lost (a crash or a cut connection during the SMTP exchange) made visible as `uncertain`
 * rather than silently resent. Exactly-once is not possible over SMTP.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { JobQueue, ClaimedJob } from '../jobs/job-queue.ts';

export const MAIL_JOB = 'mail/send';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

export type MailState = 'sending' | 'sent' | 'uncertain' | 'failed';

export interface MailLogTable {
  message_id: string;
  recipient: string;
  subject: string;
  state: MailState;
  attempts: number;
  started_at: string;
  sent_at: string | null;
  response: string | null;
}

interface MailDb {
  mail_log: MailLogTable;
}

/** What nodemailer's transport offers (a seam for the SMTP transport; tests use a real server). */
export interface MailTransport {
  sendMail(m: {
    from: string;
    to: string;
    subject: string;
    text: string;
    messageId: string;
  }): Promise<{ response?: string; messageId?: string }>;
}

/** The Message-ID a key always gives. */
export function messageIdFor(key: string, domain = 'palermo.invalid'): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}

/** Queues a message once per key (on `conn` to join the caller's transaction). */
export async function enqueueMail(
  queue: JobQueue,
  mail: Omit<OutgoingMail, 'messageId'>,
  key: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the caller's transaction
  conn?: Kysely<any>,
): Promise<{ id: string; created: boolean; messageId: string }> {
  const messageId = messageIdFor(key);
  const r = await queue.enqueue<OutgoingMail>(
    MAIL_JOB,
    { ...mail, messageId },
    { idempotencyKey: `mail:${key}`, maxAttempts: 6 },
    conn,
  );
  return { ...r, messageId };
}

export interface MailSenderOptions {
  now?: () => Date;
  /** Runs right after the server accepted a message, before it is recorded (tests simulate a crash here). */
  afterAccepted?: (m: OutgoingMail) => void;
}

/** A refusal that proves nothing was accepted: a reply code from the server, or no connection. */
function definite(e: unknown): boolean {
  const err = e as { responseCode?: unknown; command?: unknown; code?: unknown };
  return typeof err.responseCode === 'number' || err.command === 'CONN' || err.code === 'ECONNECTION';
}

export class MailSender {
  private readonly now: () => Date;

  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database that holds mail_log
    private readonly db: Kysely<any>,
    private readonly transport: MailTransport,
    private readonly from: string,
    private readonly opts: MailSenderOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  private log(): Kysely<MailDb> {
    return this.db as Kysely<MailDb>;
  }

  /** The job handler for MAIL_JOB. */
  readonly handle = async (job: ClaimedJob<unknown>): Promise<void> => {
    await this.send(job.payload as OutgoingMail);
  };

  /** Sends one message at most once; returns the state it ends in. */
  async send(m: OutgoingMail): Promise<MailState> {
    const row = await this.get(m.messageId);
    if (row?.state === 'sent' || row?.state === 'uncertain') return row.state;
    if (row?.state === 'sending') {
      await this.set(m.messageId, { state: 'uncertain', response: 'an earlier attempt stopped while sending' });
      return 'uncertain';
    }
    const at = this.now().toISOString();
    if (row) await this.set(m.messageId, { state: 'sending', attempts: row.attempts + 1, started_at: at });
    else {
      await this.log()
        .insertInto('mail_log')
        .values({
          message_id: m.messageId,
          recipient: m.to,
          subject: m.subject,
          state: 'sending',
          attempts: 1,
          started_at: at,
        })
        .execute();
    }
    let info: { response?: string };
    try {
      info = await this.transport.sendMail({
        from: this.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: m.messageId,
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await this.set(m.messageId, { state: definite(e) ? 'failed' : 'uncertain', response: message.slice(0, 1000) });
      if (definite(e)) throw e;
      return 'uncertain';
    }
    this.opts.afterAccepted?.(m);
    await this.set(m.messageId, { state: 'sent', sent_at: this.now().toISOString(), response: info.response ?? null });
    return 'sent';
  }

  async get(messageId: string): Promise<MailLogTable | undefined> {
    return this.log().selectFrom('mail_log').selectAll().where('message_id', '=', messageId).executeTakeFirst();
  }

  /** Messages an operator must check by hand (see the class comment). */
  async uncertain(): Promise<MailLogTable[]> {
    return this.log()
      .selectFrom('mail_log')
      .selectAll()
      .where('state', '=', 'uncertain')
      .orderBy('started_at')
      .execute();
  }

  private async set(id: string, values: Partial<MailLogTable>): Promise<void> {
    await this.log().updateTable('mail_log').set(values).where('message_id', '=', id).execute();
  }
}
