/** The cases module: case law, its search, statistics, imports, exports, documents and editor. */
import { defineModule } from '../../kernel/module.ts';
import { CASES_MESSAGES } from './i18n/catalogs.ts';
import { DiskDocumentFiles } from '../../kernel/files/disk-document-files.ts';
import { editorKit } from '../platform/index.ts';
import { CASE_MIGRATIONS } from './store/migrations.ts';
import { SqliteStore } from './store/sqlite/sqlite-store.ts';
import { postgresCaseSource, sqliteCaseSource } from './search/case-source.ts';
import { createCaseServices, type Services } from './services/services.ts';
import { caseRoutes } from './http/case-routes.ts';
import { workflowRoutes } from './http/workflow-routes.ts';
import { searchRoutes } from './http/search-routes.ts';
import { exportRoutes } from './http/export-routes.ts';
import { importRoutes } from './http/import-routes.ts';
import { documentRoutes } from './http/document-routes.ts';
import { statsRoutes } from './http/stats-routes.ts';
import { referenceRoutes } from './http/reference-routes.ts';
import { components } from './http/openapi.ts';
import { webRoutes } from './web/page-routes.ts';
import { editorRoutes } from './editor/editor-routes.ts';
import { importEditorRoutes } from './editor/import-routes.ts';
import { documentCommands } from './commands/document-commands.ts';
import { exportCommand, importCommand } from './commands/transfer-commands.ts';
import { schemaCommand } from './commands/schema-command.ts';
import { seedIfEmpty } from './services/demo-seed.ts';
import { kernelJobs, type KernelJobs } from '../../kernel/jobs/kernel-jobs.ts';
import { ImportJobs } from './services/import-jobs.ts';
import { Uploads, uploadsRootFor } from './services/import-uploads.ts';
import { casesCountrySection } from './web/country-section.ts';

export const casesModule = defineModule<Services>({
  name: 'cases',
  messages: CASES_MESSAGES,
  migrations: CASE_MIGRATIONS,
  // The case source, with the store access of the engine it runs on.
  searchSources: ({ store }) => [
    store instanceof SqliteStore ? sqliteCaseSource(store, store.sqlite) : postgresCaseSource(store),
  ],
  services({ store, engine, config, database, services }) {
    const own = createCaseServices(store, engine, {
      files: new DiskDocumentFiles(config.documentsDir),
      documentMaxBytes: config.documentMaxBytes,
      statsMinCell: config.statsMinCell,
    });
    // The app's one job queue: made here, reused by the modules after this one (grants).
    const jobs = (services as { jobs?: KernelJobs }).jobs ?? kernelJobs(database, config);
    const imports = new ImportJobs(jobs, store, own.jsonl, new Uploads(uploadsRootFor(config)));
    return { ...own, jobs, imports };
  },
  async routes(app, { services: s, config }) {
    caseRoutes(app, { cases: s.cases, maxPageSize: config.maxPageSize });
    workflowRoutes(app, { cases: s.cases, workflow: s.workflow });
    searchRoutes(app, { search: s.search, maxPageSize: config.maxPageSize });
    exportRoutes(app, { exports: s.exports, publicUrl: config.publicUrl });
    importRoutes(app, { jsonl: s.jsonl, cases: s.cases });
    await documentRoutes(app, { documents: s.documents });
    statsRoutes(app, { stats: s.stats });
    referenceRoutes(app, { store: s.store, engine: s.engine });
  },
  pages(app, { services, config }) {
    webRoutes(app, { services, publicUrl: config.publicUrl, maxPageSize: config.maxPageSize });
    editorRoutes(app, services, editorKit(app, { notices: 'cases.editor.notice' }));
    importEditorRoutes(app, services, editorKit(app, { notices: 'cases.editor.notice' }));
    // The server runs the import jobs it queues (see services/import-jobs.ts) and clears old uploads.
    services.imports.start();
    app.addHook('onClose', () => services.imports.stop());
  },
  commands(program, ctx) {
    documentCommands(program, ctx);
    importCommand(program, ctx);
    exportCommand(program, ctx);
    schemaCommand(program, ctx);
  },
  async seed(services) {
    const seeded = await seedIfEmpty(services);
    return seeded ? `seeded ${seeded.created} demo cases into an empty database` : null;
  },
  countrySections: ({ services }) => [casesCountrySection(services)],
  openapi: {
    schemas: components.schemas,
    tags: [
      { name: 'cases', description: 'Case records' },
      { name: 'search', description: 'Full-text and faceted search, similar cases' },
      { name: 'documents', description: 'Judgment documents attached to cases' },
      {
        name: 'workflow',
        description: 'Editorial workflow, review comments, restricted fields, versions and the review queue',
      },
      { name: 'export', description: 'Bulk export' },
      {
        name: 'statistics',
        description: 'Counts, trends, profiles and comparisons of published cases, as JSON or CSV',
      },
      { name: 'reference', description: 'Taxonomy, countries and regions' },
    ],
  },
});
