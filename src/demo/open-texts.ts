import type { Prng } from './prng.js';

// Synthetic French texts for the demo's open answers: company names, comments and "other" answers.
// Every name is made up from parts; any resemblance to a real company is chance.

const NAME_FIRST = [
  'Atelier',
  'Maison',
  'Groupe',
  'Cabinet',
  'Société',
  'Laboratoires',
  'Transports',
  'Boulangerie',
  'Garage',
  'Agence',
  'Éditions',
  'Brasserie',
  'Clinique',
  'Menuiserie',
  'Studio',
  'Comptoir',
  'Institut',
  'Domaine',
  'Imprimerie',
  'Pharmacie',
];
const NAME_CORE = [
  'Durand',
  'Lefèvre',
  'Martin',
  'Bernard',
  'Moreau',
  'Girard',
  'Roux',
  'Fournier',
  'Garnier',
  'Chevalier',
  'Mercier',
  'Lambert',
  'Bonnet',
  'Faure',
  'Rousseau',
  'Blanchard',
  'Perrin',
  'Morel',
  'Gauthier',
  'Marchand',
  'du Littoral',
  'des Alpes',
  'de l’Ouest',
  'Méridien',
  'Horizon',
  'Azur',
  'Armor',
  'Vauban',
  'Saint-Clair',
  'des Trois Rivières',
];
const NAME_LAST = ['', '', '', ' & Fils', ' et Associés', ' SA', ' SAS', ' Conseil', ' Industrie', ' Services', ' Distribution', ' Solutions', ' France', ' Groupe'];

/** A made-up company name, e.g. "Menuiserie Girard & Fils". */
export function companyName(prng: Prng): string {
  return `${prng.pick(NAME_FIRST)} ${prng.pick(NAME_CORE)}${prng.pick(NAME_LAST)}`;
}

/** Networks respondents name under "another network", by era (Viadeo fades, Snapchat and Twitch rise). */
export function otherNetwork(prng: Prng, year: number): string {
  const names =
    year <= 2015
      ? ['Viadeo', 'Google+', 'Snapchat', 'Tumblr', 'Vimeo', 'Dailymotion', 'Foursquare', 'Flickr']
      : ['Viadeo', 'Snapchat', 'Twitch', 'WhatsApp', 'Vimeo', 'Dailymotion', 'Medium', 'Periscope'];
  const name = prng.pick(names);
  return prng.chance(0.25) ? name.toLowerCase() : name;
}

const TOOLS = [
  'Tableau de bord maison',
  'Google Analytics et un tableur',
  'Outil de notre agence',
  'Une solution développée en interne',
  'Data Studio',
  'Rapport mensuel de l’agence',
  'Excel, à la main',
  'Outil de veille du groupe',
];

/** A measurement tool named under "another tool". */
export function otherTool(prng: Prng): string {
  return prng.pick(TOOLS);
}

const TOPICS = [
  'la publicité payante',
  'le recrutement',
  'la vidéo',
  'les influenceurs',
  'le service client',
  'les avis en ligne',
  'la marque employeur',
  'le budget',
  'la formation',
  'les outils de mesure',
  'la messagerie instantanée',
  'le e-commerce',
];
const OPENERS = ['Merci pour ce baromètre', 'Questionnaire clair', 'Enquête intéressante', 'Bonne initiative', 'Merci', 'Questionnaire un peu long', 'Très utile pour se situer'];
const BODIES = [
  'il manque une question sur {topic}',
  'nous aimerions avoir des résultats par secteur',
  'difficile de mesurer le ROI dans une petite structure',
  'nous débutons sur {topic}, les repères des autres entreprises nous aident',
  'pourriez-vous ajouter une question sur {topic} l’an prochain ?',
  'notre direction commence tout juste à s’y intéresser',
  'nous manquons de temps plus que de budget',
  'ce serait bien de comparer avec les autres pays',
  'certaines questions ne s’appliquent pas à une TPE',
  'les réponses « plutôt d’accord » ne reflètent pas toujours la nuance',
  'nous sous-traitons l’essentiel à une agence',
  'j’attends le livre blanc avec impatience',
];
const CLOSERS = ['', '', '.', ' !', '. Bonne continuation.', '. Merci d’avance pour les résultats.', ' :)'];

/** A comment or suggestion in French, built from varied parts. */
export function comment(prng: Prng): string {
  const body = prng.pick(BODIES).replace('{topic}', prng.pick(TOPICS));
  const text = prng.chance(0.6) ? `${prng.pick(OPENERS)}, ${body}` : body.charAt(0).toUpperCase() + body.slice(1);
  const closer = prng.pick(CLOSERS);
  return text.endsWith('?') ? text : text + (closer === '' ? '.' : closer);
}
