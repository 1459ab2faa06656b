/** The library module: publications with library-grade metadata, files, counts, citations, OAI-PMH. */
import { defineModule } from '../../kernel/module.ts';
import { loadCatalogs } from '../../kernel/i18n/i18n.ts';
import type { Services as CaseServices } from '../cases/index.ts';
import { LIBRARY_MIGRATIONS } from './store/migrations.ts';
import { createLibraryServices, publicBase, type LibraryServices } from './services/library-services.ts';
import { libraryReader, resourceSource } from './search/resource-source.ts';
import { resourceRoutes, uploadRoute } from './http/resource-routes.ts';
import { downloadRoutes } from './http/download-routes.ts';
import { oaiRoutes } from './http/oai-routes.ts';
import { libraryPages } from './web/library-pages.ts';
import { reportPage } from './web/report-page.ts';
import { countryPublications } from './web/country-section.ts';
import { seedLibrary } from './seed/demo-resources.ts';

export type LibraryModuleServices = CaseServices & { library: LibraryServices };

export const libraryModule = defineModule<LibraryModuleServices>({
  name: 'library',
  messages: loadCatalogs(new URL('./messages/', import.meta.url)),
  migrations: LIBRARY_MIGRATIONS,
  searchSources: ({ store }) => [resourceSource(libraryReader(store))],
  services: ({ database, config }) => createLibraryServices(database, config),
  async routes(app, { services: s, config }) {
    const deps = {
      library: s.library,
      search: s.search,
      cases: s.cases,
      maxPageSize: config.maxPageSize,
      base: publicBase(config),
    };
    resourceRoutes(app, deps);
    await uploadRoute(app, deps);
    downloadRoutes(app, { library: s.library, auth: config });
    await oaiRoutes(app, s.library.oai);
  },
  pages(app, { services: s, config }) {
    const deps = {
      library: s.library,
      search: s.search,
      cases: s.cases,
      maxPageSize: config.maxPageSize,
      base: publicBase(config),
      auth: config,
    };
    libraryPages(app, deps);
    reportPage(app, s.library);
  },
  countrySections: ({ services }) => [countryPublications(services.search)],
  seed: (services) => seedLibrary(services.library),
  openapi: { tags: [{ name: 'library', description: 'Library resources, files, downloads, citations and OAI-PMH' }] },
});
