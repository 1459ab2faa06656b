/** The grants module: the Small Grants Facility (calls, applicants, eligibility, review, decisions, mail). */
import { defineModule } from '../../kernel/module.ts';
import { GRANTS_MESSAGES } from './messages/catalog.ts';
import { GRANTS_AWARD_MIGRATIONS, GRANTS_MIGRATIONS, GRANTS_REVIEW_MIGRATIONS } from './store/migrations.ts';
import { createGrantsServices, type GrantsServices, type KernelJobs } from './services/grants-services.ts';
import { grantsRoutes } from './http/grants-routes.ts';
import { attachmentPages, attachmentRoutes } from './http/attachment-routes.ts';
import { grantsPages } from './web/grants-pages.ts';
import { applicantPages } from './web/applicant-pages.ts';
import { reviewerPages } from './web/reviewer-pages.ts';
import { secretariatPages } from './web/secretariat-pages.ts';
import { jobsCommand } from './commands/jobs-command.ts';
import { seedGrants } from './services/demo-seed.ts';

export const grantsModule = defineModule<GrantsServices>({
  name: 'grants',
  messages: GRANTS_MESSAGES,
  migrations: { ...GRANTS_MIGRATIONS, ...GRANTS_AWARD_MIGRATIONS, ...GRANTS_REVIEW_MIGRATIONS },
  capabilities: ['grants.manage'],
  services: ({ database, config, services }) =>
    createGrantsServices(database, config, services as { jobs?: KernelJobs }),
  routes(app, { services }) {
    grantsRoutes(app, services);
    attachmentRoutes(app, services);
  },
  pages(app, { services }) {
    grantsPages(app, services);
    applicantPages(app, services);
    reviewerPages(app, services);
    secretariatPages(app, services);
    attachmentPages(app, services);
  },
  commands: jobsCommand,
  seed: (services) => seedGrants(services.grants.calls),
  openapi: { tags: [{ name: 'grants', description: 'Small Grants Facility: calls, applications, review' }] },
});
