/** The text of an Excel cell as exceljs gives it: dates as YYYY-MM-DD, rich text joined, formulas by result. */
import type ExcelJS from 'exceljs';

export function xlsxCellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return xlsxCellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}
