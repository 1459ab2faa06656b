/**
 * The module registry: every module of this Palermo, in dependency order (a module's services may use
 * those of the modules before it). Adding a register is adding its module here.
 */
import type { ModuleDefinition } from '../kernel/module.ts';
import { mergeMigrations, type ModuleMigrations } from '../kernel/db/migrations.ts';
import { I18n } from '../kernel/i18n/i18n.ts';
import { KERNEL_MESSAGES } from '../kernel/i18n/kernel-messages.ts';
import { platformModule } from '../modules/platform/index.ts';
import { casesModule } from '../modules/cases/index.ts';
import { assistanceModule } from '../modules/assistance/index.ts';
import { grantsModule } from '../modules/grants/index.ts';
import { JOB_MIGRATIONS } from '../kernel/jobs/index.ts';
import { MAIL_MIGRATIONS } from '../kernel/mail/index.ts';
import { libraryModule } from '../modules/library/index.ts';
import { treatiesModule } from '../modules/treaties/index.ts';
import { legislationModule } from '../modules/legislation/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module declares the services it uses
type AnyModule = Readonly<ModuleDefinition<any>>;

/** Module names must be unique: they prefix message keys and own folders. */
function uniquelyNamed(modules: readonly AnyModule[]): readonly AnyModule[] {
  const seen = new Set<string>();
  for (const m of modules) {
    if (seen.has(m.name)) throw new Error(`two modules are named '${m.name}'`);
    seen.add(m.name);
  }
  return modules;
}

export const MODULES = uniquelyNamed([
  platformModule,
  casesModule,
  treatiesModule,
  legislationModule,
  libraryModule,
  assistanceModule,
  grantsModule,
]);

/** Every module's migrations as one set (a name declared twice is refused). */
export function allMigrations(modules = MODULES): ModuleMigrations {
  const own = [
    { module: 'kernel-jobs', migrations: JOB_MIGRATIONS },
    { module: 'kernel-mail', migrations: MAIL_MIGRATIONS },
  ];
  return mergeMigrations([...own, ...modules.map((m) => ({ module: m.name, migrations: m.migrations }))]);
}

/** The message catalogs of the kernel and every module, merged (see kernel/i18n/i18n.ts). */
export function createI18n(modules = MODULES): I18n {
  return new I18n([
    { owner: 'kernel', catalogs: KERNEL_MESSAGES },
    ...modules.map((m) => ({ owner: m.name, catalogs: m.messages })),
  ]);
}
