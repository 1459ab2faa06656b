/** What other modules and the app may use of the treaties module. */
export { treatiesModule } from './module.ts';
export type { TreatyServices } from './services/services.ts';
