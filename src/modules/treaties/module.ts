/** The treaties module: treaty status of the Protocol and its sister instruments, and the country profile. */
import { defineModule } from '../../kernel/module.ts';
import { loadCatalogs } from '../../kernel/i18n/i18n.ts';
import { TREATY_MIGRATIONS } from './store/migrations.ts';
import { createTreatyServices, type TreatyServices } from './services/services.ts';
import { seedTreaties } from './services/demo-seed.ts';
import { treatyRoutes } from './http/treaty-routes.ts';
import { profileRoutes } from './http/profile-routes.ts';
import { linkRoutes } from './http/link-routes.ts';
import { TREATY_SCHEMAS } from './http/openapi.ts';
import { treatyPages } from './web/page-routes.ts';
import { treatyCountrySection } from './web/country-section.ts';
import { treatyCommands } from './commands/treaty-commands.ts';

export const treatiesModule = defineModule<TreatyServices>({
  name: 'treaties',
  messages: loadCatalogs(new URL('./messages/', import.meta.url)),
  migrations: TREATY_MIGRATIONS,
  capabilities: ['record.import', 'record.edit_any'],
  services: ({ database }) => createTreatyServices(database),
  seed: (services) => seedTreaties(services),
  routes(app, { services, countrySections }) {
    treatyRoutes(app, services);
    linkRoutes(app, services);
    profileRoutes(app, () => countrySections);
  },
  pages(app, { services, countrySections }) {
    treatyPages(app, services, () => countrySections);
  },
  commands: (program, ctx) => treatyCommands(program, ctx),
  countrySections: ({ services }) => [treatyCountrySection(services)],
  openapi: {
    schemas: TREATY_SCHEMAS,
    tags: [{ name: 'treaties', description: 'Treaty status (UN Treaty Collection shape) and country profiles' }],
  },
});
