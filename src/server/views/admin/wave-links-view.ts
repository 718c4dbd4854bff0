import { t, type MessageKey } from '../../../messages/index.js';
import type { Lang } from '../../../report/format/index.js';
import type { User, Wave } from '../../../store/index.js';
import { can } from '../../auth/roles.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html, type Html } from '../html.js';
import { RESULTS_PATHS } from '../public/results-paths.js';
import { WHITE_PAPER_PATHS } from '../public/white-paper-paths.js';

const enc = encodeURIComponent;

/** The export formats the wave page links to (`/admin/waves/:id/export/:format`, exports.ts). */
const EXPORTS = ['csv', 'codebook', 'sav', 'jsonl', 'triple-s'] as const;

/**
 * The places a wave's work goes on, each only when it exists for the wave's status: its questionnaire
 * while in fieldwork, the monitor, the exports once it has left draft (analysts: they hold open answers),
 * the public dashboard and white paper once published.
 */
export function waveLinks(lang: Lang, user: User, wave: Wave): Html {
  const admin = (suffix: string) => localizedPath(lang, `/admin/waves/${wave.id}${suffix}`);
  const links: Html[] = [];
  if (wave.status === 'fieldwork') {
    const survey = localizedPath(lang, `/s/${enc(wave.studyId)}/${enc(wave.code)}`);
    links.push(html`<li><a href="${survey}" id="link-questionnaire">${t(lang, 'admin.links.questionnaire')}</a> <code>${survey}</code></li>`);
  }
  links.push(html`<li><a href="${admin('/monitor')}" id="link-monitor">${t(lang, 'admin.links.monitor')}</a></li>`);
  if (wave.status !== 'draft' && can(user.role, 'analyse')) {
    links.push(
      html`<li id="link-exports">${t(lang, 'admin.links.exports')}<ul>${EXPORTS.map(
        (format) => html`<li><a href="${admin(`/export/${format}`)}">${t(lang, `admin.links.export.${format}` as MessageKey)}</a></li>`,
      )}</ul></li>`,
    );
    links.push(html`<li><a href="${admin('/import')}" id="link-import">${t(lang, 'admin.links.import')}</a></li>`);
    links.push(html`<li><a href="${admin('/jobs')}" id="link-jobs">${t(lang, 'admin.links.jobs')}</a></li>`);
  }
  if (wave.status === 'published') {
    links.push(html`<li><a href="${RESULTS_PATHS.dashboard(lang, wave.studyId, { wave: wave.code })}" id="link-dashboard">${t(lang, 'admin.links.dashboard')}</a></li>`);
    links.push(html`<li><a href="${WHITE_PAPER_PATHS.page(lang, wave.studyId)}" id="link-white-paper">${t(lang, 'admin.links.whitePaper')}</a></li>`);
  }
  return html`<section aria-labelledby="wave-links-title" class="wave-links">
<h2 id="wave-links-title">${t(lang, 'admin.links.title')}</h2>
<ul>${links}</ul>
</section>`;
}
