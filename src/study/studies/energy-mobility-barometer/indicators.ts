import type { StudyInput } from '../../study.js';
import { AGREE, L } from './options.js';

export const THEMES: StudyInput['themes'] = [
  { id: 'home_energy', label: L('Énergie au foyer', 'Energy at home', 'Energie zu Hause') },
  { id: 'mobility', label: L('Mobilité', 'Mobility', 'Mobilität') },
  { id: 'transition', label: L('Regards sur la transition', 'Views on the transition', 'Blick auf die Energiewende') },
  { id: 'outlook', label: L('Perspectives', 'Outlook', 'Aussichten') },
];

/** The published indicators, one definition read by results, dashboard and white paper. */
export const INDICATORS: StudyInput['indicators'] = [
  {
    id: 'worried_about_bills',
    theme: 'home_energy',
    variable: 'bill_worry',
    yes: [3, 4],
    label: L('S’inquiètent de leurs factures d’énergie', 'Worry about their energy bills', 'Sorgen sich um ihre Energierechnungen'),
  },
  {
    id: 'heat_pump',
    theme: 'home_energy',
    variable: 'heating',
    yes: [5],
    label: L('Se chauffent avec une pompe à chaleur', 'Heat their home with a heat pump', 'Heizen mit einer Wärmepumpe'),
  },
  {
    id: 'lowered_heating',
    theme: 'home_energy',
    group: 'savings',
    variable: 'savings_actions_1',
    yes: [1],
    label: L('Ont baissé le chauffage', 'Turned the heating down', 'Haben die Heizung heruntergedreht'),
  },
  {
    id: 'insulated_home',
    theme: 'home_energy',
    group: 'savings',
    variable: 'savings_actions_3',
    yes: [1],
    label: L('Ont fait isoler leur logement', 'Had their home insulated', 'Haben ihre Wohnung dämmen lassen'),
  },
  {
    id: 'no_saving_action',
    theme: 'home_energy',
    group: 'savings',
    variable: 'savings_actions_98',
    yes: [1],
    label: L('N’ont rien fait pour économiser l’énergie', 'Did nothing to save energy', 'Haben nichts zum Energiesparen unternommen'),
  },
  {
    id: 'renovation_planned',
    theme: 'home_energy',
    variable: 'renovation_plan',
    yes: [1, 2],
    label: L('Propriétaires qui prévoient des travaux', 'Owners planning renovation work', 'Eigentümer, die eine Sanierung planen'),
  },
  {
    id: 'car_main_mode',
    theme: 'mobility',
    variable: 'main_mode',
    yes: [1],
    label: L('Se déplacent surtout en voiture', 'Mostly travel by car', 'Sind meist mit dem Auto unterwegs'),
  },
  {
    id: 'low_emission_car',
    theme: 'mobility',
    variable: 'car_fuel',
    yes: [3, 4],
    label: L('Roulent en hybride ou en électrique', 'Drive a hybrid or electric car', 'Fahren ein Hybrid- oder Elektroauto'),
  },
  {
    id: 'next_car_electric',
    theme: 'mobility',
    variable: 'ev_intent',
    yes: [3, 4],
    label: L('Pensent que leur prochaine voiture sera électrique', 'Expect their next car to be electric', 'Erwarten, dass ihr nächstes Auto elektrisch fährt'),
  },
  {
    id: 'measures_too_costly',
    theme: 'transition',
    variable: 'view_cost',
    yes: AGREE,
    label: L('Jugent les mesures pour le climat trop coûteuses', 'Find climate measures too costly', 'Halten Klimaschutzmaßnahmen für zu teuer'),
  },
  {
    id: 'ready_to_change',
    theme: 'transition',
    variable: 'view_ready',
    yes: AGREE,
    label: L('Sont prêts à changer leurs habitudes', 'Are ready to change their habits', 'Sind bereit, ihre Gewohnheiten zu ändern'),
  },
  {
    id: 'efforts_fair',
    theme: 'transition',
    variable: 'view_fair',
    yes: AGREE,
    label: L('Trouvent les efforts équitablement répartis', 'Find the efforts fairly shared', 'Finden die Anstrengungen gerecht verteilt'),
  },
  {
    id: 'knows_where_to_get_aid',
    theme: 'transition',
    variable: 'view_aid',
    yes: AGREE,
    label: L('Savent où demander une aide aux travaux', 'Know where to get help with renovation', 'Wissen, wo es Sanierungsförderung gibt'),
  },
  {
    id: 'priority_public_transport',
    theme: 'transition',
    group: 'priorities',
    variable: 'priorities_3',
    yes: [1],
    label: L('Font des transports en commun une priorité', 'Make public transport a priority', 'Sehen den öffentlichen Verkehr als Priorität'),
  },
  {
    id: 'optimistic',
    theme: 'outlook',
    variable: 'outlook',
    yes: [4, 5],
    label: L('Voient la situation de leur foyer s’améliorer', 'Expect their household’s situation to improve', 'Erwarten eine Verbesserung der Lage ihres Haushalts'),
  },
];
