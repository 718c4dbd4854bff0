import type { StudyInput } from '../../study.js';
import { AGREEMENT, DONT_KNOW, FUNCTIONS, L, NETWORKS, OTHER_NETWORK, REGIONS, SECTORS, SIZE_BANDS, YES_NO } from './options.js';

const USES = { op: 'equals', question: 'uses_social', value: 1 } as const;

/** The pages of the social-media barometer: about 30 questions, 10 minutes. */
export const PAGES: StudyInput['pages'] = [
  {
    id: 'welcome',
    title: L('Votre accord', 'Your agreement'),
    intro: L(
      'Vos réponses sont confidentielles : elles ne sont publiées que sous forme de statistiques, jamais au nom de votre entreprise.',
      'Your answers are confidential: they are only published as statistics, never under your company’s name.',
    ),
    questions: [
      {
        kind: 'consent',
        name: 'consent',
        text: L(
          'J’accepte que mes réponses soient traitées pour produire le baromètre et mon rapport personnalisé.',
          'I agree that my answers are processed to produce the barometer and my personal report.',
        ),
      },
    ],
  },
  {
    id: 'company',
    title: L('Votre entreprise', 'Your company'),
    questions: [
      { kind: 'single', name: 'company_size', text: L('Combien de salariés compte votre entreprise ?', 'How many people does your company employ?'), options: SIZE_BANDS },
      {
        kind: 'single',
        name: 'sector',
        display: 'dropdown',
        text: L('Dans quel secteur votre entreprise exerce-t-elle principalement ?', 'What is your company’s main sector?'),
        options: SECTORS,
      },
      { kind: 'single', name: 'region', display: 'dropdown', text: L('Où se trouve le siège de votre entreprise ?', 'Where is your company’s head office?'), options: REGIONS },
      { kind: 'single', name: 'respondent_function', text: L('Quelle est votre fonction ?', 'What is your role?'), options: FUNCTIONS },
      {
        kind: 'text',
        name: 'company_name',
        required: false,
        identifying: true,
        maxLength: 120,
        text: L('Nom de votre entreprise', 'Your company’s name'),
        help: L('Il sert seulement à éviter les doublons ; il n’est jamais publié.', 'It is only used to avoid duplicates; it is never published.'),
      },
    ],
  },
  {
    id: 'presence',
    title: L('Votre présence sur les réseaux sociaux', 'Your presence on social media'),
    questions: [
      {
        kind: 'single',
        name: 'uses_social',
        text: L('Votre entreprise utilise-t-elle les réseaux sociaux, quel qu’en soit l’usage ?', 'Does your company use social media, for any purpose?'),
        options: YES_NO,
      },
      {
        kind: 'scale',
        name: 'importance',
        text: L('Être présent sur les réseaux sociaux est devenu indispensable pour rester compétitif.', 'Being present on social media has become essential to stay competitive.'),
        points: AGREEMENT,
        dontKnow: DONT_KNOW,
      },
    ],
  },
  {
    id: 'networks',
    title: L('Les réseaux que vous utilisez', 'The networks you use'),
    questions: [
      {
        kind: 'multiple',
        name: 'networks',
        condition: USES,
        text: L('Sur quels réseaux votre entreprise est-elle active ?', 'On which networks is your company active?'),
        options: NETWORKS,
        other: OTHER_NETWORK,
      },
      {
        kind: 'single',
        name: 'main_network',
        condition: USES,
        display: 'dropdown',
        text: L('Lequel compte le plus pour votre entreprise ?', 'Which one matters most to your company?'),
        options: [...NETWORKS, { code: 97, label: L('Un autre réseau', 'Another network') }],
      },
      {
        kind: 'single',
        name: 'presence_years',
        condition: USES,
        text: L('Depuis combien de temps votre entreprise y est-elle présente ?', 'For how long has your company been present on social media?'),
        options: [
          { code: 1, label: L('Moins d’un an', 'Less than a year') },
          { code: 2, label: L('1 à 2 ans', '1 to 2 years') },
          { code: 3, label: L('3 à 5 ans', '3 to 5 years') },
          { code: 4, label: L('Plus de 5 ans', 'More than 5 years') },
        ],
      },
      {
        kind: 'multiple',
        name: 'no_use_reasons',
        condition: { op: 'equals', question: 'uses_social', value: 2 },
        text: L('Pour quelles raisons votre entreprise ne les utilise-t-elle pas ?', 'Why does your company not use them?'),
        options: [
          { code: 1, label: L('Ce n’est pas utile pour notre activité', 'It is not useful for our business') },
          { code: 2, label: L('Nous manquons de temps ou de personnel', 'We lack time or staff') },
          { code: 3, label: L('Nous manquons de compétences', 'We lack the skills') },
          { code: 4, label: L('Nous craignons les critiques publiques', 'We fear public criticism') },
          { code: 98, label: L('Aucune raison particulière', 'No particular reason') },
        ],
        exclusive: [98],
      },
    ],
  },
  {
    id: 'organisation',
    title: L('Objectifs et moyens', 'Goals and resources'),
    questions: [
      {
        kind: 'multiple',
        name: 'objectives',
        condition: USES,
        maxSelections: 3,
        text: L('Quels sont vos trois principaux objectifs sur les réseaux sociaux ?', 'What are your three main goals on social media?'),
        help: L('Trois réponses au plus.', 'Three answers at most.'),
        options: [
          { code: 1, label: L('Faire connaître l’entreprise et ses marques', 'Make the company and its brands known') },
          { code: 2, label: L('Soigner son image et sa marque employeur', 'Build its image and employer brand') },
          { code: 3, label: L('Fidéliser les clients', 'Retain customers') },
          { code: 4, label: L('Gagner des clients et des ventes', 'Win customers and sales') },
          { code: 5, label: L('Répondre aux clients (service client)', 'Answer customers (customer service)') },
          { code: 6, label: L('Faire de la veille', 'Monitor the market') },
          { code: 7, label: L('Recruter', 'Recruit') },
        ],
      },
      {
        kind: 'number',
        name: 'team_size',
        condition: USES,
        integer: false,
        min: 0,
        max: 500,
        unit: L('équivalents temps plein', 'full-time equivalents'),
        text: L('Combien de personnes s’en occupent, en équivalent temps plein ?', 'How many people work on it, in full-time equivalents?'),
        help: L('Par exemple 1,5 pour une personne à temps plein et une à mi-temps.', 'For example 1.5 for one full-time and one half-time person.'),
      },
      {
        kind: 'single',
        name: 'managed_by',
        condition: USES,
        text: L('Qui anime vos comptes ?', 'Who runs your accounts?'),
        options: [
          { code: 1, label: L('Une équipe interne', 'An in-house team') },
          { code: 2, label: L('Une agence', 'An agency') },
          { code: 3, label: L('Les deux', 'Both') },
          { code: 4, label: L('Personne en particulier', 'Nobody in particular') },
        ],
      },
      {
        kind: 'single',
        name: 'budget_trend',
        text: L('L’an prochain, votre budget consacré aux réseaux sociaux va…', 'Next year, your social-media budget will…'),
        options: [
          { code: 1, label: L('augmenter', 'increase') },
          { code: 2, label: L('rester stable', 'stay the same') },
          { code: 3, label: L('diminuer', 'decrease') },
          { code: 9, label: L('Ne sait pas', 'Don’t know') },
        ],
      },
      {
        kind: 'number',
        name: 'budget_share',
        required: false,
        integer: true,
        min: 0,
        max: 100,
        unit: L('% du budget marketing', '% of the marketing budget'),
        text: L('Quelle part de votre budget marketing y consacrez-vous ?', 'What share of your marketing budget goes to it?'),
      },
    ],
  },
  {
    id: 'customers',
    title: L('Réputation et relation client', 'Reputation and customer relations'),
    questions: [
      {
        kind: 'single',
        name: 'ereputation',
        text: L(
          'Votre entreprise gère-t-elle sa réputation sur les réseaux sociaux (veille, réponses aux avis, gestion de crise) ?',
          'Does your company manage its reputation on social media (monitoring, replying to reviews, crisis handling)?',
        ),
        options: [
          { code: 1, label: L('Oui, avec une organisation dédiée', 'Yes, with a dedicated organisation') },
          { code: 2, label: L('Oui, au cas par cas', 'Yes, case by case') },
          { code: 3, label: L('Non', 'No') },
        ],
      },
      {
        kind: 'matrix',
        name: 'relation',
        text: L('Êtes-vous d’accord avec chacune de ces affirmations ?', 'Do you agree with each of these statements?'),
        items: [
          {
            name: 'relation_strengthens',
            label: L('Les réseaux sociaux renforcent notre relation avec nos clients.', 'Social media strengthen our relationship with our customers.'),
          },
          {
            name: 'relation_service',
            label: L('Les réseaux sociaux ont changé notre service client (questions, réclamations).', 'Social media have changed our customer service (questions, complaints).'),
          },
          { name: 'relation_sales', label: L('Les réseaux sociaux nous apportent de nouvelles ventes.', 'Social media bring us new sales.') },
          { name: 'relation_loyalty', label: L('Les réseaux sociaux rendent nos clients plus fidèles.', 'Social media make our customers more loyal.') },
          { name: 'relation_advocacy', label: L('Nos clients recommandent nos produits sur les réseaux sociaux.', 'Our customers recommend our products on social media.') },
        ],
        points: AGREEMENT,
        dontKnow: DONT_KNOW,
      },
      {
        kind: 'single',
        name: 'crm_enrich',
        text: L(
          'Utilisez-vous les données issues des réseaux sociaux pour enrichir votre CRM (fichier clients) ?',
          'Do you use data from social media to enrich your CRM (customer database)?',
        ),
        options: [
          { code: 1, label: L('Oui, systématiquement', 'Yes, systematically') },
          { code: 2, label: L('Oui, de temps en temps', 'Yes, from time to time') },
          { code: 3, label: L('Non, mais c’est prévu', 'No, but it is planned') },
          { code: 4, label: L('Non', 'No') },
        ],
      },
      {
        kind: 'single',
        name: 'response_time',
        condition: USES,
        text: L(
          'En général, en combien de temps répondez-vous à un client qui vous interpelle sur un réseau social ?',
          'How quickly do you usually reply to a customer who contacts you on a social network?',
        ),
        options: [
          { code: 1, label: L('Dans l’heure', 'Within the hour') },
          { code: 2, label: L('Dans la journée', 'The same day') },
          { code: 3, label: L('Sous 48 heures', 'Within 48 hours') },
          { code: 4, label: L('Plus tard', 'Later') },
          { code: 5, label: L('Nous ne répondons pas', 'We do not reply') },
        ],
      },
    ],
  },
  {
    id: 'commerce',
    title: L('Commerce social', 'Social commerce'),
    questions: [
      {
        kind: 'single',
        name: 'social_selling',
        text: L(
          'Vendez-vous directement sur les réseaux sociaux (boutique, vente en direct, liens d’achat) ?',
          'Do you sell directly on social media (shops, live selling, shopping links)?',
        ),
        options: [
          { code: 1, label: L('Oui, régulièrement', 'Yes, regularly') },
          { code: 2, label: L('Oui, à titre d’essai', 'Yes, as a trial') },
          { code: 3, label: L('Non, mais nous y pensons', 'No, but we are considering it') },
          { code: 4, label: L('Non', 'No') },
        ],
      },
      { kind: 'single', name: 'social_ads', text: L('Achetez-vous de la publicité sur les réseaux sociaux ?', 'Do you buy advertising on social media?'), options: YES_NO },
    ],
  },
  {
    id: 'measurement',
    title: L('Mesure des résultats', 'Measuring results'),
    questions: [
      {
        kind: 'single',
        name: 'measures_results',
        text: L('Mesurez-vous les résultats de vos actions sur les réseaux sociaux ?', 'Do you measure the results of your social-media actions?'),
        options: [
          { code: 1, label: L('Oui, avec un outil dédié', 'Yes, with a dedicated tool') },
          { code: 2, label: L('Oui, à la main (tableurs)', 'Yes, by hand (spreadsheets)') },
          { code: 3, label: L('Non', 'No') },
        ],
      },
      {
        kind: 'multiple',
        name: 'kpis',
        condition: { op: 'in', question: 'measures_results', values: [1, 2] },
        text: L('Quels indicateurs suivez-vous ?', 'Which metrics do you track?'),
        options: [
          { code: 1, label: L('Nombre d’abonnés', 'Number of followers') },
          { code: 2, label: L('Engagement (réactions, partages, commentaires)', 'Engagement (reactions, shares, comments)') },
          { code: 3, label: L('Trafic vers le site', 'Traffic to the website') },
          { code: 4, label: L('Contacts commerciaux générés', 'Sales leads generated') },
          { code: 5, label: L('Ventes', 'Sales') },
          { code: 6, label: L('Satisfaction client', 'Customer satisfaction') },
          { code: 7, label: L('Part de voix face aux concurrents', 'Share of voice against competitors') },
        ],
      },
      {
        kind: 'multiple',
        name: 'measure_tools',
        condition: { op: 'equals', question: 'measures_results', value: 1 },
        text: L('Quels outils utilisez-vous pour mesurer ?', 'Which tools do you use to measure?'),
        options: [
          { code: 1, label: L('Les statistiques des réseaux eux-mêmes', 'The networks’ own statistics') },
          { code: 2, label: L('Une plateforme de gestion des réseaux sociaux', 'A social-media management platform') },
          { code: 3, label: L('Un outil d’analyse d’audience web', 'A web analytics tool') },
          { code: 4, label: L('Un outil d’écoute sociale', 'A social listening tool') },
          { code: 5, label: L('Le CRM ou un outil décisionnel', 'The CRM or a business intelligence tool') },
        ],
        other: { code: 97, label: L('Autre outil', 'Another tool'), maxLength: 120 },
      },
    ],
  },
  {
    id: 'challenges',
    title: L('Vos enjeux', 'Your challenges'),
    questions: [
      {
        kind: 'multiple',
        name: 'challenges',
        text: L('Quels sont aujourd’hui vos principaux enjeux sur les réseaux sociaux ?', 'What are your main challenges on social media today?'),
        help: L('Plusieurs réponses possibles.', 'Several answers possible.'),
        options: [
          { code: 1, label: L('Mesurer les résultats et le retour sur investissement', 'Measuring results and return on investment') },
          { code: 2, label: L('Se doter d’une approche stratégique d’ensemble', 'Building an overall strategic approach') },
          { code: 3, label: L('Exploiter les données collectées pour agir', 'Turning the data collected into action') },
          { code: 4, label: L('Coordonner les stratégies des différents services', 'Coordinating the strategies of the different departments') },
          { code: 5, label: L('Produire assez de contenus', 'Producing enough content') },
          { code: 6, label: L('Trouver ou former les compétences', 'Finding or training the skills') },
          { code: 7, label: L('Gérer les critiques et les crises', 'Handling criticism and crises') },
          { code: 8, label: L('Suivre l’évolution des plateformes', 'Keeping up with the platforms’ changes') },
          { code: 98, label: L('Aucun de ces enjeux', 'None of these') },
        ],
        exclusive: [98],
      },
    ],
  },
  {
    id: 'internal',
    title: L('Organisation interne', 'Inside the company'),
    questions: [
      {
        kind: 'matrix',
        name: 'internal',
        text: L('Et au sein de votre entreprise, êtes-vous d’accord avec ces affirmations ?', 'And inside your company, do you agree with these statements?'),
        items: [
          { name: 'internal_communication', label: L('Les réseaux sociaux ont changé notre communication interne.', 'Social media have changed our internal communication.') },
          { name: 'internal_training', label: L('Former nos collaborateurs aux réseaux sociaux est une priorité.', 'Training our staff in social media is a priority.') },
          { name: 'internal_leadership', label: L('Il est difficile d’impliquer notre direction générale.', 'It is hard to involve our executive team.') },
          { name: 'internal_advocacy', label: L('Nos collaborateurs relaient nos contenus.', 'Our staff share our content.') },
          { name: 'internal_skills', label: L('Nos équipes ont les compétences nécessaires.', 'Our teams have the skills they need.') },
        ],
        points: AGREEMENT,
        dontKnow: DONT_KNOW,
      },
      {
        kind: 'single',
        name: 'social_policy',
        text: L('Avez-vous une charte d’usage des réseaux sociaux pour vos collaborateurs ?', 'Do you have a social-media policy for your staff?'),
        options: [
          { code: 1, label: L('Oui', 'Yes') },
          { code: 2, label: L('Elle est en préparation', 'It is being prepared') },
          { code: 3, label: L('Non', 'No') },
        ],
      },
    ],
  },
  {
    id: 'outlook',
    title: L('Pour finir', 'To finish'),
    questions: [
      {
        kind: 'scale',
        name: 'outlook',
        text: L('Dans trois ans, les réseaux sociaux compteront pour votre entreprise…', 'In three years, social media will matter to your company…'),
        points: [
          { code: 1, label: L('beaucoup moins', 'much less') },
          { code: 2, label: L('un peu moins', 'a little less') },
          { code: 3, label: L('autant', 'as much') },
          { code: 4, label: L('un peu plus', 'a little more') },
          { code: 5, label: L('beaucoup plus', 'much more') },
        ],
        dontKnow: DONT_KNOW,
      },
      {
        kind: 'text',
        name: 'comments',
        required: false,
        multiline: true,
        maxLength: 2000,
        text: L('Un commentaire, une suggestion pour la prochaine édition ?', 'A comment or a suggestion for the next edition?'),
      },
    ],
  },
];
