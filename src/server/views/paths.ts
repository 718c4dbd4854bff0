/**
 * The public addresses other pages link to, in one place (French paths; `localizedPath` adds `/en`).
 * The engineers of each feature keep these in line with their routes.
 */
export const PATHS = Object.freeze({
  home: '/',
  results: '/results',
  whitePaper: '/white-paper',
  /** the open questionnaire of a wave in fieldwork */
  survey: (waveId: number) => `/survey/${waveId}`,
});
