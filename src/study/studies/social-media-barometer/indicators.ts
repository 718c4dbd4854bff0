import type { StudyInput } from '../../study.js';
import { AGREE, L } from './options.js';

export const THEMES: StudyInput['themes'] = [
  { id: 'adoption', label: L('Adoption', 'Adoption') },
  { id: 'reputation', label: L('Réputation', 'Reputation') },
  { id: 'customer_relation', label: L('Relation client', 'Customer relations') },
  { id: 'social_commerce', label: L('Commerce social', 'Social commerce') },
  { id: 'challenges', label: L('Enjeux', 'Challenges') },
  { id: 'internal', label: L('Organisation interne', 'Inside the company') },
  { id: 'networks', label: L('Réseaux utilisés', 'Networks used') },
  { id: 'measurement', label: L('Mesure', 'Measurement') },
];

/**
 * The published indicators. The first fourteen carry the ids of the 2015 edition's figures; their
 * definitions are the one place results, dashboard, white paper and benchmark read them from.
 */
export const INDICATORS: StudyInput['indicators'] = [
  { id: 'uses_social_media', theme: 'adoption', variable: 'uses_social', yes: [1], label: L('Utilisent les réseaux sociaux', 'Use social media') },
  {
    id: 'presence_important',
    theme: 'adoption',
    variable: 'importance',
    yes: AGREE,
    label: L('Jugent la présence indispensable pour rester compétitif', 'Say presence is essential to stay competitive'),
  },
  {
    id: 'manages_ereputation',
    theme: 'reputation',
    variable: 'ereputation',
    yes: [1, 2],
    label: L('Gèrent leur réputation sur les réseaux sociaux', 'Manage their reputation on social media'),
  },
  {
    id: 'strengthens_customer_relation',
    theme: 'customer_relation',
    variable: 'relation_strengthens',
    yes: AGREE,
    label: L('Voient la relation client renforcée', 'See their customer relationship strengthened'),
  },
  {
    id: 'impacts_customer_service',
    theme: 'customer_relation',
    variable: 'relation_service',
    yes: AGREE,
    label: L('Voient un effet sur le service client', 'See an effect on customer service'),
  },
  { id: 'enriches_crm', theme: 'customer_relation', variable: 'crm_enrich', yes: [1, 2], label: L('Enrichissent leur CRM avec ces données', 'Enrich their CRM with this data') },
  { id: 'generates_sales', theme: 'social_commerce', variable: 'relation_sales', yes: AGREE, label: L('Y trouvent de nouvelles ventes', 'Find new sales there') },
  { id: 'challenge_roi', theme: 'challenges', group: 'challenges', variable: 'challenges_1', yes: [1], label: L('Mesurer les résultats et le ROI', 'Measuring results and ROI') },
  {
    id: 'challenge_strategy',
    theme: 'challenges',
    group: 'challenges',
    variable: 'challenges_2',
    yes: [1],
    label: L('Se doter d’une stratégie d’ensemble', 'Building an overall strategy'),
  },
  { id: 'challenge_data', theme: 'challenges', group: 'challenges', variable: 'challenges_3', yes: [1], label: L('Exploiter les données pour agir', 'Turning data into action') },
  { id: 'challenge_coordination', theme: 'challenges', group: 'challenges', variable: 'challenges_4', yes: [1], label: L('Coordonner les services', 'Coordinating departments') },
  {
    id: 'impacts_internal_communication',
    theme: 'internal',
    variable: 'internal_communication',
    yes: AGREE,
    label: L('Voient un effet sur la communication interne', 'See an effect on internal communication'),
  },
  { id: 'training_priority', theme: 'internal', variable: 'internal_training', yes: AGREE, label: L('Font de la formation une priorité', 'Make training a priority') },
  {
    id: 'leadership_difficulty',
    theme: 'internal',
    variable: 'internal_leadership',
    yes: AGREE,
    label: L('Peinent à impliquer la direction', 'Find it hard to involve the executive team'),
  },
  { id: 'challenge_content', theme: 'challenges', group: 'challenges', variable: 'challenges_5', yes: [1], label: L('Produire assez de contenus', 'Producing enough content') },
  {
    id: 'challenge_skills',
    theme: 'challenges',
    group: 'challenges',
    variable: 'challenges_6',
    yes: [1],
    label: L('Trouver ou former les compétences', 'Finding or training skills'),
  },
  { id: 'challenge_crisis', theme: 'challenges', group: 'challenges', variable: 'challenges_7', yes: [1], label: L('Gérer critiques et crises', 'Handling criticism and crises') },
  {
    id: 'challenge_platforms',
    theme: 'challenges',
    group: 'challenges',
    variable: 'challenges_8',
    yes: [1],
    label: L('Suivre l’évolution des plateformes', 'Keeping up with the platforms'),
  },
  { id: 'network_linkedin', theme: 'networks', group: 'networks', variable: 'networks_1', yes: [1], label: L('LinkedIn', 'LinkedIn') },
  { id: 'network_facebook', theme: 'networks', group: 'networks', variable: 'networks_2', yes: [1], label: L('Facebook', 'Facebook') },
  { id: 'network_x', theme: 'networks', group: 'networks', variable: 'networks_3', yes: [1], label: L('X (ex-Twitter)', 'X (formerly Twitter)') },
  { id: 'network_instagram', theme: 'networks', group: 'networks', variable: 'networks_4', yes: [1], label: L('Instagram', 'Instagram') },
  { id: 'network_youtube', theme: 'networks', group: 'networks', variable: 'networks_5', yes: [1], label: L('YouTube', 'YouTube') },
  { id: 'network_tiktok', theme: 'networks', group: 'networks', variable: 'networks_6', yes: [1], label: L('TikTok', 'TikTok') },
  { id: 'measures_results', theme: 'measurement', variable: 'measures_results', yes: [1, 2], label: L('Mesurent leurs résultats', 'Measure their results') },
  { id: 'measures_with_tool', theme: 'measurement', variable: 'measures_results', yes: [1], label: L('Mesurent avec un outil dédié', 'Measure with a dedicated tool') },
  { id: 'sells_on_social', theme: 'social_commerce', variable: 'social_selling', yes: [1, 2], label: L('Vendent directement sur les réseaux', 'Sell directly on social media') },
];

const AGREEMENT_SCORE = [
  { code: 1, score: 0 },
  { code: 2, score: 1 / 3 },
  { code: 3, score: 2 / 3 },
  { code: 4, score: 1 },
];
const REVERSED_AGREEMENT_SCORE = AGREEMENT_SCORE.map(({ code, score }) => ({ code, score: 1 - score }));

/** Six maturity dimensions of the benchmark (measurement and data merged), each scored 0 to 100. */
export const MATURITY: StudyInput['maturity'] = [
  {
    id: 'presence',
    label: L('Présence', 'Presence'),
    definition: L('Usage des réseaux sociaux, ancienneté et importance accordée.', 'Use of social media, how long, and how much it matters.'),
    scoring: [
      {
        variable: 'uses_social',
        scores: [
          { code: 1, score: 1 },
          { code: 2, score: 0 },
        ],
      },
      {
        variable: 'presence_years',
        scores: [
          { code: 1, score: 0.25 },
          { code: 2, score: 0.5 },
          { code: 3, score: 0.75 },
          { code: 4, score: 1 },
        ],
      },
      { variable: 'importance', scores: AGREEMENT_SCORE },
    ],
    recommendations: [
      L('Choisissez deux réseaux où se trouvent vos clients et publiez-y avec régularité.', 'Pick two networks where your customers are and post there regularly.'),
      L('Fixez un objectif écrit à votre présence : notoriété, ventes ou service.', 'Give your presence a written goal: awareness, sales or service.'),
    ],
  },
  {
    id: 'customer',
    label: L('Relation et service client', 'Customer relations and service'),
    definition: L('Gestion de la réputation, service client et rapidité de réponse.', 'Reputation management, customer service and speed of reply.'),
    scoring: [
      {
        variable: 'ereputation',
        scores: [
          { code: 1, score: 1 },
          { code: 2, score: 0.5 },
          { code: 3, score: 0 },
        ],
      },
      { variable: 'relation_service', scores: AGREEMENT_SCORE },
      {
        variable: 'response_time',
        scores: [
          { code: 1, score: 1 },
          { code: 2, score: 0.75 },
          { code: 3, score: 0.5 },
          { code: 4, score: 0.25 },
          { code: 5, score: 0 },
        ],
      },
    ],
    recommendations: [
      L('Mettez en place une veille des mentions de votre marque et un circuit de réponse.', 'Set up monitoring of your brand’s mentions and a reply workflow.'),
      L('Engagez-vous sur un délai de réponse et mesurez-le chaque mois.', 'Commit to a reply time and measure it every month.'),
    ],
  },
  {
    id: 'commerce',
    label: L('Commerce', 'Commerce'),
    definition: L('Ventes directes, publicité et ventes attribuées aux réseaux sociaux.', 'Direct sales, advertising and sales credited to social media.'),
    scoring: [
      {
        variable: 'social_selling',
        scores: [
          { code: 1, score: 1 },
          { code: 2, score: 0.6 },
          { code: 3, score: 0.2 },
          { code: 4, score: 0 },
        ],
      },
      {
        variable: 'social_ads',
        scores: [
          { code: 1, score: 1 },
          { code: 2, score: 0 },
        ],
      },
      { variable: 'relation_sales', scores: AGREEMENT_SCORE },
    ],
    recommendations: [
      L('Testez une boutique ou des liens d’achat sur votre réseau principal.', 'Try a shop or shopping links on your main network.'),
      L('Suivez les ventes issues des réseaux sociaux avec des liens tracés.', 'Track sales that come from social media with tagged links.'),
    ],
  },
  {
    id: 'measurement',
    label: L('Mesure et données', 'Measurement and data'),
    definition: L('Mesure des résultats et usage des données dans le CRM.', 'Measuring results and using the data in the CRM.'),
    scoring: [
      {
        variable: 'measures_results',
        scores: [
          { code: 1, score: 1 },
          { code: 2, score: 0.5 },
          { code: 3, score: 0 },
        ],
      },
      {
        variable: 'crm_enrich',
        scores: [
          { code: 1, score: 1 },
          { code: 2, score: 2 / 3 },
          { code: 3, score: 1 / 3 },
          { code: 4, score: 0 },
        ],
      },
    ],
    recommendations: [
      L('Choisissez trois indicateurs reliés à vos objectifs et suivez-les chaque mois.', 'Pick three metrics tied to your goals and track them monthly.'),
      L('Reliez vos comptes sociaux à votre CRM pour enrichir vos fiches clients.', 'Connect your social accounts to your CRM to enrich customer records.'),
      L('Calculez le coût d’un contact obtenu par les réseaux sociaux.', 'Work out the cost of a lead obtained through social media.'),
    ],
  },
  {
    id: 'strategy',
    label: L('Stratégie et gouvernance', 'Strategy and governance'),
    definition: L('Charte, implication de la direction et organisation.', 'Policy, executive involvement and organisation.'),
    scoring: [
      {
        variable: 'social_policy',
        scores: [
          { code: 1, score: 1 },
          { code: 2, score: 0.5 },
          { code: 3, score: 0 },
        ],
      },
      { variable: 'internal_leadership', scores: REVERSED_AGREEMENT_SCORE },
      {
        variable: 'managed_by',
        scores: [
          { code: 1, score: 1 },
          { code: 2, score: 0.5 },
          { code: 3, score: 1 },
          { code: 4, score: 0 },
        ],
      },
    ],
    recommendations: [
      L('Rédigez une charte d’usage et partagez-la avec tous les collaborateurs.', 'Write a social-media policy and share it with all staff.'),
      L('Présentez un bilan trimestriel à la direction générale.', 'Present a quarterly review to the executive team.'),
    ],
  },
  {
    id: 'internal',
    label: L('Interne et formation', 'Inside and training'),
    definition: L('Formation, compétences et relais par les collaborateurs.', 'Training, skills and staff sharing content.'),
    scoring: [
      { variable: 'internal_training', scores: AGREEMENT_SCORE },
      { variable: 'internal_skills', scores: AGREEMENT_SCORE },
      { variable: 'internal_advocacy', scores: AGREEMENT_SCORE },
    ],
    recommendations: [
      L('Proposez une formation courte aux collaborateurs qui le souhaitent.', 'Offer a short training course to staff who want it.'),
      L('Lancez un programme d’ambassadeurs parmi les collaborateurs.', 'Start an ambassador programme among your staff.'),
    ],
  },
];
