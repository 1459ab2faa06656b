/**
 * A whole spreadsheet (CSV or one XLSX sheet) read into memory for the mapping assistant, with the
 * checks a person needs before anything else: an encoding other than UTF-8 (named, with the command
 * that converts it), a workbook with several sheets (which one?), no header row, empty or duplicate
 * column names. Each is an AppError naming what is wrong; nothing is written.
 */
import { parse } from 'csv-parse/sync';
import { AppError } from '../../../../kernel/errors.ts';
import { xlsxCellText } from '../../../../kernel/io/xlsx-cell.ts';

export interface Table {
  header: string[];
  /** Data rows as cells, with their line (CSV) or row number (XLSX). */
  rows: Array<{ line: number; cells: string[] }>;
  delimiter: string;
}

const bad = (message: string, path = '(file)', line?: number) =>
  new AppError('VALIDATION_FAILED', `${message}; nothing was written`, [{ path, message, ...(line ? { line } : {}) }]);

/** Names the encoding of bytes that are not UTF-8, and how to convert them. */
export function encodingProblem(bytes: Buffer): string | null {
  const convert = (from: string) => `convert it with: iconv -f ${from} -t UTF-8 FILE > FILE.utf8.csv`;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return `the file is UTF-16 (little-endian); ${convert('UTF-16LE')}`;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return `the file is UTF-16 (big-endian); ${convert('UTF-16BE')}`;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return null;
  } catch {
    // Bytes 0x80-0x9F are printable in Windows-1252 (curly quotes, euro sign), control codes in Latin-1.
    const cp1252 = bytes.some((b) => b >= 0x80 && b <= 0x9f);
    const name = cp1252 ? 'Windows-1252' : 'ISO-8859-1 (Latin-1)';
    return `the file is not UTF-8; it looks like ${name}: ${convert(cp1252 ? 'WINDOWS-1252' : 'ISO-8859-1')}`;
  }
}

const DATA_LIKE = /^(\d+([.,]\d+)?|\d{4}-\d{2}(-\d{2})?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|https?:\/\/\S+)$/i;

/** Checks a header row: present, no empty and no duplicate names. */
export function checkHeaderRow(header: string[]): void {
  if (!header.length || header.every((h) => h === '')) throw bad('the file has no header row (the first row is empty)');
  const dataLike = header.filter((h) => DATA_LIKE.test(h) || h.length > 80);
  if (dataLike.length)
    throw bad(
      `the first row looks like data, not a header ('${dataLike[0]!.slice(0, 40)}'): add a row of column names`,
      '(header)',
      1,
    );
  const empty = header.findIndex((h) => h === '');
  if (empty >= 0) throw bad(`column ${empty + 1} of the header has no name`, '(header)', 1);
  const seen = new Set<string>();
  const dup = header.filter((h) => (seen.has(h) ? true : (seen.add(h), false)));
  if (dup.length) throw bad(`the header names column '${dup[0]}' twice: give each column its own name`, dup[0]!, 1);
}

export function readCsvTable(bytes: Buffer, delimiter?: string): Table {
  const problem = encodingProblem(bytes);
  if (problem) throw bad(problem);
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  if (!text.trim()) throw bad('the file is empty');
  const first = text.split(/\r?\n/, 1)[0]!;
  const guess =
    delimiter ?? [',', ';', '\t'].map((d) => [d, first.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter: guess,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw bad(`the CSV cannot be read (${err.message})`, '(row)', err.lines);
  }
  const header = (records[0]?.record ?? []).map((h) => h.trim());
  checkHeaderRow(header);
  return { header, rows: records.slice(1).map((r) => ({ line: r.info.lines, cells: r.record })), delimiter: guess };
}

export async function readXlsxTable(file: string, sheet?: string): Promise<Table> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  try {
    await book.xlsx.readFile(file);
  } catch (e) {
    throw bad(`'${file}' cannot be read as an Excel workbook: ${(e as Error).message}`);
  }
  const names = book.worksheets.map((w) => w.name);
  if (sheet !== undefined && !names.includes(sheet))
    throw bad(`the workbook has no sheet '${sheet}'; its sheets: ${names.join(', ')}`, 'sheet');
  if (sheet === undefined && names.length > 1)
    throw bad(`the workbook has ${names.length} sheets (${names.join(', ')}): name one with --sheet`, 'sheet');
  const ws = sheet !== undefined ? book.getWorksheet(sheet)! : book.worksheets[0];
  if (!ws || ws.rowCount === 0) throw bad('the workbook holds no rows (it is empty)');
  const rowCells = (n: number) => {
    const values = ws.getRow(n).values as unknown[];
    return (Array.isArray(values) ? values.slice(1) : []).map((v) => xlsxCellText(v as never));
  };
  const header = rowCells(1).map((h) => h.trim());
  while (header.length && header[header.length - 1] === '') header.pop();
  checkHeaderRow(header);
  const rows: Table['rows'] = [];
  for (let n = 2; n <= ws.rowCount; n++) {
    const cells = rowCells(n);
    if (cells.every((c) => c.trim() === '')) continue;
    rows.push({ line: n, cells: header.map((_, i) => cells[i] ?? '') });
  }
  return { header, rows, delimiter: ',' };
}
