import type { StudyInput } from '../../study.js';
import { typesetFrench } from '../typeset-french.js';
import { INDICATORS, THEMES } from './indicators.js';
import { L } from './options.js';
import { PAGES } from './questionnaire.js';

/** The built-in energy and mobility barometer: a quarterly survey of individuals, in French, English and German. */
export const ENERGY_MOBILITY_BAROMETER: StudyInput = typesetFrench({
  id: 'energy-mobility-barometer',
  version: 1,
  title: L('Baromètre énergie et mobilité', 'Energy and Mobility Barometer', 'Barometer Energie und Mobilität'),
  description: L(
    'Chaque trimestre, des personnes de 18 ans ou plus disent comment elles chauffent leur logement et se déplacent, ce que leur coûte l’énergie et ce qu’elles attendent de la transition énergétique.',
    'Every quarter, people aged 18 or over tell how they heat their home and get around, what energy costs them and what they expect from the energy transition.',
    'Jedes Quartal berichten Menschen ab 18 Jahren, wie sie heizen und sich fortbewegen, was sie die Energie kostet und was sie von der Energiewende erwarten.',
  ),
  languages: ['fr', 'en', 'de'],
  defaultLanguage: 'fr',
  estimatedMinutes: 7,
  producers: [{ name: 'Observatoire des usages de l’énergie (exemple)' }],
  privacyNotice: L(
    'Vos réponses servent uniquement à produire le baromètre. Elles sont publiées sous forme de statistiques, jamais individuellement. Si vous laissez votre adresse e-mail pour un entretien de suivi, elle est conservée à part et effacée à la fin de l’étude ; vous pouvez demander son effacement à tout moment.',
    'Your answers are only used to produce the barometer. They are published as statistics, never individually. If you leave your e-mail address for a follow-up interview, it is kept separately and erased at the end of the study; you may ask for it to be erased at any time.',
    'Ihre Antworten dienen ausschließlich der Erstellung des Barometers. Sie werden nur als Statistik veröffentlicht, nie einzeln. Wenn Sie Ihre E-Mail-Adresse für ein Folgeinterview angeben, wird sie getrennt aufbewahrt und am Ende der Studie gelöscht; Sie können jederzeit ihre Löschung verlangen.',
  ),
  themes: THEMES,
  pages: PAGES,
  indicators: INDICATORS,
  unit: {
    fr: { one: 'personne', other: 'personnes' },
    en: { one: 'person', other: 'people' },
    de: { one: 'Person', other: 'Personen' },
  },
  cuts: [
    { variable: 'age_band', label: L('l’âge', 'age', 'Altersgruppe') },
    { variable: 'sex', label: L('le sexe', 'sex', 'Geschlecht') },
    { variable: 'region', label: L('la région', 'region', 'Region') },
  ],
  margins: ['age_band', 'sex', 'region'],
  leadForm: [],
});
