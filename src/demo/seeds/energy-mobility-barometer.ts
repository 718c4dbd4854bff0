import type { DemoSeed } from '../demo-seed.js';

/**
 * The energy and mobility barometer's demo: three published quarters and one in fieldwork.
 *
 * Population counts of adults (18 or over, thousands) by age band, sex and region group: MADE UP for the
 * demo, rounded orders of magnitude of a country of 53 million adults shaped like France (an ageing
 * population, slightly more women, a capital region of about a fifth). Do not quote them as statistics.
 */
export const ENERGY_MOBILITY_SEED: DemoSeed = Object.freeze({
  waves: ['T3-2025', 'T4-2025', 'T1-2026', 'T2-2026'],
  inFieldwork: 1,
  n: 600,
  populationTargets: {
    source: 'Effectifs d’adultes par âge, sexe et région : chiffres fictifs de démonstration',
    margins: [
      {
        variable: 'age_band',
        targets: [
          { code: 1, population: 5_300 },
          { code: 2, population: 7_800 },
          { code: 3, population: 12_100 },
          { code: 4, population: 12_900 },
          { code: 5, population: 14_800 },
        ],
      },
      {
        variable: 'sex',
        targets: [
          { code: 1, population: 27_600 },
          { code: 2, population: 25_300 },
        ],
      },
      {
        variable: 'region',
        targets: [
          { code: 1, population: 9_700 },
          { code: 2, population: 11_200 },
          { code: 3, population: 10_200 },
          { code: 4, population: 9_600 },
          { code: 5, population: 10_500 },
          { code: 6, population: 1_700 },
        ],
      },
    ],
  },
  languageShares: { en: 0.1, de: 0.06 },
  // rough orders of magnitude for a country like France, so that the demo's figures look like a real survey's
  priors: {
    area: [0.3, 0.25, 0.25, 0.2],
    household_size: [2.2],
    tenure: [0.57, 0.38, 0.05],
    heating: [0.33, 0.32, 0.09, 0.09, 0.11, 0.06],
    bill_worry: [0.14, 0.32, 0.31, 0.23],
    monthly_bill: [140],
    savings_actions_1: [0.5],
    savings_actions_2: [0.55],
    savings_actions_3: [0.08],
    savings_actions_4: [0.12],
    savings_actions_5: [0.04],
    renovation_plan: [0.12, 0.2, 0.5, 0.18],
    car_access: [0.84, 0.16],
    main_mode: [0.68, 0.15, 0.05, 0.09, 0.03],
    car_fuel: [0.42, 0.37, 0.12, 0.06, 0.03],
    ev_intent: [0.3, 0.33, 0.25, 0.12],
    view_cost: [0.1, 0.3, 0.38, 0.22],
    view_ready: [0.08, 0.22, 0.45, 0.25],
    view_fair: [0.25, 0.42, 0.25, 0.08],
    view_aid: [0.22, 0.36, 0.3, 0.12],
    priorities_1: [0.35],
    priorities_2: [0.55],
    priorities_3: [0.3],
    priorities_4: [0.15],
    priorities_5: [0.12],
    priorities_6: [0.28],
    outlook: [0.1, 0.27, 0.43, 0.15, 0.05],
    panel_interest: [0.3, 0.7],
  },
  texts: {
    comments: {
      fr: [
        'Les aides pour isoler sont trop compliquées à obtenir.',
        'Sans voiture, impossible de travailler chez moi : il n’y a qu’un bus par jour.',
        'J’ai changé de fournisseur cet hiver, la facture a un peu baissé.',
        'On parle beaucoup de voitures électriques mais les bornes manquent dans mon quartier.',
        'Le prix de l’électricité m’inquiète plus que celui de l’essence.',
        'Merci pour ce questionnaire.',
      ],
      en: [
        'Insulation grants are too complicated to get.',
        'Without a car I could not get to work: there is one bus a day.',
        'I switched supplier this winter and the bill went down a little.',
        'There is a lot of talk about electric cars but there are no chargers near me.',
      ],
      de: [
        'Die Förderung für die Dämmung ist viel zu kompliziert.',
        'Ohne Auto komme ich nicht zur Arbeit: Der Bus fährt nur einmal am Tag.',
        'Ich habe diesen Winter den Anbieter gewechselt, die Rechnung ist etwas gesunken.',
        'Es gibt zu wenige Ladesäulen in meiner Straße.',
      ],
    },
    heating_other: {
      fr: ['Poêle à pétrole', 'Géothermie', 'Chauffage collectif, je ne sais pas lequel'],
      en: ['Paraffin heater', 'Geothermal', 'Shared heating, not sure which'],
      de: ['Ölofen', 'Erdwärme', 'Zentralheizung, weiß nicht welche'],
    },
    panel_email: {
      '*': ['c.martin@example.org', 'panel.lefebvre@example.net', 'j.schmidt@example.com', 'a.dupont@example.org', 'm.weber@example.net', 'sam.taylor@example.com'],
    },
  },
});
