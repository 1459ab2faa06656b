/** The grants module's services, and the kernel job queue and mail sender (made here when no module made them). */
import { join } from 'node:path';
import type { Config } from '../../../kernel/config/config.ts';
import type { ModuleDatabase } from '../../../kernel/db/sql-database.ts';
import { DiskDocumentFiles } from '../../../kernel/files/disk-document-files.ts';
import { I18n } from '../../../kernel/i18n/i18n.ts';
import { kernelJobs, type KernelJobs } from '../../../kernel/jobs/kernel-jobs.ts';
import { GRANTS_MESSAGES } from '../messages/catalog.ts';
import { ApplicationService } from './application-service.ts';
import { AttachmentService } from './attachment-service.ts';
import { AwardService, REMINDER_JOB } from './award-service.ts';
import { DecisionService } from './decision-service.ts';
import { CallService } from './call-service.ts';
import { ReviewService } from './review-service.ts';
import { PanelService } from './panel-service.ts';
import type { GrantsContext } from './context.ts';

export { kernelJobs, type KernelJobs };

/**
 * The grants module's own folder of attachment files, inside the documents folder (copied by backups
 * as the library's is): a case's document sweep or removal never touches a grants file with the same
 * bytes. Files uploaded before it existed are still read from the documents folder itself.
 */
export const grantsFilesDir = (config: Pick<Config, 'documentsDir'>) => join(config.documentsDir, 'grants');

export interface GrantsServices {
  jobs: KernelJobs;
  grants: {
    calls: CallService;
    applications: ApplicationService;
    attachments: AttachmentService;
    decisions: DecisionService;
    awards: AwardService;
    reviews: ReviewService;
    panel: PanelService;
    now: () => Date;
  };
}

export function createGrantsServices(
  database: ModuleDatabase,
  config: Readonly<Config>,
  existing: { jobs?: KernelJobs },
  now: () => Date = () => new Date(),
): GrantsServices {
  const jobs = existing.jobs ?? kernelJobs(database, config);
  const mailI18n = new I18n([{ owner: 'grants', catalogs: GRANTS_MESSAGES }]);
  const ctx: GrantsContext = {
    database,
    jobs: jobs.queue,
    mailText: (locale) => mailI18n.translator(locale),
    now,
    publicUrl: config.publicUrl,
  };
  const applications = new ApplicationService(ctx);
  const files = new DiskDocumentFiles(grantsFilesDir(config));
  const awards = new AwardService(ctx, applications);
  const reviews = new ReviewService(ctx);
  if (!jobs.handlers.types().includes(REMINDER_JOB)) jobs.handlers.register(REMINDER_JOB, awards.remind);
  return {
    jobs,
    grants: {
      calls: new CallService(ctx),
      applications,
      attachments: new AttachmentService(
        ctx,
        applications,
        files,
        config.documentMaxBytes,
        new DiskDocumentFiles(config.documentsDir),
      ),
      decisions: new DecisionService(ctx, applications),
      awards,
      reviews,
      panel: new PanelService(ctx, applications, reviews),
      now,
    },
  };
}
