/**
 * The public addresses other pages link to, in one place (French paths; `localizedPath` adds `/en`).
 * The engineers of each feature keep these in line with their routes.
 */
export const PATHS = Object.freeze({
  home: '/',
  /** the results: the dashboard of the one study with published waves (/resultats/:study, /en/results/:study), or the list of them */
  results: '/results',
  /** the white paper: the lead form of the one study with published waves (/livre-blanc/:study, /en/white-paper/:study), or the list of them */
  whitePaper: '/white-paper',
  /** the open questionnaire of a wave in fieldwork */
  survey: (waveId: number) => `/survey/${waveId}`,
});
