/** The sample inputs exist in French and English (the charts' own words come in every language). */
type Lang = 'fr' | 'en';
import type { CutBarInput, DailyCountsInput, IndicatorBarInput, MaturityInput, TrendLineInput } from './index.js';

/** Inputs shaped like the 2015 demo wave, for the tests and golden files of the charts. */
const ci = (p: number, n: number): readonly [number, number] => {
  const half = 1.96 * Math.sqrt((p * (1 - p)) / n);
  return [Math.max(0, p - half), Math.min(1, p + half)];
};

const CHALLENGES = {
  fr: [
    ['challenge_coordination', 'Coordonner les stratégies des différents services', 0.29],
    ['challenge_roi', 'Mesurer les résultats et le retour sur investissement des actions', 0.65],
    ['challenge_data', 'Exploiter les données collectées pour agir', 0.51],
    ['challenge_strategy', 'Absence de démarche stratégique globale', 0.55],
  ],
  en: [
    ['challenge_coordination', 'Coordinating the strategies of departments', 0.29],
    ['challenge_roi', 'Measuring results and return on investment', 0.65],
    ['challenge_data', 'Acting on the data collected', 0.51],
    ['challenge_strategy', 'No overall strategic approach', 0.55],
  ],
} as const;

export function challengesInput(lang: Lang): IndicatorBarInput {
  return {
    lang,
    title: lang === 'fr' ? 'Les principaux défis des médias sociaux' : 'The main social-media challenges',
    subtitle: lang === 'fr' ? 'Plusieurs réponses possibles' : 'Several answers possible',
    indicators: CHALLENGES[lang].map(([id, label, p]) => ({ id, label, estimate: p, ci: ci(p, 1234), n: 1234 })),
  };
}

export function adoptionInput(lang: Lang): IndicatorBarInput {
  return {
    lang,
    title: lang === 'fr' ? 'Adoption des médias sociaux' : 'Adoption of social media',
    percentDigits: 1,
    indicators: [
      { id: 'uses_social_media', label: lang === 'fr' ? 'Utilisent les médias sociaux' : 'Use social media', estimate: 0.9312, ci: ci(0.9312, 1234), n: 1234 },
      {
        id: 'presence_important',
        label: lang === 'fr' ? 'Présence importante pour rester compétitif' : 'Presence matters to stay competitive',
        estimate: 0.8804,
        ci: ci(0.8804, 1198),
        n: 1198,
      },
    ],
  };
}

export function sizeCutInput(lang: Lang): CutBarInput {
  const column = (label: string, letter: string | undefined, p: number, n: number, higherThan?: string[]) => ({
    label,
    ...(letter ? { letter } : {}),
    estimate: p,
    ci: ci(p, n),
    n,
    ...(higherThan ? { higherThan } : {}),
  });
  return {
    lang,
    title: lang === 'fr' ? 'Gèrent leur e-réputation, selon la taille' : 'Manage their e-reputation, by size',
    columns: [
      { ...column(lang === 'fr' ? 'Ensemble' : 'All', undefined, 0.65, 1234), isTotal: true },
      column(lang === 'fr' ? 'TPE' : 'Micro', 'A', 0.52, 310),
      column(lang === 'fr' ? 'PME' : 'SME', 'B', 0.66, 620, ['A']),
      column(lang === 'fr' ? 'ETI' : 'Mid-size', 'C', 0.74, 24),
      column(lang === 'fr' ? 'Grandes entreprises' : 'Large companies', 'D', 0.8, 7),
    ],
  };
}

export function trendInput(lang: Lang): TrendLineInput {
  return {
    lang,
    title: lang === 'fr' ? 'Gèrent leur e-réputation' : 'Manage their e-reputation',
    waves: [
      { year: 2015, estimate: 0.65, ci: ci(0.65, 1234), n: 1234, change: 'up' },
      { year: 2013, estimate: 0.52, ci: ci(0.52, 900), n: 900 },
      { year: 2014, estimate: 0.58, ci: ci(0.58, 1000), n: 1000, change: 'up' },
      { year: 2017, estimate: 0.63, ci: ci(0.63, 1100), n: 1100, change: null },
    ],
  };
}

export function maturityInput(lang: Lang): MaturityInput {
  const fr = lang === 'fr';
  return {
    lang,
    title: fr ? 'Votre maturité sur les médias sociaux' : 'Your social-media maturity',
    units: fr ? { units: 'entreprises', Units: 'Entreprises' } : { units: 'companies', Units: 'Companies' },
    dimensions: [
      { label: fr ? 'Présence' : 'Presence', respondent: 80, all: 62.4, sameSize: 70.1 },
      { label: fr ? 'Relation et service client' : 'Customer relation and service', respondent: 45, all: 51, sameSize: 55 },
      { label: fr ? 'Commerce' : 'Commerce', respondent: 20, all: 33, sameSize: 35 },
      { label: fr ? 'Mesure et retour sur investissement' : 'Measurement and ROI', respondent: 60, all: 38, sameSize: 41 },
      { label: fr ? 'Stratégie, gouvernance et formation' : 'Strategy, governance and training', respondent: 100, all: 47, sameSize: 52 },
      { label: fr ? 'Données et CRM' : 'Data and CRM', respondent: 0, all: 22, sameSize: 25 },
    ],
  };
}

export function dailyInput(lang: Lang): DailyCountsInput {
  return {
    lang,
    title: lang === 'fr' ? 'Réponses par jour' : 'Responses per day',
    days: Array.from({ length: 21 }, (_, i) => ({
      date: `2025-03-${String(i + 1).padStart(2, '0')}`,
      completes: [40, 120, 1300, 90, 60][i % 5]! + i,
      partials: (i * 7) % 13,
    })),
  };
}
