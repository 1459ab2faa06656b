/**
 * Canonical JSON Lines import and export: one case per line, exactly the API's shape.
 * Import is atomic: every line is validated inside one transaction and, if any line is bad,
 * the transaction is rolled back and the error lists each bad line and field. Lines stream
 * through; nothing holds the whole file in memory.
 */
import { randomBytes } from 'node:crypto';
import { SYSTEM, type Actor } from '../../platform/index.ts';
import { can } from '../../platform/index.ts';
import { audit } from '../../platform/index.ts';
import { CaseInputSchema } from '../domain/case-schema.ts';
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';
import { issuesOf, summarize } from '../../../kernel/validation.ts';
import type { CaseStore } from '../store/case-store.ts';
import type { CaseService } from './case-service.ts';
import { sherlocToCase } from '../importers/sherloc.ts';
import { DuplicateFinder } from './duplicates.ts';

/** A line decoded by its reader: a case-shaped value with warnings, or the issues that stopped it. */
export type Decoded = { input: unknown; warnings: FieldIssue[] } | { issues: FieldIssue[] };
/** An item of a non-JSON source (a CSV row), decoded by its own reader. */
export interface DecodedItem {
  line: number;
  /** The item's text as in the file (read only for a rejected item: it may be made on demand). */
  readonly raw: string;
  /** False when the reader knows the item is not blank (then raw is not read to check). */
  blank?: boolean;
  decoded: Decoded;
}

/** Line formats: the canonical API shape, or the scraped reference-database rows. */
export const LINE_FORMATS = ['jsonl', 'sherloc'] as const;
export type LineFormat = (typeof LINE_FORMATS)[number];

export interface ImportResult {
  batch: string;
  lines: number;
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
  /** Values that were normalised or left out (the original is kept in provenance.original). */
  warnings: number;
  /** The first warnings, each naming its line and field. */
  warningDetails: FieldIssue[];
  /** Lines rejected (only with partial: otherwise any rejection aborts the import). */
  rejected: number;
}

export interface ImportOptions {
  format?: LineFormat;
  dryRun?: boolean;
  /** Import the valid lines and hand each rejected one (with its errors) to onRejected. */
  partial?: boolean;
  onRejected?: (line: number, raw: string, issues: FieldIssue[]) => void;
  /** Recorded as provenance.source when a line has none. */
  source?: string;
  onProgress?: (linesDone: number) => void;
  /** After the last line, before the index is flushed and the transaction commits. */
  onRowsDone?: () => void;
  /** The batch id to record (default: a new one); a job chooses it when it is queued. */
  batch?: string;
  /** Who imports (default: the command line); needs the import capability. */
  actor?: Actor;
}

const MAX_REPORTED = 200;

class DryRunRollback extends Error {}

export function newBatchId(): string {
  const t = new Date()
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14);
  return `b${t}-${randomBytes(3).toString('hex')}`;
}

export class JsonlTransfer {
  constructor(
    private readonly store: CaseStore,
    private readonly cases: CaseService,
  ) {}

  /**
   * Imports lines of JSON (canonical or SHERLOC) or items already decoded by another reader (CSV
   * rows), which carry their own line number in the file.
   */
  async import(lines: AsyncIterable<string | DecodedItem>, opts: ImportOptions = {}): Promise<ImportResult> {
    const result: ImportResult = {
      batch: opts.batch ?? newBatchId(),
      lines: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      dryRun: !!opts.dryRun,
      warnings: 0,
      warningDetails: [],
      rejected: 0,
    };
    const actor = opts.actor ?? SYSTEM;
    if (!can(actor, 'case.import'))
      throw new AppError('FORBIDDEN', 'importing needs an editor or administrator, or a token with the import scope');
    const issues: FieldIssue[] = [];
    const seen = new Map<string, number>();
    // Attach to the source before the transaction opens: a source that is already reading (a
    // readline interface) would otherwise drop what it reads while BEGIN travels to a database server.
    const iterator = lines[Symbol.asyncIterator]();
    const source = { [Symbol.asyncIterator]: () => iterator };
    try {
      await this.store.transaction(async (tx) => {
        const duplicates = new DuplicateFinder(tx.cases);
        for await (const item of source) {
          result.lines++;
          const lineNo = typeof item === 'string' ? result.lines : item.line;
          opts.onProgress?.(result.lines);
          if (typeof item === 'string' ? item.trim() === '' : item.blank !== false && item.raw.trim() === '') continue;
          const rawOf = () => (typeof item === 'string' ? item : item.raw);
          const decoded =
            typeof item === 'string' ? this.decodeLine(item, lineNo, opts.format ?? 'jsonl') : item.decoded;
          const lineIssues = 'issues' in decoded ? decoded : this.validate(decoded, lineNo, seen);
          if ('issues' in lineIssues) {
            if (opts.partial) {
              result.rejected++;
              opts.onRejected?.(lineNo, rawOf(), lineIssues.issues);
              continue;
            }
            for (const i of lineIssues.issues) if (issues.length < MAX_REPORTED) issues.push(i);
            continue;
          }
          result.warnings += lineIssues.warnings.length;
          for (const w of lineIssues.warnings)
            if (result.warningDetails.length < MAX_REPORTED) result.warningDetails.push(w);
          if (issues.length) continue; // keep validating, but write nothing more
          const parsed = lineIssues.value;
          for (const w of await duplicates.check(parsed, lineNo)) {
            result.warnings++;
            if (result.warningDetails.length < MAX_REPORTED) result.warningDetails.push(w);
          }
          parsed.provenance.importBatch ??= result.batch;
          if (opts.source) parsed.provenance.source ??= opts.source;
          const { outcome, record, previous } = await this.cases.upsertInTx(tx, parsed, actor);
          result[outcome]++;
          if (outcome !== 'unchanged')
            await tx.batches.record(result.batch, { caseId: record.id, previous, versionAfter: record.version });
        }
        opts.onRowsDone?.();
        if (
          result.lines === 0 ||
          (result.created + result.updated + result.unchanged + result.rejected === 0 && !issues.length)
        ) {
          throw new AppError('VALIDATION_FAILED', 'the file holds no cases (it is empty)', [
            { path: '(file)', message: 'empty file' },
          ]);
        }
        if (issues.length) {
          throw new AppError('VALIDATION_FAILED', `import rejected, nothing was written: ${summarize(issues)}`, issues);
        }
        if (opts.dryRun) throw new DryRunRollback();
        await audit(
          tx.audit,
          actor,
          'import.batch',
          { type: 'batch', id: result.batch },
          {
            created: result.created,
            updated: result.updated,
            unchanged: result.unchanged,
            rejected: result.rejected,
            format: opts.format ?? 'jsonl',
          },
        );
      });
    } catch (e) {
      if (!(e instanceof DryRunRollback)) throw e;
    }
    return result;
  }

  /**
   * Decodes and validates every item without touching the database (no transaction: requests go on
   * meanwhile); throws the import's VALIDATION_FAILED error, with every bad line, when any is bad.
   */
  async check(
    lines: AsyncIterable<DecodedItem>,
    opts: { onProgress?: (linesDone: number) => void } = {},
  ): Promise<{ lines: number; cases: number }> {
    const issues: FieldIssue[] = [];
    const seen = new Map<string, number>();
    let count = 0;
    let cases = 0;
    for await (const item of lines) {
      opts.onProgress?.(++count);
      if (item.raw.trim() === '') continue;
      const r = 'issues' in item.decoded ? item.decoded : this.validate(item.decoded, item.line, seen);
      if (!('issues' in r)) {
        cases++;
        continue;
      }
      for (const i of r.issues) if (issues.length < MAX_REPORTED) issues.push(i);
    }
    if (!cases && !issues.length)
      throw new AppError('VALIDATION_FAILED', 'the file holds no cases (it is empty)', [
        { path: '(file)', message: 'empty file' },
      ]);
    if (issues.length)
      throw new AppError('VALIDATION_FAILED', `import rejected, nothing was written: ${summarize(issues)}`, issues);
    return { lines: count, cases };
  }

  private decodeLine(raw: string, line: number, format: LineFormat): Decoded {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      return { issues: [{ line, path: '(line)', message: `invalid JSON: ${(e as Error).message}` }] };
    }
    if (format === 'sherloc') return sherlocToCase(json, line);
    return { input: json, warnings: [] };
  }

  private validate(
    decoded: { input: unknown; warnings: FieldIssue[] },
    line: number,
    seen: Map<string, number>,
  ): { issues: FieldIssue[] } | { value: ReturnType<typeof CaseInputSchema.parse>; warnings: FieldIssue[] } {
    const { input: json, warnings } = decoded;
    const r = CaseInputSchema.safeParse(json);
    if (!r.success) return { issues: issuesOf(r.error).map((i) => ({ ...i, line })) };
    if (r.data.id) {
      const first = seen.get(r.data.id);
      if (first !== undefined) {
        return { issues: [{ line, path: 'id', message: `id '${r.data.id}' already appears on line ${first}` }] };
      }
      seen.set(r.data.id, line);
    }
    return { value: r.data, warnings };
  }
}
