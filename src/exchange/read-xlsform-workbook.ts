import ExcelJS from 'exceljs';
import { XlsFormError, type XlsFormRow, type XlsFormSheets } from './import-xlsform.js';

/** The text of a cell as the form's author sees it: rich texts joined, formulas by their result, dates as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return '';
  }
  return String(value);
}

function sheetRows(sheet: ExcelJS.Worksheet | undefined): XlsFormRow[] {
  if (!sheet) return [];
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
    headers[column] = cellText(cell.value).trim();
  });
  const rows: XlsFormRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells: Record<string, string> = {};
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const header = headers[column];
      const text = cellText(cell.value);
      if (header && text !== '') cells[header] = text;
    });
    if (Object.keys(cells).length > 0) rows.push({ row: number, cells });
  });
  return rows;
}

/** Reads the survey, choices and settings sheets of an XLSForm .xlsx (sheet names in any case). */
export async function readXlsFormWorkbook(bytes: Uint8Array): Promise<XlsFormSheets> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw new XlsFormError(`not an .xlsx workbook: ${(error as Error).message}`);
  }
  const sheet = (name: string) => workbook.worksheets.find((w) => w.name.trim().toLowerCase() === name);
  const survey = sheet('survey');
  if (!survey) throw new XlsFormError(`no "survey" sheet (the workbook has ${workbook.worksheets.map((w) => `"${w.name}"`).join(', ') || 'no sheet'})`);
  const rows = sheetRows(survey);
  if (!rows.some((r) => r.cells.type !== undefined)) throw new XlsFormError('the survey sheet has no "type" column or no row');
  return { survey: rows, choices: sheetRows(sheet('choices')), settings: sheetRows(sheet('settings')) };
}
