/** The legislation module's services. */
import type { ModuleDatabase } from '../../../kernel/db/sql-database.ts';
import { LawService } from './law-service.ts';
import { ComplianceService } from './compliance-service.ts';

export interface LegislationServices {
  laws: LawService;
  compliance: ComplianceService;
}

import type { CaseLookup } from './compliance-service.ts';

export type { CaseLookup };

export function createLegislationServices(db: ModuleDatabase, cases: CaseLookup): LegislationServices {
  const laws = new LawService(db);
  return { laws, compliance: new ComplianceService(db, laws, cases) };
}
