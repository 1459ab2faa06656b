/**
 * CSV rows as import items: text checked by the line reader (UTF-8, no binary), parsed by
 * csv-parse (RFC 4180 quoting), the header checked against the mapping, each row mapped to a case.
 * Broken quoting and rows with the wrong number of cells stop the import with the line named.
 */
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../../kernel/errors.ts';
import { readLines } from '../../../kernel/io/line-reader.ts';
import type { DecodedItem } from '../services/jsonl-transfer.ts';
import { checkHeader, type CsvMapping } from './csv-mapping.ts';
import { csvRowToCase, type RowOptions } from './csv-rows.ts';

/** Resolves when the parser can take more input or has closed; leaves no listener behind. */
function drained(parser: ReturnType<typeof parse>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off('drain', done);
      parser.off('close', done);
      resolve();
    };
    parser.on('drain', done);
    parser.on('close', done);
  });
}

export async function* csvItems(
  bytes: AsyncIterable<Buffer | string>,
  mapping: CsvMapping,
  options: RowOptions = {},
): AsyncIterable<DecodedItem> {
  const parser = parse({ delimiter: mapping.delimiter, info: true, skip_empty_lines: true, relax_column_count: false });
  const feed = (async () => {
    try {
      for await (const line of readLines(bytes)) {
        if (parser.destroyed) return; // the consumer stopped (an error in a row or the header)
        if (!parser.write(`${line}\n`)) await drained(parser);
      }
      parser.end();
    } catch (e) {
      parser.destroy(e as Error);
    }
  })();
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map((h) => h.trim());
        checkHeader(header, mapping);
        continue;
      }
      const row = Object.fromEntries(header.map((h, i) => [h, record[i] ?? '']));
      // The row as CSV text is needed only for a rejected row (--partial): made on demand, not for
      // every row (it was a third of the CSV importer's garbage, and of its memory swing).
      yield {
        line: info.lines,
        get raw() {
          return stringify([record]).trimEnd();
        },
        blank: false,
        decoded: csvRowToCase(row, mapping, info.lines, options),
      };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const err = e as Error & { code?: string; lines?: number };
    const line = err.lines ?? 0;
    throw new AppError(
      'VALIDATION_FAILED',
      `line ${line}: the CSV cannot be read (${err.message}); nothing was written`,
      [{ line, path: '(row)', message: err.message }],
    );
  } finally {
    if (!parser.destroyed && !parser.writableEnded) parser.destroy();
    await feed;
  }
  if (!header)
    throw new AppError('VALIDATION_FAILED', 'the file holds no cases (it is empty)', [
      { path: '(file)', message: 'empty file' },
    ]);
}
