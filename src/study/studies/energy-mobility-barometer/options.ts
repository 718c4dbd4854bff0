import type { Label } from '../../label.js';

/** A label in French, English and German (French typography is applied when the study is built). */
export const L = (fr: string, en: string, de: string): Label => ({ fr, en, de });

/** 4-point agreement scale, low to high. */
export const AGREEMENT = [
  { code: 1, label: L('Pas du tout d’accord', 'Strongly disagree', 'Stimme überhaupt nicht zu') },
  { code: 2, label: L('Plutôt pas d’accord', 'Tend to disagree', 'Stimme eher nicht zu') },
  { code: 3, label: L('Plutôt d’accord', 'Tend to agree', 'Stimme eher zu') },
  { code: 4, label: L('Tout à fait d’accord', 'Strongly agree', 'Stimme voll und ganz zu') },
];
export const AGREE = [3, 4];
export const DONT_KNOW = { code: 9, label: L('Ne sait pas', 'Don’t know', 'Weiß nicht') };

export const YES_NO = [
  { code: 1, label: L('Oui', 'Yes', 'Ja') },
  { code: 2, label: L('Non', 'No', 'Nein') },
];

/** Age bands of adults, as population statistics publish them. */
export const AGE_BANDS = [
  { code: 1, label: L('18 à 24 ans', '18 to 24', '18 bis 24 Jahre') },
  { code: 2, label: L('25 à 34 ans', '25 to 34', '25 bis 34 Jahre') },
  { code: 3, label: L('35 à 49 ans', '35 to 49', '35 bis 49 Jahre') },
  { code: 4, label: L('50 à 64 ans', '50 to 64', '50 bis 64 Jahre') },
  { code: 5, label: L('65 ans ou plus', '65 or older', '65 Jahre oder älter') },
];

/** Sex as recorded in the civil register, the variable population counts are published by. */
export const SEXES = [
  { code: 1, label: L('Femme', 'Woman', 'Frau') },
  { code: 2, label: L('Homme', 'Man', 'Mann') },
];

/** Groups of regions of residence (metropolitan France in five groups, and overseas). */
export const REGIONS = [
  { code: 1, label: L('Île-de-France', 'Paris region (Île-de-France)', 'Großraum Paris (Île-de-France)') },
  { code: 2, label: L('Nord et Est', 'North and East', 'Norden und Osten') },
  { code: 3, label: L('Ouest et Centre', 'West and Centre', 'Westen und Mitte') },
  { code: 4, label: L('Sud-Ouest', 'South-West', 'Südwesten') },
  { code: 5, label: L('Sud-Est', 'South-East', 'Südosten') },
  { code: 6, label: L('Outre-mer', 'Overseas', 'Überseegebiete') },
];

export const AREAS = [
  { code: 1, label: L('Une grande ville', 'A large city', 'In einer Großstadt') },
  { code: 2, label: L('La banlieue d’une grande ville', 'The suburbs of a large city', 'Im Vorort einer Großstadt') },
  { code: 3, label: L('Une petite ville ou une ville moyenne', 'A small or medium-sized town', 'In einer Klein- oder Mittelstadt') },
  { code: 4, label: L('Un village ou la campagne', 'A village or the countryside', 'In einem Dorf oder auf dem Land') },
];

export const TENURES = [
  { code: 1, label: L('Propriétaire', 'Owner', 'Eigentümer/in') },
  { code: 2, label: L('Locataire', 'Tenant', 'Mieter/in') },
  { code: 3, label: L('Logé gratuitement ou autre situation', 'Housed free of charge or another situation', 'Kostenlos untergebracht oder andere Situation') },
];

export const HEATING = [
  { code: 1, label: L('Électricité (radiateurs)', 'Electricity (radiators)', 'Strom (Heizkörper)') },
  { code: 2, label: L('Gaz', 'Gas', 'Gas') },
  { code: 3, label: L('Fioul', 'Heating oil', 'Heizöl') },
  { code: 4, label: L('Bois ou granulés', 'Wood or pellets', 'Holz oder Pellets') },
  { code: 5, label: L('Pompe à chaleur', 'Heat pump', 'Wärmepumpe') },
  { code: 6, label: L('Réseau de chaleur urbain', 'District heating', 'Fernwärme') },
];
export const OTHER_HEATING = { code: 97, label: L('Une autre énergie', 'Another source', 'Eine andere Energiequelle'), maxLength: 80 };

export const WORRY = [
  { code: 1, label: L('Pas du tout', 'Not at all', 'Überhaupt nicht') },
  { code: 2, label: L('Un peu', 'A little', 'Ein wenig') },
  { code: 3, label: L('Assez', 'Quite a lot', 'Ziemlich') },
  { code: 4, label: L('Beaucoup', 'A great deal', 'Sehr') },
];

export const SAVINGS = [
  { code: 1, label: L('Baisser le chauffage', 'Turning the heating down', 'Die Heizung herunterdrehen') },
  { code: 2, label: L('Éteindre les appareils en veille', 'Switching off appliances on standby', 'Geräte im Stand-by-Betrieb ausschalten') },
  { code: 3, label: L('Faire des travaux d’isolation', 'Insulating the home', 'Die Wohnung dämmen lassen') },
  { code: 4, label: L('Changer de fournisseur ou de contrat', 'Changing supplier or contract', 'Anbieter oder Tarif wechseln') },
  { code: 5, label: L('Installer des panneaux solaires', 'Installing solar panels', 'Solarmodule installieren') },
  { code: 98, label: L('Rien de tout cela', 'None of these', 'Nichts davon') },
];

export const RENOVATION = [
  { code: 1, label: L('Oui, dans les douze prochains mois', 'Yes, within the next twelve months', 'Ja, in den nächsten zwölf Monaten') },
  { code: 2, label: L('Oui, plus tard', 'Yes, later', 'Ja, später') },
  { code: 3, label: L('Non, aucun projet', 'No, no plans', 'Nein, keine Pläne') },
  { code: 4, label: L('Les travaux sont déjà faits', 'The work is already done', 'Die Arbeiten sind bereits erledigt') },
];

export const MODES = [
  { code: 1, label: L('La voiture', 'Car', 'Auto') },
  { code: 2, label: L('Les transports en commun', 'Public transport', 'Öffentliche Verkehrsmittel') },
  { code: 3, label: L('Le vélo ou la trottinette', 'Bicycle or scooter', 'Fahrrad oder Roller') },
  { code: 4, label: L('La marche', 'Walking', 'Zu Fuß') },
  { code: 5, label: L('Un deux-roues motorisé', 'Motorbike or moped', 'Motorrad oder Moped') },
];

export const FUELS = [
  { code: 1, label: L('Essence', 'Petrol', 'Benzin') },
  { code: 2, label: L('Diesel', 'Diesel', 'Diesel') },
  { code: 3, label: L('Hybride', 'Hybrid', 'Hybrid') },
  { code: 4, label: L('Électrique', 'Electric', 'Elektro') },
  { code: 5, label: L('Gaz ou autre', 'Gas or other', 'Gas oder andere') },
];

export const LIKELIHOOD = [
  { code: 1, label: L('Certainement pas', 'Certainly not', 'Sicher nicht') },
  { code: 2, label: L('Probablement pas', 'Probably not', 'Wahrscheinlich nicht') },
  { code: 3, label: L('Probablement', 'Probably', 'Wahrscheinlich') },
  { code: 4, label: L('Certainement', 'Certainly', 'Sicher') },
];

export const OUTLOOK = [
  { code: 1, label: L('Nettement moins bonne', 'Much worse', 'Deutlich schlechter') },
  { code: 2, label: L('Un peu moins bonne', 'A little worse', 'Etwas schlechter') },
  { code: 3, label: L('Identique', 'About the same', 'Etwa gleich') },
  { code: 4, label: L('Un peu meilleure', 'A little better', 'Etwas besser') },
  { code: 5, label: L('Nettement meilleure', 'Much better', 'Deutlich besser') },
];

export const PRIORITIES = [
  { code: 1, label: L('Aider à rénover les logements', 'Helping people renovate their homes', 'Hilfe bei der Sanierung von Wohnungen') },
  { code: 2, label: L('Baisser le prix de l’énergie', 'Lowering energy prices', 'Energiepreise senken') },
  { code: 3, label: L('Développer les transports en commun', 'Expanding public transport', 'Öffentlichen Verkehr ausbauen') },
  { code: 4, label: L('Aider à acheter un véhicule moins polluant', 'Helping people buy a cleaner vehicle', 'Den Kauf sauberer Fahrzeuge fördern') },
  { code: 5, label: L('Créer des pistes cyclables', 'Building cycle lanes', 'Radwege bauen') },
  { code: 6, label: L('Produire plus d’énergie renouvelable', 'Producing more renewable energy', 'Mehr erneuerbare Energie erzeugen') },
];
