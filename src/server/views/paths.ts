/**
 * The public addresses other pages link to, in one place (French paths; `localizedPath` adds `/en`).
 * The engineers of each feature keep these in line with their routes.
 */
export const PATHS = Object.freeze({
  home: '/',
  /** the results: redirects to the dashboard of the study with published waves (/resultats/:study, /en/results/:study) */
  results: '/results',
  /** the white paper: redirects to the lead form of the study with published waves (/livre-blanc/:study, /en/white-paper/:study) */
  whitePaper: '/white-paper',
  /** the open questionnaire of a wave in fieldwork */
  survey: (waveId: number) => `/survey/${waveId}`,
});
