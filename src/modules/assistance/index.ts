/** The assistance module's public face: the app registers the module; other modules read published activities. */
export { assistanceModule } from './module.ts';
export type { AssistanceServices, AssistanceRegisters } from './services/assistance-services.ts';
export type { Activity, Organisation, Agreement, Campaign } from './domain/schemas.ts';
