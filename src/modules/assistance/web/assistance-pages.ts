/** Every public page of the register. */
import type { FastifyInstance } from 'fastify';
import type { AssistanceRegisters } from '../services/assistance-services.ts';
import { activityPages } from './activity-pages.ts';
import { registerPages } from './register-pages.ts';
import { reportsPage } from './reports-page.ts';

export function assistancePages(app: FastifyInstance, r: AssistanceRegisters): void {
  registerPages(app, r);
  reportsPage(app, r);
  activityPages(app, r);
}
