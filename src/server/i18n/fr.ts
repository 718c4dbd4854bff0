/**
 * The French wording of the interface (the default language). Write ordinary spaces: `t()` applies French
 * typography (no-break spaces before : ; ! ? %). Placeholders are `{name}`. Every key here must exist in
 * en.ts (the compiler checks it). Group keys by feature: `layout.`, `home.`, `error.`, then your feature.
 */
export const fr = {
  'product.name': 'Baromètre',
  'product.tagline': 'Baromètres d’enquête, de la collecte des réponses à la publication des résultats',

  'layout.skip': 'Aller au contenu',
  'layout.nav.label': 'Navigation principale',
  'layout.nav.home': 'Accueil',
  'layout.nav.results': 'Résultats',
  'layout.nav.whitePaper': 'Livre blanc',
  'layout.lang.label': 'Choix de la langue',
  'layout.lang.other': 'English',
  'layout.footer.about': 'Baromètre est un logiciel libre de baromètres d’enquête (licence AGPL-3.0).',
  'layout.footer.privacy': 'Vos réponses sont traitées de façon confidentielle et publiées uniquement sous forme agrégée.',

  'home.title': 'Accueil',
  'home.intro': 'Un baromètre annuel de l’usage des médias sociaux dans les entreprises françaises : adoption, relation client, e-réputation, défis et mesure du retour sur investissement.',
  'home.results.title': 'Les résultats',
  'home.results.text': 'Consultez les indicateurs de la dernière édition publiée, par thème et par profil d’entreprise.',
  'home.results.link': 'Voir les résultats',
  'home.results.none': 'Aucune édition n’est encore publiée.',
  'home.survey.title': 'Répondre au questionnaire',
  'home.survey.text': 'L’édition {wave} est en cours de collecte. Le questionnaire prend environ {minutes} minutes.',
  'home.survey.link': 'Répondre au questionnaire',
  'home.survey.none': 'Aucune collecte n’est ouverte pour le moment.',
  'home.whitePaper.title': 'Le livre blanc',
  'home.whitePaper.text': 'Téléchargez l’analyse complète de l’édition, avec ses graphiques et sa méthodologie.',
  'home.whitePaper.link': 'Télécharger le livre blanc',

  'error.back': 'Retour à l’accueil',
  'error.reference': 'Référence de l’erreur : {id}',
  'error.400.title': 'Requête invalide',
  'error.400.text': 'Les informations envoyées ne sont pas valides. Vérifiez-les puis réessayez.',
  'error.401.title': 'Connexion requise',
  'error.401.text': 'Connectez-vous pour accéder à cette page.',
  'error.403.title': 'Accès refusé',
  'error.403.text': 'Vous n’avez pas accès à cette page, ou le formulaire a expiré. Rechargez la page puis réessayez.',
  'error.404.title': 'Page introuvable',
  'error.404.text': 'Cette page n’existe pas ou a été déplacée.',
  'error.409.title': 'Conflit',
  'error.409.text': 'Cette action entre en conflit avec l’état actuel des données. Rechargez la page.',
  'error.410.title': 'Lien expiré',
  'error.410.text': 'Ce lien n’est plus valide.',
  'error.413.title': 'Envoi trop volumineux',
  'error.413.text': 'Les données envoyées dépassent la taille autorisée.',
  'error.415.title': 'Format non pris en charge',
  'error.415.text': 'Le format des données envoyées n’est pas pris en charge.',
  'error.429.title': 'Trop de requêtes',
  'error.429.text': 'Vous avez fait trop de requêtes en peu de temps. Patientez une minute puis réessayez.',
  'error.500.title': 'Erreur du serveur',
  'error.500.text': 'Une erreur inattendue s’est produite. Elle a été enregistrée ; réessayez dans un instant.',
  'error.503.title': 'Service indisponible',
  'error.503.text': 'Le service est momentanément indisponible. Réessayez dans un instant.',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof fr;
export type Messages = Readonly<Record<MessageKey, string>>;
