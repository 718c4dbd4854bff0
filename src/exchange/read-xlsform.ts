import { importXlsFormSheets, XlsFormError } from './import-xlsform.js';
import type { QuestionnaireImport, QuestionnaireImportOptions } from './questionnaire-import.js';
import { readXlsFormWorkbook } from './read-xlsform-workbook.js';

/** Imports an XLSForm .xlsx file's bytes; a file that is not a readable XLSForm throws XlsFormError (a SyntaxError). */
export async function importXlsForm(bytes: Uint8Array, options: QuestionnaireImportOptions = {}): Promise<QuestionnaireImport> {
  return importXlsFormSheets(await readXlsFormWorkbook(bytes), options);
}

export { XlsFormError };
