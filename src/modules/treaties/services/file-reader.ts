/** A status file's bytes as a header and numbered rows: CSV (UTF-8) or the first sheet of an XLSX workbook. */
import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../../kernel/errors.ts';
import { xlsxCellText } from '../../../kernel/io/xlsx-cell.ts';
import type { Row } from '../domain/status-file.ts';

export interface Table {
  header: string[];
  rows: Row[];
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function xlsxTable(bytes: Buffer): Promise<Table> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', `the file cannot be read as an Excel workbook: ${(e as Error).message}`, [
      { line: 1, path: 'file', message: 'not a readable XLSX workbook' },
    ]);
  }
  const ws = wb.worksheets[0];
  if (!ws)
    throw new AppError('VALIDATION_FAILED', 'the workbook has no worksheet', [
      { line: 1, path: 'file', message: 'no worksheet' },
    ]);
  let header: string[] = [];
  const rows: Row[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => xlsxCellText(v).trim());
    if (!header.length) header = values;
    else rows.push({ line: n, cells: Object.fromEntries(header.map((h, i) => [h.trim(), values[i] ?? ''])) });
  });
  return { header: header.map((h) => h.trim()), rows };
}

function csvTable(bytes: Buffer): Table {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\ufffd'))
    throw new AppError('VALIDATION_FAILED', 'the file is not UTF-8 text', [
      { line: 1, path: 'file', message: 'not UTF-8' },
    ]);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      info: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    throw new AppError('VALIDATION_FAILED', `the CSV cannot be read: ${(e as Error).message}`, [
      { line, path: 'file', message: (e as Error).message },
    ]);
  }
  const [first, ...rest] = records;
  const header = (first?.record ?? []).map((h) => h.trim());
  return {
    header,
    rows: rest.map((r) => ({
      line: r.info.lines,
      cells: Object.fromEntries(header.map((h, i) => [h, r.record[i] ?? ''])),
    })),
  };
}

export async function readTable(bytes: Buffer): Promise<Table> {
  if (bytes.subarray(0, 4).equals(XLSX_MAGIC)) return xlsxTable(bytes);
  return csvTable(bytes);
}
