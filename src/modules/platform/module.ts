/** The platform module: accounts, sessions, API tokens, the audit log and the editor shell. */
import { defineModule } from '../../kernel/module.ts';
import { loadCatalogs } from '../../kernel/i18n/i18n.ts';
import { CAPABILITIES } from './domain/permissions.ts';
import type { PlatformServices } from './services/platform-services.ts';
import { createPlatformServices } from './services/platform-services.ts';
import { accountRoutes } from './http/account-routes.ts';
import { accountPages } from './web/account-pages.ts';
import { accountCommands } from './commands/account-commands.ts';
import { PLATFORM_MIGRATIONS } from './store/migrations.ts';

export const platformModule = defineModule<PlatformServices>({
  name: 'platform',
  // The first migrations (0001-0004) were written when Palermo was one domain; they keep their names
  // and live in the cases module, which created the platform's first tables with its own in 0004.
  messages: loadCatalogs(new URL('./messages/', import.meta.url)),
  migrations: PLATFORM_MIGRATIONS,
  capabilities: CAPABILITIES,
  services: ({ store, config }) =>
    createPlatformServices(store, {
      maxFailures: config.loginMaxFailures,
      lockMinutes: config.loginLockMinutes,
      sessionHours: config.sessionHours,
    }),
  routes: (app, { services }) => accountRoutes(app, { accounts: services.accounts, audit: services.audit }),
  pages: (app, { services, config }) => accountPages(app, { services, config }),
  commands: (program, ctx) => accountCommands(program, ctx),
  openapi: {
    tags: [{ name: 'accounts', description: 'Users, API tokens and the audit log (administrators)' }],
  },
});
