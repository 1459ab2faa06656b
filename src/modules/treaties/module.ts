/** The treaties module: treaty status of the Protocol and its sister instruments, and the country profile. */
import { defineModule } from '../../kernel/module.ts';
import { loadCatalogs } from '../../kernel/i18n/i18n.ts';
import { TREATY_MIGRATIONS } from './store/migrations.ts';
import { createTreatyServices, type TreatyServices } from './services/services.ts';
import { seedTreaties } from './services/demo-seed.ts';

export const treatiesModule = defineModule<TreatyServices>({
  name: 'treaties',
  messages: loadCatalogs(new URL('./messages/', import.meta.url)),
  migrations: TREATY_MIGRATIONS,
  capabilities: ['record.import', 'record.edit_any'],
  services: ({ database }) => createTreatyServices(database),
  seed: (services) => seedTreaties(services),
});
