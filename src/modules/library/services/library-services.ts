/** The library's services, built on the module database and the search engine of the app. */
import { join } from 'node:path';
import type { ModuleDatabase } from '../../../kernel/db/sql-database.ts';
import type { Config } from '../../../kernel/config/config.ts';
import { DiskDocumentFiles } from '../../../kernel/files/disk-document-files.ts';
import { ResourceService } from './resource-service.ts';
import { FileService } from './file-service.ts';
import { DownloadCounter } from './download-counter.ts';
import { OaiProvider } from '../oai/oai-provider.ts';
import type { LibraryDb } from '../store/schema.ts';

export interface LibraryServices {
  resources: ResourceService;
  files: FileService;
  downloads: DownloadCounter;
  oai: OaiProvider;
}

/** Where the library keeps its files: a folder of its own beside the case documents (by hash). */
export const libraryFilesDir = (config: Pick<Config, 'documentsDir'>) => join(config.documentsDir, 'library');

export function publicBase(config: Pick<Config, 'publicUrl'>): string {
  return (config.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
}

export function createLibraryServices(
  database: ModuleDatabase,
  config: Readonly<Config>,
): { library: LibraryServices } {
  const resources = new ResourceService(database);
  const base = publicBase(config);
  const host = new URL(base).hostname;
  return {
    library: {
      resources,
      files: new FileService(
        database,
        resources,
        new DiskDocumentFiles(libraryFilesDir(config)),
        config.documentMaxBytes,
      ),
      downloads: new DownloadCounter(database),
      oai: new OaiProvider(() => database.kysely<LibraryDb>(), {
        baseUrl: `${base}/oai`,
        repositoryId: host.includes('.') ? host : `${host}.local`,
        repositoryName: 'Palermo knowledge library',
        adminEmail: process.env.PALERMO_ADMIN_EMAIL ?? `library@${host.includes('.') ? host : `${host}.local`}`,
        pageUrl: (id) => `${base}/library/${encodeURIComponent(id)}`,
      }),
    },
  };
}
