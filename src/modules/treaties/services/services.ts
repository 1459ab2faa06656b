/** The treaty module's services. */
import type { ModuleDatabase } from '../../../kernel/db/sql-database.ts';
import { TreatyService } from './treaty-service.ts';
import { TreatyImportService } from './import-service.ts';
import { TreatyCorrectionService } from './correction-service.ts';
import { TreatyLinkService } from './link-service.ts';

export interface TreatyServices {
  treaties: TreatyService;
  treatyImports: TreatyImportService;
  treatyCorrections: TreatyCorrectionService;
  treatyLinks: TreatyLinkService;
}

export function createTreatyServices(database: ModuleDatabase): TreatyServices {
  return {
    treaties: new TreatyService(database),
    treatyImports: new TreatyImportService(database),
    treatyCorrections: new TreatyCorrectionService(database),
    treatyLinks: new TreatyLinkService(database),
  };
}
