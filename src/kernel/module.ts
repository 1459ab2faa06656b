/**
 * A module is one domain whole (schema, migrations, repositories, services, routes, pages, commands,
 * search sources, messages). It declares itself with defineModule(); the app (src/app/modules.ts)
 * lists the modules, merges their migrations into one migrator, builds their services in order and
 * registers their routes, pages and commands. The kernel knows this shape, never a module.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config.ts';
import type { CommandsOf } from './cli/command-kit.ts';
import type { ModuleMigrations } from './db/migrations.ts';
import type { SearchSource } from './search/search-source.ts';
import type { ModuleDatabase } from './db/sql-database.ts';
import type { SafeHtml } from './web/html.ts';
import type { Translator } from './i18n/i18n.ts';

/** What a module's routes and pages get: the services of every module and the configuration. */
export interface ModuleDeps<S> {
  services: S;
  config: Readonly<Config>;
  /** The sections every module adds to the country profile, in page order. */
  countrySections: readonly CountrySection[];
}

/**
 * A section of the country profile (/countries/{code}): what one module knows about a participant.
 * Profiles are public: `load` reads published material only, so nothing unpublished can leak.
 */
export interface CountrySection<D = unknown> {
  /** Its key in the profile's JSON and the id of its section on the page. */
  id: string;
  /** Position on the page, lower first (treaties 10, cases 20, legislation 30, library 40, assistance 50). */
  order: number;
  /** The section's data for a country (ISO 3166-1 alpha-3); null leaves the section out. */
  load(country: string): Promise<D | null>;
  /** The section as HTML (a <section> with its own heading). */
  render(data: D, t: Translator): SafeHtml;
}

/** What a module's service factory gets: the opened store and search engine, and the services built before it. */
export interface ServiceContext<Store, Engine, S> {
  config: Readonly<Config>;
  store: Store;
  /** The connection for the module's own tables, with write transactions that keep the search index in step. */
  database: ModuleDatabase;
  engine: Engine;
  /** The services of the modules listed before this one. */
  services: S;
}

export interface OpenApiPart {
  schemas?: Record<string, unknown>;
  tags?: readonly { name: string; description: string }[];
}

export interface ModuleDefinition<S = unknown> {
  /** Lowercase, unique: also the prefix of its message keys and the folder name. */
  name: string;
  /** Its migrations by name; see db/migrations.ts. */
  migrations?: ModuleMigrations;
  /** The capabilities its rules grant (documentation of what the module can authorize). */
  capabilities?: readonly string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the app owns the concrete store and engine types
  services?: (ctx: ServiceContext<any, any, any>) => object;
  /** API routes under /api/v1. */
  routes?: (app: FastifyInstance, deps: ModuleDeps<S>) => void | Promise<void>;
  /** Server-rendered pages (public and editorial). */
  pages?: (app: FastifyInstance, deps: ModuleDeps<S>) => void | Promise<void>;
  commands?: CommandsOf<S>;
  /**
   * Demo content on first start (`serve` with PALERMO_SEED_DEMO): writes only into an empty register,
   * so a restart never duplicates or overwrites anything. Returns a line for the log, or null.
   */
  seed?: (services: S) => Promise<string | null>;
  /** Sections of the country profile (see CountrySection). */
  countrySections?: (deps: Omit<ModuleDeps<S>, 'countrySections'>) => readonly CountrySection[];
  /** Kinds of records it contributes to the one search, made on the opened store (see search/search-source.ts). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the app owns the concrete store type
  searchSources?: (ctx: { store: any }) => readonly SearchSource[];
  /** Its message catalogs by locale (ICU MessageFormat). */
  messages?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  openapi?: OpenApiPart;
}

const NAME = /^[a-z][a-z0-9-]*$/;

export function defineModule<S>(def: ModuleDefinition<S>): Readonly<ModuleDefinition<S>> {
  if (!NAME.test(def.name)) throw new Error(`module name '${def.name}' must be lowercase letters, digits and dashes`);
  return Object.freeze({ ...def });
}
