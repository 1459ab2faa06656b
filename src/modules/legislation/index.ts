/** The legislation module's public face. */
export { legislationModule } from './module.ts';
export type { LegislationServices } from './services/services.ts';
export { CURRENT_CHECKLIST, FAILURE_PATTERNS } from './domain/checklist.ts';
