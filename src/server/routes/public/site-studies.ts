import { getWaveResults } from '../../../analysis/results-cache.js';
import type { WaveResults } from '../../../analysis/wave-results-types.js';
import { waveStudy } from '../../../analysis/wave-study.js';
import type { Lang } from '../../../report/format/lang.js';
import type { JsonValue, Store, Wave } from '../../../store/index.js';
import { contentLanguage, labelIn } from '../../../study/index.js';
import { isOpen } from '../respond/resolve-access.js';
import { publishedWaves } from './published-results.js';

/** One figure of a study's card: a whole-sample estimate with its margin of error and base. */
export interface HeadlineFigure {
  readonly indicator: string;
  readonly label: string;
  readonly estimate: number;
  /** half-width of the interval */
  readonly marginOfError: number;
  /** the 95 % interval itself (asymmetric near 0 or 1: printed as −/+ margins then) */
  readonly ci: readonly [number, number];
  readonly n: number;
}

/** What names a study on the site, in the study language chosen for the page. */
export interface StudyWords {
  readonly studyId: string;
  readonly title: string;
  readonly description?: string;
  /** the BCP 47 tag of these texts (the page's language when the study has it) */
  readonly lang: string;
}

export interface PublishedStudy extends StudyWords {
  /** the latest published wave (the one the dashboard and the white paper open on) */
  readonly wave: { readonly code: string; readonly title: string; readonly publishedAt: string | null };
  /** complete, kept responses of that wave (null when its results could not be computed) */
  readonly n: number | null;
  readonly headlines: readonly HeadlineFigure[];
}

export interface FieldworkStudy extends StudyWords {
  readonly wave: { readonly id: number; readonly title: string };
  readonly minutes: number;
  /** whether the questionnaire takes answers now (else the wave is in fieldwork outside its dates) */
  readonly open: boolean;
}

export interface SiteStudies {
  /** newest publication first */
  readonly published: readonly PublishedStudy[];
  /** newest opening first */
  readonly fieldwork: readonly FieldworkStudy[];
}

/** Told about a study whose document or results could not be read (the page shows what it can). */
export type ErrorHook = (studyId: string, error: unknown) => void;

/** How many headline figures a study's card shows at most. */
export const HEADLINE_COUNT = 3;

const field = (document: JsonValue | undefined, name: string): JsonValue | undefined =>
  document && typeof document === 'object' && !Array.isArray(document) ? document[name] : undefined;
const text = (label: JsonValue | undefined, lang: string): string | undefined => {
  const value = field(label, lang) ?? (label && typeof label === 'object' && !Array.isArray(label) ? Object.values(label)[0] : undefined);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/**
 * The words of a wave's study for a page in `lang`. A stored document that no longer validates still gets
 * its title read leniently (then the study id), so one broken study never takes the site's pages down.
 */
async function studyWords(store: Store, wave: Wave, lang: Lang, onError: ErrorHook): Promise<StudyWords & { minutes: number }> {
  try {
    const study = await waveStudy(store, wave);
    const tag = contentLanguage(study, lang);
    return { studyId: wave.studyId, title: labelIn(study.title, tag), description: labelIn(study.description, tag), lang: tag, minutes: study.estimatedMinutes };
  } catch (error) {
    onError(wave.studyId, error);
    const document = (await store.studies.getVersionById(wave.studyVersionId))?.document;
    const languages = field(document, 'languages');
    const tag = Array.isArray(languages) && !languages.includes(lang) && typeof languages[0] === 'string' ? languages[0] : lang;
    const minutes = field(document, 'estimatedMinutes');
    return {
      studyId: wave.studyId,
      title: text(field(document, 'title'), tag) ?? wave.studyId,
      description: text(field(document, 'description'), tag),
      lang: tag,
      minutes: typeof minutes === 'number' ? minutes : 10,
    };
  }
}

/**
 * The headline figures of a wave: the first measured indicator of each theme in the study's order (the
 * study author puts a theme's main figure first), then the next measured ones, `count` at most.
 */
export function headlineFigures(results: WaveResults, lang: string, count = HEADLINE_COUNT): HeadlineFigure[] {
  const measured = results.indicators.filter((i) => i.estimate !== null && i.ci !== null);
  const themes = new Set<string>();
  const chosen = measured.filter((i) => !themes.has(i.theme) && themes.add(i.theme)).slice(0, count);
  for (const i of measured) if (chosen.length < count && !chosen.includes(i)) chosen.push(i);
  return chosen.map((i) => ({
    indicator: i.id,
    label: labelIn(i.label, lang),
    estimate: i.estimate!,
    marginOfError: (i.ci![1] - i.ci![0]) / 2,
    ci: i.ci!,
    n: i.n,
  }));
}

/** The ids of the studies with at least one published wave, by study id. */
export async function publishedStudyIds(store: Store): Promise<string[]> {
  const waves = await store.waves.list();
  return [...new Set(waves.filter((w) => w.status === 'published').map((w) => w.studyId))].sort();
}

const newestFirst = (a: string | null, b: string | null) => ((a ?? '') < (b ?? '') ? 1 : (a ?? '') > (b ?? '') ? -1 : 0);

/**
 * The studies with a published wave, newest publication first: each with its latest edition and, unless
 * `figures` is false, that edition's base and headline figures.
 */
export async function loadPublishedStudies(store: Store, lang: Lang, options: { onError?: ErrorHook; figures?: boolean } = {}): Promise<PublishedStudy[]> {
  const onError = options.onError ?? (() => undefined);
  const published: PublishedStudy[] = [];
  for (const studyId of await publishedStudyIds(store)) {
    const wave = (await publishedWaves(store, studyId)).at(-1)!;
    const words = await studyWords(store, wave, lang, onError);
    let results: WaveResults | undefined;
    if (options.figures !== false) {
      try {
        results = await getWaveResults(store, wave);
      } catch (error) {
        onError(studyId, error); // the card still links to the study's pages, which report the problem
      }
    }
    published.push({
      studyId,
      title: words.title,
      description: words.description,
      lang: words.lang,
      wave: { code: wave.code, title: wave.title, publishedAt: wave.publishedAt },
      n: results?.n ?? null,
      headlines: results ? headlineFigures(results, words.lang) : [],
    });
  }
  return published.sort((a, b) => newestFirst(a.wave.publishedAt, b.wave.publishedAt) || (a.studyId < b.studyId ? -1 : 1));
}

/**
 * The studies the public site shows: every study with a published wave (its latest edition and headline
 * figures), and every wave in fieldwork (open to answers or not). Each study keeps to its own card: a wave
 * in fieldwork never stands for another study's results.
 */
export async function loadSiteStudies(store: Store, lang: Lang, options: { now?: Date; onError?: ErrorHook } = {}): Promise<SiteStudies> {
  const now = options.now ?? new Date();
  const onError = options.onError ?? (() => undefined);
  const published = await loadPublishedStudies(store, lang, { onError });
  const inFieldwork = (await store.waves.list()).filter((w) => w.status === 'fieldwork');
  inFieldwork.sort((a, b) => newestFirst(a.opensAt ?? a.createdAt, b.opensAt ?? b.createdAt) || a.id - b.id);
  const fieldwork: FieldworkStudy[] = [];
  for (const wave of inFieldwork) {
    const words = await studyWords(store, wave, lang, onError);
    fieldwork.push({
      studyId: wave.studyId,
      title: words.title,
      description: words.description,
      lang: words.lang,
      wave: { id: wave.id, title: wave.title },
      minutes: words.minutes,
      open: isOpen(wave, () => now),
    });
  }
  return { published, fieldwork };
}
