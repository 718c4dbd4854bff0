import ExcelJS from 'exceljs';

/** An XLSForm as rows of cells, header row first, per sheet: what the test corpus is written in. */
export interface XlsFormSpec {
  readonly survey: readonly (readonly string[])[];
  readonly choices?: readonly (readonly string[])[];
  readonly settings?: readonly (readonly string[])[];
}

/** Writes an XLSForm spec as a real .xlsx workbook (exceljs), as a spreadsheet program would save it. */
export async function writeXlsForm(spec: XlsFormSpec): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of [
    ['survey', spec.survey],
    ['choices', spec.choices],
    ['settings', spec.settings],
  ] as const) {
    if (!rows) continue;
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow([...row]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
