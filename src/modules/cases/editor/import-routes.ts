/**
 * The spreadsheet import in the editor (editors: `case.import`). Upload a CSV or XLSX; the mapping
 * assistant proposes a mapping, shown as a form; a dry run shows the report with the bad cells;
 * the import makes one batch, shown with its undo button; the mapping downloads as YAML for the
 * next file of the same partner. The uploaded file waits in a private temporary folder, named by a
 * random id, between the steps (plain forms, no JavaScript needed).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { stringify as toYaml } from 'yaml';
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';
import { can, withNotice, type PageKit } from '../../platform/index.ts';
import type { Services } from '../services/services.ts';
import { parseMapping, type CsvMapping } from '../importers/csv-mapping.ts';
import { csvItems } from '../importers/csv-reader.ts';
import { xlsxItems } from '../importers/xlsx-reader.ts';
import { mappingFromYaml, readTable } from '../importers/mapping/suggest.ts';
import { suggestMapping } from '../importers/mapping/draft.ts';
import { batchPage, mappingPage, uploadPage, type MappingFormState } from './import-pages.ts';
import { importProgressRoutes } from './import-progress-routes.ts';
import type { UploadMeta as Meta } from '../services/import-uploads.ts';

type Upload = { type?: string; filename?: string; toBuffer?: () => Promise<Buffer>; file?: { truncated?: boolean } };
type Part = { value?: unknown } | undefined;
const BATCH = /^[A-Za-z0-9_-]{1,80}$/;

export function importEditorRoutes(app: FastifyInstance, services: Services, kit: PageKit): void {
  const allowed = (req: FastifyRequest, reply: FastifyReply) => {
    if (!kit.user(req, reply)) return false;
    if (!can(req.actor, 'case.import'))
      throw new AppError('FORBIDDEN', 'importing spreadsheets needs an editor or administrator account');
    return true;
  };
  const title = (req: FastifyRequest) => req.t.t('cases.imports.title');
  const part = (p: Part) => (typeof p?.value === 'string' ? p.value : '');
  const uploads = services.imports.uploads;
  const load = (id: string): { dir: string; meta: Meta } => uploads.meta(id);
  const state = async (id: string, previous?: CsvMapping): Promise<Omit<MappingFormState, 'report' | 'error'>> => {
    const { dir, meta } = load(id);
    const table = await readTable(join(dir, `data.${meta.format}`), meta);
    return { upload: id, fileName: meta.fileName, table, draft: suggestMapping(table, previous ?? meta.previous) };
  };

  app.get('/editor/imports', { schema: { hide: true } }, async (req, reply) => {
    if (!allowed(req, reply)) return reply;
    return kit.send(req, reply, title(req), (csrf) => uploadPage(req.t, csrf, null));
  });

  app.post('/editor/imports', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    if (!allowed(req, reply)) return reply;
    const body = (req.body ?? {}) as { file?: Upload; sheet?: Part; previous?: Part };
    const file = body.file;
    const refuse = (message: string, status = 400) =>
      kit.send(req, reply, title(req), (csrf) => uploadPage(req.t, csrf, message), status);
    if (!file || file.type !== 'file' || !file.filename || !file.toBuffer)
      return refuse(req.t.t('cases.imports.choose'));
    const format = /\.xlsx$/i.test(file.filename) ? 'xlsx' : /\.(csv|txt)$/i.test(file.filename) ? 'csv' : null;
    if (!format) return refuse(req.t.t('cases.imports.badType', { file: file.filename }), 415);
    const bytes = await file.toBuffer();
    if (file.file?.truncated) return refuse(req.t.t('cases.imports.tooLarge', { file: file.filename }), 413);
    try {
      const previousText = part(body.previous).trim();
      const meta: Meta = {
        fileName: basename(file.filename),
        format,
        ...(part(body.sheet).trim() ? { sheet: part(body.sheet).trim() } : {}),
        ...(previousText ? { previous: mappingFromYaml(previousText) } : {}),
      };
      const id = randomBytes(16).toString('hex');
      const dir = uploads.create(id, format, bytes);
      // Read once here, so that a file with no header, another encoding or several sheets is refused now.
      await readTable(join(dir, `data.${format}`), meta);
      uploads.writeMeta(id, meta);
      return reply.redirect(`/editor/imports/${id}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      return refuse(e.message);
    }
  });

  app.get<{ Params: { upload: string } }>('/editor/imports/:upload', { schema: { hide: true } }, async (req, reply) => {
    if (!allowed(req, reply)) return reply;
    const s = { ...(await state(req.params.upload)), report: null, error: null };
    return kit.send(req, reply, title(req), (csrf) => mappingPage(req.t, csrf, s));
  });

  app.post<{ Params: { upload: string } }>(
    '/editor/imports/:upload',
    { schema: { hide: true }, preHandler: kit.csrf },
    async (req, reply) => {
      if (!allowed(req, reply)) return reply;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const { dir, meta } = load(req.params.upload);
      const base = await state(req.params.upload);
      let mapping: CsvMapping;
      try {
        mapping = mappingOfForm(body, base.table.header, base.draft.separator, base.table.delimiter);
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 400) throw e;
        const s = { ...base, report: null, error: e.message };
        return kit.send(req, reply, title(req), (csrf) => mappingPage(req.t, csrf, s), 400);
      }
      const shown = { ...base, draft: suggestMapping(base.table, mapping) };
      if (body.action === 'download') {
        const name = `${meta.fileName.replace(/\.[^.]+$/, '')}.mapping.yaml`.replace(/[^\w.-]/g, '_');
        return reply
          .header('content-type', 'application/yaml; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(toYaml(mapping));
      }
      const path = join(dir, `data.${meta.format}`);
      const items = () =>
        meta.format === 'xlsx'
          ? xlsxItems(path, mapping, { sheet: meta.sheet })
          : csvItems(createReadStream(path) as AsyncIterable<Buffer>, mapping);
      if (body.action === 'import') {
        // A job of the queue (services/import-jobs.ts); a second POST of the same upload finds the same job.
        await services.imports.enqueue(req.params.upload, mapping, req.actor);
        return reply.redirect(`/editor/imports/${req.params.upload}/progress`, 303);
      }
      try {
        const r = await services.jsonl.import(items(), { dryRun: true, actor: req.actor, source: meta.fileName });
        const report = { ok: true, created: r.created, updated: r.updated, issues: [], warnings: r.warningDetails };
        return kit.send(req, reply, title(req), (csrf) => mappingPage(req.t, csrf, { ...shown, report, error: null }));
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 400) throw e;
        const issues = Array.isArray(e.details) ? (e.details as FieldIssue[]) : [];
        const report = { ok: false, created: 0, updated: 0, issues, warnings: [] };
        const s = { ...shown, report, error: e.message };
        return kit.send(req, reply, title(req), (csrf) => mappingPage(req.t, csrf, s), 400);
      }
    },
  );

  importProgressRoutes(app, services, kit, allowed);

  app.get<{ Params: { batch: string }; Querystring: Record<string, string> }>(
    '/editor/imports/batches/:batch',
    { schema: { hide: true } },
    async (req, reply) => {
      if (!allowed(req, reply)) return reply;
      if (!BATCH.test(req.params.batch)) throw new AppError('NOT_FOUND', 'no such import batch');
      const n = (k: string) => Math.max(0, Number.parseInt(req.query[k] ?? '0', 10) || 0);
      const b = { batch: req.params.batch, created: n('created'), updated: n('updated'), warnings: n('warnings') };
      return kit.send(req, reply, title(req), (csrf) => batchPage(req.t, csrf, b));
    },
  );

  app.post<{ Params: { batch: string } }>(
    '/editor/imports/batches/:batch/undo',
    { schema: { hide: true }, preHandler: kit.csrf },
    async (req, reply) => {
      if (!allowed(req, reply)) return reply;
      const r = await services.cases.undoBatch(req.params.batch, req.actor);
      return reply.redirect(
        withNotice('/editor/imports', 'import-undone', { deleted: r.deleted, restored: r.restored }),
        303,
      );
    },
  );
}

/** The mapping a person confirmed in the form: col<i> per column, vk/vv/vc<i> per value (codes comma-separated). */
export function mappingOfForm(
  body: Record<string, unknown>,
  header: string[],
  separator: string,
  delimiter: string,
): CsvMapping {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const columns = Object.fromEntries(header.map((h, i) => [h, str(body[`col${i}`]) || null]));
  const values: Record<string, Record<string, string | string[]>> = {};
  for (let i = 0; body[`vk${i}`] !== undefined; i++) {
    const codes = str(body[`vc${i}`])
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (!codes.length) continue;
    (values[str(body[`vk${i}`])] ??= {})[str(body[`vv${i}`])] = codes.length === 1 ? codes[0]! : codes;
  }
  return parseMapping({ columns, values, separator, delimiter }, 'the mapping');
}
