/**
 * The app's one job queue and its handlers, with the mail sender when PALERMO_SMTP_URL is set. The
 * first module that needs it makes it (cases, for the spreadsheet import); later ones reuse it.
 */
import type { Config } from '../config/config.ts';
import type { ModuleDatabase } from '../db/sql-database.ts';
import { MAIL_JOB, MailSender, smtpTransport } from '../mail/index.ts';
import { JobQueue } from './job-queue.ts';
import { JobHandlers } from './worker.ts';

export interface KernelJobs {
  queue: JobQueue;
  handlers: JobHandlers;
  /** Present when PALERMO_SMTP_URL is set; then MAIL_JOB has its handler. */
  mail: MailSender | undefined;
  close(): void;
}

export function kernelJobs(database: ModuleDatabase, config: Readonly<Config>, now?: () => Date): KernelJobs {
  const queue = new JobQueue(database.kysely(), database.dialect, { now });
  const handlers = new JobHandlers();
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined;
  const mail = transport ? new MailSender(database.kysely(), transport, config.mailFrom, { now }) : undefined;
  if (mail) handlers.register(MAIL_JOB, mail.handle);
  return { queue, handlers, mail, close: () => transport?.close() };
}
