// Public surface of data exchange: exports and imports of waves and questionnaires.
export { exportWave, EXPORT_FORMATS, EXPORT_EXTENSIONS, type ExportFormat, type ExportTarget } from './export-wave.js';
export { prepareExport, type ExportOptions, type ExportSource } from './export-source.js';
export { exportVariables, type ExportDictionary, type ExportVariable } from './export-variables.js';
export { writeCsv, type ExportSummary } from './write-csv.js';
export { writeCodebook, codebookColumns, CODEBOOK_COLUMNS } from './write-codebook.js';
export { writeJsonl } from './write-jsonl.js';
export { writeSav } from './write-sav.js';
export { writeTripleS } from './write-triple-s.js';
export { neutraliseCell, unneutraliseCell } from './csv-cell.js';
export { limeSurveyResponses, type LimeSurveyResponses } from './limesurvey-responses.js';
export { mappedResponses, type MappedResponses } from './mapped-responses.js';
export { readResponseMapping, ZResponseMapping, type ResponseMapping } from './response-mapping.js';
export { surveyJsResponses, type SurveyJsResponses } from './surveyjs-responses.js';
export {
  convertResponses,
  isResponseSource,
  RESPONSE_SOURCE_NAMES,
  RESPONSE_SOURCES,
  RESPONSE_SOURCES_WITH_MAPPING,
  type ConvertedResponses,
  type ConvertOptions,
  type ResponseSource,
  type SourceColumn,
} from './response-sources.js';
export { csvResponseColumns } from './csv-response-columns.js';
export { importResponsesCsv, type ImportRejection, type ImportResult, type ImportResponsesOptions } from './import-responses-csv.js';
export { importLss } from './import-lss.js';
export { exportLss } from './export-lss.js';
export { importSurveyJs } from './import-surveyjs.js';
export { groupLosses, type ImportLoss, type QuestionnaireImport, type QuestionnaireImportOptions } from './questionnaire-import.js';
export { importXlsForm, XlsFormError } from './read-xlsform.js';
export { readStudyFile, readStudyBytes, isStudyFileFormat, STUDY_FILE_FORMATS, type StudyFileFormat, type StudyFileReading } from './study-file.js';
export { storeStudyFile, studyAuditAction, type StoreStudyFileInput, type StoreStudyFileOutcome } from './store-study-file.js';
export { inlineStudyLogo, type InlinedStudyText } from './inline-study-logo.js';
