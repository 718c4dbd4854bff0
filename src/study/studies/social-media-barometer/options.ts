import type { Label } from '../../label.js';

/** A label in French and English (French typography is applied when the study is built). */
export const L = (fr: string, en: string): Label => ({ fr, en });

/** 4-point agreement scale, low to high, and its "don't know". */
export const AGREEMENT = [
  { code: 1, label: L('Pas du tout d’accord', 'Strongly disagree') },
  { code: 2, label: L('Plutôt pas d’accord', 'Tend to disagree') },
  { code: 3, label: L('Plutôt d’accord', 'Tend to agree') },
  { code: 4, label: L('Tout à fait d’accord', 'Strongly agree') },
];
export const DONT_KNOW = { code: 9, label: L('Ne sait pas', 'Don’t know') };
export const AGREE = [3, 4];

export const YES_NO = [
  { code: 1, label: L('Oui', 'Yes') },
  { code: 2, label: L('Non', 'No') },
];

/** Networks, with stable codes: new networks get new codes, old codes are never reused. */
export const NETWORKS = [
  { code: 1, label: L('LinkedIn', 'LinkedIn') },
  { code: 2, label: L('Facebook', 'Facebook') },
  { code: 3, label: L('X (ex-Twitter)', 'X (formerly Twitter)') },
  { code: 4, label: L('Instagram', 'Instagram') },
  { code: 5, label: L('YouTube', 'YouTube') },
  { code: 6, label: L('TikTok', 'TikTok') },
  { code: 7, label: L('Pinterest', 'Pinterest') },
];
export const OTHER_NETWORK = { code: 97, label: L('Autre réseau', 'Another network'), maxLength: 120 };

/** Company size bands (employees), as the national statistics office defines company categories. */
export const SIZE_BANDS = [
  { code: 1, label: L('Moins de 10 salariés', 'Fewer than 10 employees') },
  { code: 2, label: L('10 à 249 salariés', '10 to 249 employees') },
  { code: 3, label: L('250 à 4 999 salariés', '250 to 4,999 employees') },
  { code: 4, label: L('5 000 salariés ou plus', '5,000 employees or more') },
];

export const SECTORS = [
  { code: 1, label: L('Industrie et construction', 'Manufacturing and construction') },
  { code: 2, label: L('Commerce, transport, hébergement et restauration', 'Retail, transport, hotels and restaurants') },
  { code: 3, label: L('Information, communication, finance et assurance', 'Information, communication, finance and insurance') },
  { code: 4, label: L('Services aux entreprises', 'Business services') },
  { code: 5, label: L('Autres services (santé, enseignement, services aux particuliers)', 'Other services (health, education, personal services)') },
];

export const REGIONS = [
  { code: 1, label: L('Île-de-France', 'Paris region (Île-de-France)') },
  { code: 2, label: L('Nord et Est', 'North and East') },
  { code: 3, label: L('Ouest et Centre', 'West and Centre') },
  { code: 4, label: L('Sud-Ouest', 'South-West') },
  { code: 5, label: L('Sud-Est', 'South-East') },
  { code: 6, label: L('Outre-mer', 'Overseas') },
];

export const FUNCTIONS = [
  { code: 1, label: L('Direction générale', 'General management') },
  { code: 2, label: L('Marketing', 'Marketing') },
  { code: 3, label: L('Communication', 'Communications') },
  { code: 4, label: L('Digital ou e-commerce', 'Digital or e-commerce') },
  { code: 5, label: L('Relation client', 'Customer relations') },
  { code: 6, label: L('Autre fonction', 'Another function') },
];
