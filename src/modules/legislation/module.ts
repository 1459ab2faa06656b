/**
 * The legislation module: laws at provision level, and compliance assessments against the Protocol
 * and the Model Law.
 */
import { defineModule } from '../../kernel/module.ts';
import { loadCatalogs } from '../../kernel/i18n/i18n.ts';
import { SqliteStore, type CaseServices } from '../cases/index.ts';
import { SYSTEM } from '../platform/index.ts';
import { LEGISLATION_MIGRATIONS } from './store/migrations.ts';
import { createLegislationServices, type LegislationServices } from './services/services.ts';
import { provisionSource } from './search/provision-source.ts';
import { lawRoutes } from './http/law-routes.ts';
import { complianceRoutes } from './http/compliance-routes.ts';
import { LEGISLATION_SCHEMAS } from './http/openapi.ts';
import { lawCommands } from './commands/law-commands.ts';
import { legislationPages } from './web/pages.ts';
import { legislationSection } from './web/country-section.ts';
import { seedLegislation } from './seed/seed.ts';

export const legislationModule = defineModule<LegislationServices>({
  name: 'legislation',
  messages: loadCatalogs(new URL('./messages/', import.meta.url)),
  migrations: LEGISLATION_MIGRATIONS,
  capabilities: ['record.create', 'record.edit_any', 'record.publish', 'record.withdraw', 'record.read_unpublished'],
  // Cases cited as evidence are read through the cases module's service (with every right: the
  // register decides itself what the public sees of them).
  services: ({ database, services }) =>
    createLegislationServices(database, async (id) => {
      const c = await (services as Pick<CaseServices, 'cases'>).cases.get(id, SYSTEM).catch(() => undefined);
      return c && { jurisdiction: c.jurisdiction, status: c.status };
    }),
  searchSources: ({ store }) => [provisionSource(store.db, store instanceof SqliteStore ? store.sqlite : undefined)],
  routes(app, { services }) {
    lawRoutes(app, services.laws);
    complianceRoutes(app, services.compliance);
  },
  pages: (app, { services }) => legislationPages(app, services),
  commands: (program, ctx) => lawCommands(program, ctx),
  seed: (services) => seedLegislation(services),
  countrySections: ({ services }) => [legislationSection(services)],
  openapi: {
    schemas: LEGISLATION_SCHEMAS,
    tags: [{ name: 'legislation', description: 'Laws at provision level and compliance assessments' }],
  },
});
