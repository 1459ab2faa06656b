/**
 * Mail through the job queue over a real SMTP server on loopback: what arrives (subject, body,
 * Message-ID), retries after a temporary refusal, and no second send after a crash between the
 * server accepting a message and the sender recording it, nor after a crash before the job is done.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest } from '../../src/kernel/db/migrations.ts';
import { JOB_MIGRATIONS, JobHandlers, JobQueue, JobWorker } from '../../src/kernel/jobs/index.ts';
import { MAIL_JOB, MAIL_MIGRATIONS, MailSender, enqueueMail, smtpTransport } from '../../src/kernel/mail/index.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { tempDbPath } from '../helpers/test-app.ts';

describe('mail over SMTP from durable jobs', () => {
  let smtp: TestSmtp;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- jobs and mail_log only
  let db: Kysely<any>;
  let t: number;
  let queue: JobQueue;
  let transport: ReturnType<typeof smtpTransport>;

  const worker = (opts: ConstructorParameters<typeof MailSender>[3] = {}) => {
    const handlers = new JobHandlers();
    const sender = new MailSender(db, transport, 'Trust Fund <grants@example.org>', {
      now: () => new Date(t),
      ...opts,
    });
    handlers.register(MAIL_JOB, sender.handle);
    return { worker: new JobWorker(queue, handlers, 'W'), sender };
  };

  beforeEach(async () => {
    smtp = await startSmtp();
    transport = smtpTransport(smtp.url);
    db = new Kysely({ dialect: new SqliteDialect({ database: new Database(tempDbPath()) }) });
    await migrateToLatest(db, 'sqlite', { ...JOB_MIGRATIONS, ...MAIL_MIGRATIONS });
    t = Date.parse('2026-12-04T10:00:00.000Z');
    queue = new JobQueue(db, 'sqlite', { now: () => new Date(t), leaseMs: 60_000, backoffMs: 1_000 });
  });
  afterEach(async () => {
    transport.close();
    await smtp.close();
    await db.destroy();
  });

  it('delivers the message with its subject, body and Message-ID', async () => {
    const { messageId } = await enqueueMail(
      queue,
      { to: 'applicant@example.org', subject: 'Réception — application received', text: 'Ref. A-1\nمرحبا' },
      'receipt:A-1:1',
    );
    const { worker: w, sender } = worker();
    expect(await w.drain()).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const m = smtp.received[0]!;
    expect(m.subject).toBe('Réception — application received');
    expect(m.text?.trim()).toBe('Ref. A-1\nمرحبا');
    expect(m.messageId).toBe(messageId);
    expect(m.from?.text).toContain('grants@example.org');
    expect((await sender.get(messageId))?.state).toBe('sent');
  });

  it('retries after a temporary refusal, and sends once', async () => {
    smtp.refuseNext(1);
    const { messageId } = await enqueueMail(queue, { to: 'a@example.org', subject: 's', text: 'x' }, 'k1');
    const { worker: w, sender } = worker();
    expect((await w.runOnce())?.outcome).toBe('retry');
    expect((await sender.get(messageId))?.state).toBe('failed');
    t += 1_000;
    expect((await w.runOnce())?.outcome).toBe('done');
    expect(smtp.received).toHaveLength(1);
    expect((await sender.get(messageId))?.attempts).toBe(2);
  });

  it('a second enqueue with the same key sends nothing more', async () => {
    await enqueueMail(queue, { to: 'a@example.org', subject: 's', text: 'x' }, 'same');
    await enqueueMail(queue, { to: 'a@example.org', subject: 's', text: 'x' }, 'same');
    await worker().worker.drain();
    expect(smtp.received).toHaveLength(1);
  });

  it('no double send after a crash between sending and recording', async () => {
    const { messageId } = await enqueueMail(queue, { to: 'a@example.org', subject: 's', text: 'x' }, 'crash');
    // The process "dies" right after the server accepted the message: the handler never records it.
    const crashing = worker({
      afterAccepted: () => {
        throw new Error('process killed');
      },
    });
    const job = (await queue.claim('dying'))!;
    await expect(crashing.sender.handle(job)).rejects.toThrow('process killed');
    expect(smtp.received).toHaveLength(1);
    // Nobody finishes the job; after the lease another worker takes it and must not send again.
    t += 60_000;
    const { worker: w, sender } = worker();
    expect((await w.runOnce())?.outcome).toBe('done');
    expect(smtp.received).toHaveLength(1);
    expect((await sender.get(messageId))?.state).toBe('uncertain');
    expect((await sender.uncertain()).map((r) => r.message_id)).toEqual([messageId]);
  });

  it('no double send after a crash between recording the send and finishing the job', async () => {
    const { messageId } = await enqueueMail(queue, { to: 'a@example.org', subject: 's', text: 'x' }, 'late');
    const first = worker();
    const job = (await queue.claim('dying'))!;
    await first.sender.handle(job); // sent and recorded, but the job is never completed
    t += 60_000;
    expect((await worker().worker.runOnce())?.outcome).toBe('done');
    expect(smtp.received).toHaveLength(1);
    expect((await first.sender.get(messageId))?.state).toBe('sent');
  });

  it('refuses wrong SMTP credentials as a definite failure (retried, nothing recorded as sent)', async () => {
    const bad = smtpTransport(smtp.url.replace('secret', 'wrong'));
    const sender = new MailSender(db, bad, 'x@example.org');
    await expect(sender.send({ to: 'a@example.org', subject: 's', text: 'x', messageId: '<m@x>' })).rejects.toThrow();
    expect((await sender.get('<m@x>'))?.state).toBe('failed');
    bad.close();
  });
});
