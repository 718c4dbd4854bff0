import type { StudyInput } from '../../study.js';
import {
  AGE_BANDS,
  AGREEMENT,
  AREAS,
  DONT_KNOW,
  FUELS,
  HEATING,
  L,
  LIKELIHOOD,
  MODES,
  OTHER_HEATING,
  OUTLOOK,
  PRIORITIES,
  REGIONS,
  RENOVATION,
  SAVINGS,
  SEXES,
  TENURES,
  WORRY,
  YES_NO,
} from './options.js';

const HAS_CAR = { op: 'equals', question: 'car_access', value: 1 } as const;

/** The pages of the energy and mobility barometer: 27 questions (one of each kind), about 8 minutes. */
export const PAGES: StudyInput['pages'] = [
  {
    id: 'welcome',
    title: L('Avant de commencer', 'Before you start', 'Bevor es losgeht'),
    intro: L(
      'Chaque trimestre, nous demandons à des personnes de 18 ans ou plus comment elles chauffent leur logement, comment elles se déplacent et ce qu’elles pensent de la transition énergétique. Vos réponses restent anonymes.',
      'Every quarter, we ask people aged 18 or over how they heat their home, how they get around and what they think of the energy transition. Your answers remain anonymous.',
      'Jedes Quartal fragen wir Menschen ab 18 Jahren, wie sie ihre Wohnung heizen, wie sie unterwegs sind und was sie von der Energiewende halten. Ihre Antworten bleiben anonym.',
    ),
    questions: [
      {
        kind: 'consent',
        name: 'consent',
        text: L(
          'J’accepte que mes réponses soient traitées pour produire le baromètre.',
          'I agree that my answers are processed to produce the barometer.',
          'Ich bin einverstanden, dass meine Antworten für das Barometer verarbeitet werden.',
        ),
      },
    ],
  },
  {
    id: 'about_you',
    title: L('Vous et votre foyer', 'You and your household', 'Sie und Ihr Haushalt'),
    questions: [
      { kind: 'single', name: 'age_band', text: L('Quel âge avez-vous ?', 'How old are you?', 'Wie alt sind Sie?'), options: AGE_BANDS },
      { kind: 'single', name: 'sex', text: L('Vous êtes…', 'You are…', 'Sie sind…'), options: SEXES },
      {
        kind: 'single',
        name: 'region',
        display: 'dropdown',
        text: L('Dans quelle région habitez-vous ?', 'Which region do you live in?', 'In welcher Region wohnen Sie?'),
        options: REGIONS,
      },
      { kind: 'single', name: 'area', text: L('Vous habitez…', 'You live in…', 'Wo wohnen Sie?'), options: AREAS },
      {
        kind: 'number',
        name: 'household_size',
        min: 1,
        max: 12,
        text: L(
          'Combien de personnes vivent dans votre foyer, vous compris ?',
          'How many people live in your household, including you?',
          'Wie viele Personen leben in Ihrem Haushalt, Sie eingeschlossen?',
        ),
        unit: L('personnes', 'people', 'Personen'),
      },
      { kind: 'single', name: 'tenure', text: L('Pour votre logement, vous êtes…', 'For your home, you are…', 'Für Ihre Wohnung sind Sie…'), options: TENURES },
      {
        kind: 'date',
        name: 'moved_in',
        required: false,
        min: '1940-01-01',
        text: L('Depuis quand habitez-vous ce logement ?', 'Since when have you lived in this home?', 'Seit wann wohnen Sie in dieser Wohnung?'),
        help: L('Une date approximative suffit.', 'An approximate date is enough.', 'Ein ungefähres Datum genügt.'),
      },
    ],
  },
  {
    id: 'home_energy',
    title: L('L’énergie chez vous', 'Energy at home', 'Energie zu Hause'),
    questions: [
      {
        kind: 'single',
        name: 'heating',
        text: L(
          'Quelle est la principale énergie de chauffage de votre logement ?',
          'What is the main heating source of your home?',
          'Womit wird Ihre Wohnung hauptsächlich beheizt?',
        ),
        options: HEATING,
        other: OTHER_HEATING,
      },
      {
        kind: 'scale',
        name: 'bill_worry',
        text: L('Le montant de vos factures d’énergie vous inquiète-t-il ?', 'How worried are you about your energy bills?', 'Wie sehr beunruhigen Sie Ihre Energierechnungen?'),
        points: WORRY,
        dontKnow: DONT_KNOW,
      },
      {
        kind: 'number',
        name: 'monthly_bill',
        required: false,
        min: 0,
        max: 2000,
        text: L(
          'Combien dépensez-vous environ par mois pour l’énergie de votre logement (électricité, gaz, fioul, bois) ?',
          'About how much do you spend a month on energy for your home (electricity, gas, oil, wood)?',
          'Wie viel geben Sie ungefähr im Monat für die Energie Ihrer Wohnung aus (Strom, Gas, Heizöl, Holz)?',
        ),
        help: L(
          'Une estimation suffit ; laissez vide si vous ne savez pas.',
          'An estimate is enough; leave it empty if you do not know.',
          'Eine Schätzung genügt; lassen Sie das Feld leer, wenn Sie es nicht wissen.',
        ),
        unit: L('€ par mois', '€ a month', '€ im Monat'),
      },
      {
        kind: 'multiple',
        name: 'savings_actions',
        text: L(
          'Au cours des trois derniers mois, qu’avez-vous fait pour réduire votre consommation d’énergie ?',
          'In the last three months, what have you done to reduce your energy use?',
          'Was haben Sie in den letzten drei Monaten getan, um Ihren Energieverbrauch zu senken?',
        ),
        options: SAVINGS,
        exclusive: [98],
      },
      {
        kind: 'single',
        name: 'renovation_plan',
        condition: { op: 'equals', question: 'tenure', value: 1 },
        text: L(
          'Envisagez-vous des travaux de rénovation énergétique (isolation, chauffage, fenêtres) ?',
          'Are you planning energy renovation work (insulation, heating, windows)?',
          'Planen Sie eine energetische Sanierung (Dämmung, Heizung, Fenster)?',
        ),
        options: RENOVATION,
      },
    ],
  },
  {
    id: 'mobility',
    title: L('Vos déplacements', 'Getting around', 'Ihre Mobilität'),
    questions: [
      {
        kind: 'single',
        name: 'car_access',
        text: L('Disposez-vous d’une voiture dans votre foyer ?', 'Does your household have a car?', 'Verfügt Ihr Haushalt über ein Auto?'),
        options: YES_NO,
      },
      {
        kind: 'single',
        name: 'main_mode',
        text: L(
          'Quel moyen de transport utilisez-vous le plus au quotidien ?',
          'Which means of transport do you use most in everyday life?',
          'Welches Verkehrsmittel nutzen Sie im Alltag am häufigsten?',
        ),
        options: MODES,
      },
      {
        kind: 'single',
        name: 'car_fuel',
        condition: HAS_CAR,
        text: L('Quelle est la motorisation de votre voiture principale ?', 'What powers your main car?', 'Welchen Antrieb hat Ihr Hauptfahrzeug?'),
        options: FUELS,
      },
      {
        kind: 'scale',
        name: 'ev_intent',
        condition: { op: 'and', conditions: [HAS_CAR, { op: 'not', condition: { op: 'equals', question: 'car_fuel', value: 4 } }] },
        text: L('Votre prochaine voiture sera-t-elle électrique ?', 'Will your next car be electric?', 'Wird Ihr nächstes Auto ein Elektroauto sein?'),
        points: LIKELIHOOD,
        dontKnow: DONT_KNOW,
      },
      {
        kind: 'numbers',
        name: 'trips',
        total: 10,
        min: 0,
        max: 10,
        text: L(
          'Sur 10 déplacements d’une semaine ordinaire, combien faites-vous…',
          'Out of 10 trips in an ordinary week, how many do you make…',
          'Wie viele von 10 Wegen einer gewöhnlichen Woche legen Sie zurück…',
        ),
        help: L('Les quatre nombres font 10 en tout.', 'The four numbers add up to 10.', 'Die vier Zahlen ergeben zusammen 10.'),
        items: [
          { name: 'car', label: L('en voiture', 'by car', 'mit dem Auto') },
          { name: 'transit', label: L('en transports en commun', 'by public transport', 'mit öffentlichen Verkehrsmitteln') },
          { name: 'bike', label: L('à vélo', 'by bike', 'mit dem Fahrrad') },
          { name: 'walk', label: L('à pied', 'on foot', 'zu Fuß') },
        ],
      },
    ],
  },
  {
    id: 'transition',
    title: L('La transition énergétique', 'The energy transition', 'Die Energiewende'),
    questions: [
      {
        kind: 'info',
        name: 'transition_intro',
        text: L(
          'Les questions qui suivent portent sur les choix de la collectivité, pas sur vos habitudes.',
          'The next questions are about public choices, not about your own habits.',
          'Die folgenden Fragen betreffen öffentliche Entscheidungen, nicht Ihre eigenen Gewohnheiten.',
        ),
      },
      {
        kind: 'matrix',
        name: 'views',
        text: L('Êtes-vous d’accord avec chacune de ces phrases ?', 'Do you agree with each of these statements?', 'Inwieweit stimmen Sie den folgenden Aussagen zu?'),
        help: L('Choisissez « Ne sait pas » si vous n’avez pas d’avis.', 'Choose “Don’t know” if you have no opinion.', 'Wählen Sie „Weiß nicht“, wenn Sie keine Meinung haben.'),
        items: [
          {
            name: 'view_cost',
            label: L(
              'Les mesures pour le climat coûtent trop cher aux foyers comme le mien',
              'Climate measures cost households like mine too much',
              'Klimaschutzmaßnahmen kosten Haushalte wie meinen zu viel',
            ),
          },
          {
            name: 'view_ready',
            label: L(
              'Je suis prêt à changer mes habitudes pour consommer moins d’énergie',
              'I am ready to change my habits to use less energy',
              'Ich bin bereit, meine Gewohnheiten zu ändern, um weniger Energie zu verbrauchen',
            ),
          },
          {
            name: 'view_fair',
            label: L('Les efforts demandés sont répartis équitablement', 'The efforts asked of people are fairly shared', 'Die geforderten Anstrengungen sind gerecht verteilt'),
          },
          {
            name: 'view_aid',
            label: L(
              'Je sais à qui m’adresser pour obtenir une aide aux travaux',
              'I know where to turn for help with renovation costs',
              'Ich weiß, an wen ich mich für eine Sanierungsförderung wenden kann',
            ),
          },
        ],
        points: AGREEMENT,
        dontKnow: DONT_KNOW,
      },
      {
        kind: 'multiple',
        name: 'priorities',
        maxSelections: 2,
        text: L(
          'Quelles devraient être les deux priorités des pouvoirs publics ?',
          'What should be the authorities’ two priorities?',
          'Was sollten die zwei Prioritäten der öffentlichen Hand sein?',
        ),
        options: PRIORITIES,
      },
      {
        kind: 'ranking',
        name: 'measures',
        maxRanked: 3,
        minRanked: 1,
        randomize: true,
        text: L(
          'Classez jusqu’à trois de ces mesures, de la plus utile à la moins utile.',
          'Rank up to three of these measures, from most to least useful.',
          'Ordnen Sie bis zu drei dieser Maßnahmen, von der nützlichsten zur am wenigsten nützlichen.',
        ),
        options: [
          { code: 1, label: L('Aider à isoler les logements', 'Help to insulate homes', 'Wärmedämmung von Wohnungen fördern') },
          { code: 2, label: L('Développer les transports en commun', 'Expand public transport', 'Öffentlichen Verkehr ausbauen') },
          { code: 3, label: L('Produire plus d’énergie renouvelable', 'Produce more renewable energy', 'Mehr erneuerbare Energie erzeugen') },
          { code: 4, label: L('Créer des pistes cyclables', 'Build cycle lanes', 'Radwege bauen') },
        ],
      },
      {
        kind: 'scale',
        name: 'outlook',
        text: L(
          'Dans les douze prochains mois, la situation financière de votre foyer sera…',
          'In the next twelve months, your household’s financial situation will be…',
          'In den nächsten zwölf Monaten wird die finanzielle Lage Ihres Haushalts…',
        ),
        points: OUTLOOK,
        dontKnow: DONT_KNOW,
      },
    ],
  },
  {
    id: 'follow_up',
    title: L('Pour finir', 'To finish', 'Zum Schluss'),
    questions: [
      {
        kind: 'text',
        name: 'comments',
        required: false,
        multiline: true,
        maxLength: 1000,
        text: L('Souhaitez-vous ajouter quelque chose ?', 'Anything you would like to add?', 'Möchten Sie noch etwas hinzufügen?'),
      },
      {
        kind: 'textgrid',
        name: 'routes',
        required: false,
        maxLength: 60,
        text: L('Vos deux trajets les plus fréquents', 'Your two most frequent journeys', 'Ihre zwei häufigsten Wege'),
        help: L('Une commune ou un quartier suffit.', 'A town or a district is enough.', 'Ein Ort oder ein Stadtteil genügt.'),
        rows: [
          { name: 'first', label: L('Premier trajet', 'First journey', 'Erster Weg') },
          { name: 'second', label: L('Deuxième trajet', 'Second journey', 'Zweiter Weg') },
        ],
        columns: [
          { name: 'from', label: L('Départ', 'From', 'Von') },
          { name: 'to', label: L('Arrivée', 'To', 'Nach') },
        ],
      },
      {
        kind: 'single',
        name: 'panel_interest',
        text: L(
          'Accepteriez-vous d’être recontacté pour un entretien de suivi ?',
          'Would you agree to be contacted again for a follow-up interview?',
          'Wären Sie bereit, für ein Folgeinterview erneut kontaktiert zu werden?',
        ),
        options: YES_NO,
      },
      {
        kind: 'text',
        name: 'panel_email',
        required: false,
        identifying: true,
        maxLength: 120,
        condition: { op: 'equals', question: 'panel_interest', value: 1 },
        text: L('Votre adresse e-mail', 'Your e-mail address', 'Ihre E-Mail-Adresse'),
        help: L(
          'Elle sert seulement à vous recontacter ; elle n’est jamais publiée ni jointe à vos réponses dans les résultats.',
          'It is only used to contact you again; it is never published nor attached to your answers in the results.',
          'Sie dient nur dazu, Sie erneut zu kontaktieren; sie wird nie veröffentlicht und in den Ergebnissen nie mit Ihren Antworten verknüpft.',
        ),
      },
    ],
  },
];
