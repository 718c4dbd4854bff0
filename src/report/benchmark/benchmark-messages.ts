import { frenchTypography, type Lang } from '../format/index.js';

/** The wording of the personal benchmark (page and PDF), French (typeset by `bm`) and English. */
const fr = {
  'title': 'Votre benchmark',
  'lead': 'Vos réponses comparées à celles des {n} {units} de l’édition {wave}, résultats pondérés.',
  'company': 'Au nom de : {company}',
  'size': '{peers} : {size}',
  'maturity.title': 'Votre maturité en six dimensions',
  'maturity.lead': 'Chaque score va de 0 à 100 : la moyenne des points de vos réponses dans la dimension. Les scores des {units} sont des moyennes pondérées.',
  'maturity.chart': 'Scores de maturité par dimension',
  'maturity.dimension': 'Dimension',
  'maturity.definition': 'Définition',
  'maturity.you': 'Vous',
  'maturity.all': 'Ensemble',
  'maturity.sameSize': '{peers}',
  'recommendations.title': 'Nos recommandations',
  'recommendations.lead': 'Pour vos dimensions les moins avancées :',
  'indicators.title': 'Vos réponses face au marché',
  'indicators.lead': 'Pour chaque indicateur : votre réponse, le pourcentage de l’ensemble des {units} et celui du groupe « {peers} », avec la marge d’erreur à 95 % et la base.',
  'indicators.indicator': 'Indicateur',
  'indicators.answer': 'Votre réponse',
  'indicators.all': 'Ensemble des {units}',
  'indicators.sameSize': '{peers}',
  'indicators.noAnswer': 'non concerné',
  'indicators.suppressed': 'base trop faible',
  'indicators.lowBase': 'base faible',
  'pending.title': 'Votre benchmark arrive bientôt',
  'pending.text': 'Les résultats de l’édition {wave} ne sont pas encore publiés. Votre benchmark sera disponible à cette adresse dès leur publication, prévue vers le {date}.',
  'pending.textNoDate': 'Les résultats de l’édition {wave} ne sont pas encore publiés. Votre benchmark sera disponible à cette adresse dès leur publication, quelques semaines après la clôture de l’enquête.',
  'pending.notify': 'Recevoir le lien par e-mail à la publication',
  'pending.email': 'Votre adresse e-mail',
  'pending.emailHelp': 'Elle sert uniquement à vous envoyer ce lien, puis elle est effacée.',
  'pending.submit': 'M’avertir',
  'pending.saved': 'C’est noté : nous vous enverrons le lien à la publication des résultats.',
  'pending.invalid': 'Cette adresse e-mail n’est pas valide.',
  'pdf.link': 'Télécharger mon benchmark (PDF)',
  'private': 'Ce lien est personnel : il donne accès à vos réponses. Ne le partagez pas.',
  'footer.page': 'Page {page} sur {total}',
  'meta.subject': 'Benchmark personnel, édition {wave}',
  'email.subject': 'Votre benchmark du {study} est disponible',
  'email.text': 'Bonjour,\n\nLes résultats de l’édition {wave} du {study} sont publiés. Votre benchmark personnel est disponible à cette adresse :\n\n{url}\n\nCe lien est personnel : ne le transférez pas.\n',
  'notFound.title': 'Lien introuvable',
  'notFound.text': 'Ce lien de benchmark n’existe pas ou n’est plus valide. Vérifiez qu’il est complet.',
  'units.generic': 'répondants',
  'peers.generic': 'vos pairs',
  'chart.respondent': 'Vous',
} as const;

type Key = keyof typeof fr;

const en: Record<Key, string> = {
  'title': 'Your benchmark',
  'lead': 'Your answers compared with those of the {n} {units} of the {wave} edition, weighted results.',
  'company': 'On behalf of: {company}',
  'size': '{peers}: {size}',
  'maturity.title': 'Your maturity in six dimensions',
  'maturity.lead': 'Each score runs from 0 to 100: the mean of the points of your answers in the dimension. The scores of {units} are weighted means.',
  'maturity.chart': 'Maturity scores by dimension',
  'maturity.dimension': 'Dimension',
  'maturity.definition': 'Definition',
  'maturity.you': 'You',
  'maturity.all': 'All',
  'maturity.sameSize': '{peers}',
  'recommendations.title': 'Our recommendations',
  'recommendations.lead': 'For your least advanced dimensions:',
  'indicators.title': 'Your answers against the market',
  'indicators.lead': 'For each indicator: your answer, the percentage of all {units} and of the group “{peers}”, with the 95% margin of error and the base.',
  'indicators.indicator': 'Indicator',
  'indicators.answer': 'Your answer',
  'indicators.all': 'All {units}',
  'indicators.sameSize': '{peers}',
  'indicators.noAnswer': 'not applicable',
  'indicators.suppressed': 'base too small',
  'indicators.lowBase': 'low base',
  'pending.title': 'Your benchmark is coming soon',
  'pending.text': 'The results of the {wave} edition are not published yet. Your benchmark will be at this address as soon as they are, around {date}.',
  'pending.textNoDate': 'The results of the {wave} edition are not published yet. Your benchmark will be at this address as soon as they are, a few weeks after the survey closes.',
  'pending.notify': 'Get the link by e-mail when results are published',
  'pending.email': 'Your e-mail address',
  'pending.emailHelp': 'It is only used to send you this link, then it is erased.',
  'pending.submit': 'Notify me',
  'pending.saved': 'Noted: we will send you the link when the results are published.',
  'pending.invalid': 'This e-mail address is not valid.',
  'pdf.link': 'Download my benchmark (PDF)',
  'private': 'This link is personal: it opens your answers. Do not share it.',
  'footer.page': 'Page {page} of {total}',
  'meta.subject': 'Personal benchmark, {wave} edition',
  'email.subject': 'Your benchmark of the {study} is ready',
  'email.text': 'Hello,\n\nThe results of the {wave} edition of the {study} are published. Your personal benchmark is at this address:\n\n{url}\n\nThis link is personal: please do not forward it.\n',
  'notFound.title': 'Link not found',
  'notFound.text': 'This benchmark link does not exist or is no longer valid. Check that it is complete.',
  'units.generic': 'respondents',
  'peers.generic': 'your peers',
  'chart.respondent': 'You',
};

export type BenchmarkMessageKey = Key;

/** The benchmark's text for `key`, placeholders filled (French typeset). */
export function bm(lang: Lang, key: Key, params: Readonly<Record<string, string | number>> = {}): string {
  const template = lang === 'fr' ? fr[key] : en[key];
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`bm: message "${key}" needs the parameter "${name}"`);
    return String(value);
  });
  return lang === 'fr' ? frenchTypography(text) : text;
}

/**
 * The words the study gives the benchmark's sentences, in a language: `units`, how it names respondents
 * ("entreprises", else "répondants"), and `peers`, how it names the respondent's peer group ("Les entreprises
 * de même taille", capitalised for headings; else "Vos pairs").
 */
export function benchmarkWords(model: { readonly unit: BenchmarkModelWords['unit']; readonly peers: BenchmarkModelWords['peers'] }, lang: Lang): { units: string; peers: string } {
  const units = model.unit?.[lang]?.other ?? bm(lang, 'units.generic');
  const peers = model.peers?.[lang] ?? Object.values(model.peers ?? {})[0] ?? bm(lang, 'peers.generic');
  return { units, peers: peers.charAt(0).toLocaleUpperCase(lang) + peers.slice(1) };
}

/** What `benchmarkWords` reads from a benchmark model. */
export interface BenchmarkModelWords {
  readonly unit: Readonly<Record<string, { readonly one: string; readonly other: string }>> | null;
  readonly peers: Readonly<Record<string, string>> | null;
}
