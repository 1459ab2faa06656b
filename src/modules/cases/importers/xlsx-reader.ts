/**
 * Excel workbooks (.xlsx) as import items: the first worksheet, its first row the header, read
 * with exceljs's streaming reader; each later row goes through the same mapping as a CSV row.
 * Dates become YYYY-MM-DD, numbers their plain text.
 */
import type ExcelJS from 'exceljs';
import { AppError } from '../../../kernel/errors.ts';
import { xlsxCellText } from '../../../kernel/io/xlsx-cell.ts';
import type { DecodedItem } from '../services/jsonl-transfer.ts';
import { checkHeader, type CsvMapping } from './csv-mapping.ts';
import { csvRowToCase, type RowOptions } from './csv-rows.ts';

/**
 * A workbook with several sheets is read only when `options.sheet` names one; otherwise the import
 * stops after reading (inside its transaction, so nothing is written) and names the sheets.
 */
export async function* xlsxItems(
  file: string,
  mapping: CsvMapping,
  options: RowOptions & { sheet?: string } = {},
): AsyncIterable<DecodedItem> {
  for (let attempt = 1; ; attempt++) {
    let read = false;
    try {
      for await (const item of readWorkbook(file, mapping, options)) {
        read = true;
        yield item;
      }
      return;
    } catch (e) {
      // exceljs's streaming reader reads the zip through unzipper 0.10 (latest: 0.12, same code), whose parser
      // signals its end as soon as the file is read, while the entries it has not yet handed on (the reader pauses
      // it while it copies the sheets aside) are still queued: it can miss xl/workbook.xml, the last entry exceljs
      // writes, and then fails inside exceljs ("reading 'sheets'"). Nothing has been read at that point (the sheets
      // wait for the workbook), so the file is read once more.
      if (read || attempt > 1 || !(e instanceof Error) || !e.message.includes("(reading 'sheets')")) throw e;
    }
  }
}

async function* readWorkbook(
  file: string,
  mapping: CsvMapping,
  options: RowOptions & { sheet?: string },
): AsyncIterable<DecodedItem> {
  // Loaded on demand: exceljs is large, and every other command starts faster without it.
  const { default: Excel } = await import('exceljs');
  let reader: ExcelJS.stream.xlsx.WorkbookReader;
  try {
    reader = new Excel.stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
    });
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', `'${file}' cannot be read as an Excel workbook: ${(e as Error).message}`, {
      field: 'FILE',
    });
  }
  let header: string[] | null = null;
  const names: string[] = [];
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name ?? `Sheet${names.length + 1}`;
      names.push(name);
      const wanted = options.sheet === undefined ? names.length === 1 : name === options.sheet;
      if (!wanted) {
        for await (const _ of sheet); // skipped
        continue;
      }
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(xlsxCellText);
        if (!header) {
          header = values.map((h) => h.trim());
          while (header.length && header[header.length - 1] === '') header.pop();
          checkHeader(header, mapping);
          continue;
        }
        if (values.every((v) => v.trim() === '')) continue;
        const record = Object.fromEntries(header.map((h, i) => [h, values[i] ?? '']));
        yield {
          line: row.number,
          raw: JSON.stringify(values),
          decoded: csvRowToCase(record, mapping, row.number, options),
        };
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION_FAILED', `'${file}' cannot be read as an Excel workbook: ${(e as Error).message}`, {
      field: 'FILE',
    });
  }
  if (options.sheet !== undefined && !names.includes(options.sheet))
    throw new AppError(
      'VALIDATION_FAILED',
      `the workbook has no sheet '${options.sheet}'; its sheets: ${names.join(', ')}`,
      {
        field: 'sheet',
      },
    );
  if (options.sheet === undefined && names.length > 1)
    throw new AppError(
      'VALIDATION_FAILED',
      `the workbook has ${names.length} sheets (${names.join(', ')}): name one with --sheet; nothing was written`,
      { field: 'sheet' },
    );
  if (!header)
    throw new AppError('VALIDATION_FAILED', 'the workbook holds no rows (it is empty)', [
      { path: '(file)', message: 'empty file' },
    ]);
}
