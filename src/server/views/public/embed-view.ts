import type { WaveResults } from '../../../analysis/wave-results-types.js';
import type { Chart } from '../../../report/charts/index.js';
import { formatNumber } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import { html, type Html } from '../html.js';
import { chartPicture } from './chart-picture.js';
import { RESULTS_PATHS } from './results-paths.js';
import { t } from '../../../messages/index.js';
import { labelIn } from '../../../study/index.js';

/** A chart alone, for other sites to frame: the image, its source and a link to the full results. */
export function embedView(lang: Lang, results: WaveResults, id: string, chart: Chart): Html {
  const study = results.study.id;
  const wave = results.wave.code;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${chart.title}</title>
<link rel="stylesheet" href="/static/results.css">
</head>
<body class="embed">
<main>
<figure class="chart">
  ${chartPicture({ wide: RESULTS_PATHS.chart(lang, study, wave, id, 'svg'), narrow: RESULTS_PATHS.chart(lang, study, wave, id, 'svg', 'narrow') }, chart.alternative)}
  <figcaption>${t(lang, 'results.embed.source', { study: labelIn(results.study.title, lang), wave: results.wave.title, n: `n\u00A0=\u00A0${formatNumber(results.n, lang)}` })}
    · <a href="${RESULTS_PATHS.dashboard(lang, study, { wave })}" target="_blank" rel="noopener">${t(lang, 'results.embed.full')}</a></figcaption>
</figure>
</main>
</body>
</html>
`;
}
