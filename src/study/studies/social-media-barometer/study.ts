import { frenchTypography } from '../../french-typography.js';
import type { StudyInput } from '../../study.js';
import { INDICATORS, MATURITY, THEMES } from './indicators.js';
import { L, SIZE_BANDS } from './options.js';
import { PAGES } from './questionnaire.js';

/** Applies French typography to every `fr` text of a document. */
function typeset<T>(node: T): T {
  if (Array.isArray(node)) return node.map(typeset) as T;
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = key === 'fr' && typeof value === 'string' ? frenchTypography(value) : typeset(value);
    return out as T;
  }
  return node;
}

/** The built-in social-media barometer, version 1. */
export const SOCIAL_MEDIA_BAROMETER: StudyInput = typeset({
  id: 'social-media-barometer',
  version: 1,
  title: L('Baromètre des réseaux sociaux en entreprise', 'Social Media in Business Barometer'),
  description: L(
    'Chaque année, les responsables marketing et communication des entreprises françaises disent comment leur entreprise utilise les réseaux sociaux, ce qu’elle en attend et ce qui lui reste à relever.',
    'Every year, marketing and communications managers of French companies tell how their company uses social media, what it expects from them and the challenges still ahead.',
  ),
  languages: ['fr', 'en'],
  estimatedMinutes: 10,
  producers: [{ name: 'Association des professionnels du marketing' }, { name: 'Éditeur de logiciels de gestion des réseaux sociaux' }],
  privacyNotice: L(
    'Vos réponses servent uniquement à produire le baromètre et votre rapport personnalisé. Elles sont publiées sous forme agrégée, jamais au nom de votre entreprise. Vous pouvez demander à tout moment l’effacement de vos données.',
    'Your answers are only used to produce the barometer and your personal report. They are published in aggregate form, never under your company’s name. You may ask for your data to be erased at any time.',
  ),
  themes: THEMES,
  pages: PAGES,
  indicators: INDICATORS,
  maturity: MATURITY,
  unit: { fr: { one: 'entreprise', other: 'entreprises' }, en: { one: 'company', other: 'companies' } },
  cuts: [
    { variable: 'company_size', label: L('la taille de l’entreprise', 'company size') },
    { variable: 'sector', label: L('le secteur', 'sector') },
    { variable: 'region', label: L('la région', 'region') },
    { variable: 'respondent_function', label: L('la fonction du répondant', 'the respondent’s role') },
  ],
  margins: ['company_size', 'sector', 'region', 'respondent_function'],
  benchmark: { peerGroups: [{ variable: 'company_size', label: L('les entreprises de même taille', 'companies of the same size') }] },
  leadForm: [
    { id: 'organisation', label: L('Entreprise', 'Company'), maxLength: 120 },
    { id: 'job_title', label: L('Fonction', 'Job title'), maxLength: 120 },
    { id: 'size_band', label: L('Taille de l’entreprise', 'Company size'), required: true, options: SIZE_BANDS },
  ],
});
