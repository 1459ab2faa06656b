/** The grants module's public face. */
export { grantsModule } from './module.ts';
export type { GrantsServices, KernelJobs } from './services/grants-services.ts';
export { CALL_2011 } from './services/demo-seed.ts';
