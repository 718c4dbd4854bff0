export { ZLabel, ZLanguage, ZLanguageTag, labelIn, type Label, type Language, type LanguageTag } from './label.js';
export { studyLabels, type LabelAt } from './study-labels.js';
export { ZCondition, conditionVariables, type Condition } from './condition.js';
export { evaluateCondition, type ConditionAnswers } from './evaluate-condition.js';
export {
  QUESTION_KINDS,
  ZCarryForward,
  ZQuestion,
  questionCodes,
  type CarryForward,
  isIsoDate,
  numbersItemKey,
  textGridCellKey,
  textGridCells,
  type DateQuestion,
  type KeyedItem,
  type NumbersQuestion,
  type TextGridQuestion,
  isRandomized,
  orderKey,
  rankingBounds,
  rankKey,
  type InfoQuestion,
  type RankingQuestion,
  type AnsweredQuestion,
  type ConsentQuestion,
  type MatrixQuestion,
  type MultipleQuestion,
  type NumberQuestion,
  type Option,
  type Question,
  type QuestionKind,
  type ScaleQuestion,
  type SingleQuestion,
  type TextQuestion,
} from './question.js';
export {
  ZIndicator,
  ZMaturityDimension,
  ZPage,
  ZStudy,
  ZStudyId,
  ZTheme,
  allQuestions,
  findQuestion,
  benchmarkPeerGroups,
  contentLanguage,
  defaultLanguage,
  identifyingVariables,
  marginQuestions,
  studyCuts,
  studyLanguages,
  studyText,
  unitIn,
  ZBenchmark,
  ZCut,
  ZLeadField,
  ZUnitForms,
  type Benchmark,
  type Cut,
  type LeadField,
  type ResolvedCut,
  type StudyLanguages,
  type UnitForms,
  type Indicator,
  type MaturityDimension,
  type Page,
  type Study,
  type StudyInput,
  type Theme,
} from './study.js';
export { defaultIndicators, topBox, withDefaultIndicators, type PublishedIndicators } from './default-indicators.js';
export { validateStudy, type StudyIssue, type StudyValidation } from './validate-study.js';
export { schemaMessageWords, studyIssueText, studyIssuesIn, zodIssueWords, type IssueWords } from './study-issue-words.js';
export { columnLayout, type CategoryColumn, type ColumnLayout, type NumberColumn } from './column-layout.js';
export { packAnswers, packedSize, unpackInto } from './pack-answers.js';
export { otherKey, type AnswerValue, type Answers } from './answers.js';
export { shownQuestion, matrixItemCodes } from './carry-forward.js';
export { describeCondition, describeDisplay } from './describe-condition.js';
export {
  answerKeys,
  isPageShown,
  isVisible,
  mayBeHidden,
  validatePageAnswers,
  validateResponse,
  type AnswerError,
  type AnswerErrorCode,
  type PageValidation,
} from './validate-answers.js';
export { drawOrder, isOrderOf, isRandomizable, orderedKeys, questionOrders, shownOrder, type RandomizableQuestion } from './shown-order.js';
export { answersFromForm, parseTypedNumber, type FormBody } from './answers-from-form.js';
export { answerErrorMessage } from './answer-error-message.js';
export { interfaceLanguageWarnings } from './interface-language-warnings.js';
export { unitWords, type UnitWords } from './unit-words.js';
export { frenchTypography } from './french-typography.js';
export { formatPath } from './format-path.js';
export { BUILT_IN_STUDIES } from './built-in-studies.js';
export {
  diffStudies,
  formatStudyChange,
  renderStudyDiff,
  studyChangeParams,
  STUDY_CHANGE_TEXT,
  type StudyChange,
  type StudyChangeKind,
  type StudyDiff,
} from './diff-study.js';
export { ZBranding, LOGO_DATA_URI, MIN_TEXT_CONTRAST, contrastRatio, darken, relativeLuminance, studyBranding, type Branding } from './study-branding.js';
