/**
 * The assistance module: technical assistance and training activities (IATI concepts), partner
 * organisations, agreements and campaigns; reports, the IATI 2.03 export, the "assistance received"
 * section of the country profile, and the demo content of the 2012 report.
 */
import { defineModule } from '../../kernel/module.ts';
import { loadCatalogs } from '../../kernel/i18n/i18n.ts';
import { ASSISTANCE_MIGRATIONS } from './store/migrations.ts';
import { createAssistanceServices, type AssistanceServices } from './services/assistance-services.ts';
import { assistanceRoutes } from './http/assistance-routes.ts';
import { reportRoutes } from './http/report-routes.ts';
import { activitySource, type ActivityStoreAccess } from './search/activity-source.ts';
import { seedAssistance } from './seed/seed.ts';
import { assistanceSection } from './web/country-section.ts';
import { assistancePages } from './web/assistance-pages.ts';
import { assistanceCommands } from './commands/assistance-commands.ts';

export const assistanceModule = defineModule<AssistanceServices>({
  name: 'assistance',
  messages: loadCatalogs(new URL('./messages/', import.meta.url)),
  migrations: ASSISTANCE_MIGRATIONS,
  capabilities: ['record.create', 'record.edit_any', 'record.publish', 'record.withdraw', 'record.read_unpublished'],
  services: ({ database, config }) => createAssistanceServices(database, config.iatiReportingOrg),
  routes: (app, { services }) => {
    assistanceRoutes(app, services.assistance);
    reportRoutes(app, services.assistance);
  },
  pages: (app, { services }) => assistancePages(app, services.assistance),
  commands: (program, ctx) => assistanceCommands(program, ctx),
  searchSources: ({ store }) => [activitySource(store as ActivityStoreAccess)],
  seed: (services) => seedAssistance(services.assistance),
  countrySections: ({ services }) => [assistanceSection(services.assistance)],
  openapi: {
    tags: [
      {
        name: 'assistance',
        description:
          'Technical assistance and training activities, partners, agreements and campaigns; reports; IATI 2.03 export',
      },
    ],
  },
});
