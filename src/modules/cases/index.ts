/**
 * The cases module's public face. Other modules import from here only; the app also uses the store
 * adapters and the search engines (which move into the kernel as the search becomes kind-neutral).
 */
export { casesModule } from './module.ts';
export type { Services, CaseServices } from './services/services.ts';
export type { CaseStore, WriteHook } from './store/case-store.ts';
export { SqliteStore, createSqliteStore, openSqliteDatabase } from './store/sqlite/sqlite-store.ts';
export { PostgresStore, createPostgresStore } from './store/postgres/postgres-store.ts';
export type { SearchEngine } from './search/search-engine.ts';
export { seedDemo, seedIfEmpty } from './services/demo-seed.ts';
export { SqlCaseStore } from './store/sql-case-store.ts';
export type { CaseRecord } from './domain/case-schema.ts';
export { ACTS, MEANS, PURPOSES, OFFENCES, codes, type Term } from './domain/taxonomy.ts';
