import { AppError } from '../../app-error.js';
import type { ContactsCopy, JsonValue, Store, Wave } from '../../store/index.js';
import { findQuestion, marginQuestions, questionCodes, type Study } from '../../study/index.js';
import { readPopulationTargets, type PopulationTargets } from '../population-targets.js';
import { readQuotas, type Quotas } from './quotas.js';

/** A weighting target or a quota of the earlier wave that the new wave's study version cannot hold. */
export interface DroppedSetting {
  readonly kind: 'target' | 'quota';
  readonly variable: string;
  /** the answer code (null: the whole variable is gone) */
  readonly code: number | null;
  /** `variable`: no such question (or, for a target, not a weighting margin); `code`: no such answer code */
  readonly reason: 'variable' | 'code';
}

/** What the new wave takes over from the earlier one, checked against its study version. */
export interface CarriedSettings {
  readonly kind: 'carried-settings';
  readonly populationTargets: PopulationTargets | null;
  readonly quotas: Quotas | null;
  /** the wave-level settings as they are (bases of the results, …) */
  readonly settings: JsonValue;
  readonly dropped: readonly DroppedSetting[];
}

/**
 * The weighting targets (margins, source, weight bounds), quotas and settings of `source`, kept where the
 * study version `study` still has the variable and the code: a target on a variable that is no longer a
 * weighting margin, or a quota on a question that is gone, or on a code its question no longer has, is
 * listed in `dropped`, never copied silently. A margin left with no level is dropped whole. The weighting
 * run, responses, invitations and publication belong to the earlier wave and are not carried.
 */
export function carriedSettings(source: Wave, study: Study): CarriedSettings {
  const dropped: DroppedSetting[] = [];
  const margins = new Map(marginQuestions(study).map((q) => [q.name, new Set(q.options.map((o) => o.code))]));
  const targets = readPopulationTargets(source.populationTargets);
  const keptMargins = targets.margins.flatMap((margin) => {
    const codes = margins.get(margin.variable);
    if (!codes) {
      dropped.push({ kind: 'target', variable: margin.variable, code: null, reason: 'variable' });
      return [];
    }
    const levels = margin.targets.filter((level) => {
      if (codes.has(level.code)) return true;
      dropped.push({ kind: 'target', variable: margin.variable, code: level.code, reason: 'code' });
      return false;
    });
    return levels.length > 0 ? [{ variable: margin.variable, targets: levels }] : [];
  });
  const quotas = readQuotas(source.quotas);
  const keptSegments = quotas.segments.filter((segment) => {
    const question = findQuestion(study, segment.variable);
    if (!question) {
      dropped.push({ kind: 'quota', variable: segment.variable, code: segment.code, reason: 'variable' });
      return false;
    }
    if (!questionCodes(question).includes(segment.code)) {
      dropped.push({ kind: 'quota', variable: segment.variable, code: segment.code, reason: 'code' });
      return false;
    }
    return true;
  });
  const hadTargets = source.populationTargets !== null;
  return Object.freeze({
    kind: 'carried-settings',
    populationTargets: hadTargets ? { ...targets, margins: keptMargins } : null,
    quotas: source.quotas !== null ? { segments: keptSegments } : null,
    settings: source.settings,
    dropped: Object.freeze(dropped.map((d) => Object.freeze(d))),
  });
}

/** The new wave's own fields, from the form. */
export interface NextWaveInput {
  readonly code: string;
  readonly title: string;
  readonly opensAt: string | null;
  readonly closesAt: string | null;
  readonly seriesOrder: number | null;
  readonly studyVersionId: number;
  readonly copyContacts: boolean;
}

/** What was created: the new wave, what it took over and, when asked, the contacts copied and left out. */
export interface NextWave {
  readonly kind: 'next-wave';
  readonly wave: Wave;
  readonly carried: CarriedSettings;
  readonly contacts: ContactsCopy | null;
}

/**
 * Creates a draft wave of `source`'s study from `source`: its settings, weighting targets and quotas (as
 * `carriedSettings` keeps them for `study`, the version `input.studyVersionId`), and its contacts when
 * asked. One transaction with the audit-log entry (`wave.createFrom`, with the counts): on any error nothing
 * is written. @throws AppError CONFLICT when the study already has a wave with this code.
 */
export async function createNextWave(store: Store, source: Wave, study: Study, input: NextWaveInput, userId: number | null, now = new Date()): Promise<NextWave> {
  if (study.id !== source.studyId) throw new AppError('INVALID_INPUT', `studyVersion: study ${study.id} is not the study of wave ${source.code}`);
  const carried = carriedSettings(source, study);
  return store.transaction(async (tx) => {
    const wave = await tx.waves.create(
      {
        studyId: source.studyId,
        code: input.code,
        studyVersionId: input.studyVersionId,
        title: input.title,
        status: 'draft',
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        seriesOrder: input.seriesOrder,
        populationTargets: carried.populationTargets as JsonValue,
        quotas: carried.quotas as JsonValue,
        weighting: null,
        settings: carried.settings,
      },
      now,
    );
    const contacts = input.copyContacts ? await tx.contacts.copyToWave({ fromWaveId: source.id, toWaveId: wave.id, studyId: source.studyId }, now) : null;
    await tx.auditLog.append(
      {
        userId,
        action: 'wave.createFrom',
        target: `wave:${wave.id}`,
        details: {
          from: source.id,
          code: wave.code,
          studyVersionId: input.studyVersionId,
          margins: carried.populationTargets?.margins.length ?? 0,
          quotas: carried.quotas?.segments.length ?? 0,
          dropped: carried.dropped.map((d) => ({ ...d })),
          contacts: contacts ? { copied: contacts.copied, ...contacts.leftOut } : null,
        },
      },
      now,
    );
    return Object.freeze({ kind: 'next-wave', wave, carried, contacts });
  });
}

const addMonths = (iso: string, months: number): string => {
  const date = new Date(iso);
  const day = date.getUTCDate();
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
};

/**
 * Suggested fieldwork dates for the wave after `source`: its dates moved by one period, the period being
 * the whole number of months between the previous wave's opening (in series order, `studyWaves` sorted by
 * `compareWaves`) and `source`'s. Undefined when either has no opening date or they are less than a month
 * apart: the form then leaves the dates empty.
 */
export function suggestNextDates(source: Wave, studyWaves: readonly Wave[]): { opensAt: string; closesAt: string | null; months: number } | undefined {
  const index = studyWaves.findIndex((w) => w.id === source.id);
  const previous = index > 0 ? studyWaves[index - 1] : undefined;
  if (!source.opensAt || !previous?.opensAt) return undefined;
  const from = new Date(previous.opensAt);
  const to = new Date(source.opensAt);
  const months = Math.round((to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth()) + (to.getUTCDate() - from.getUTCDate()) / 30);
  if (months < 1) return undefined;
  return { opensAt: addMonths(source.opensAt, months), closesAt: source.closesAt ? addMonths(source.closesAt, months) : null, months };
}
