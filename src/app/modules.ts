/**
 * The module registry: every module of this Palermo, in dependency order (a module's services may use
 * those of the modules before it). Adding a register is adding its module here.
 */
import type { ModuleDefinition } from '../kernel/module.ts';
import { mergeMigrations, type ModuleMigrations } from '../kernel/db/migrations.ts';
import { platformModule } from '../modules/platform/index.ts';
import { casesModule } from '../modules/cases/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module declares the services it uses
export const MODULES: readonly Readonly<ModuleDefinition<any>>[] = [platformModule, casesModule];

/** Every module's migrations as one set (a name declared twice is refused). */
export function allMigrations(modules = MODULES): ModuleMigrations {
  return mergeMigrations(modules.map((m) => ({ module: m.name, migrations: m.migrations })));
}

/** Module names must be unique: they prefix message keys and own folders. */
export function checkModules(modules = MODULES): void {
  const seen = new Set<string>();
  for (const m of modules) {
    if (seen.has(m.name)) throw new Error(`two modules are named '${m.name}'`);
    seen.add(m.name);
  }
}
