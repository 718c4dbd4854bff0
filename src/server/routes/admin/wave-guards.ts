import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { t } from '../../../messages/index.js';
import type { Wave } from '../../../store/index.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { datesGuardView, type GuardedStep } from '../../views/admin/wave-status-view.js';

/** What is wrong with a wave's dates for taking answers now: the field to fix and why. */
export interface DateProblem {
  readonly kind: 'date-problem';
  readonly field: 'closesAt';
  readonly reason: 'past' | 'beforeOpening' | 'invalid';
  readonly closesAt: string | null;
  readonly opensAt: string | null;
}

/**
 * Why a wave opened (or mailed) now would refuse its respondents: a closing date already past, or a
 * closing date not after the opening date. Undefined when the dates let respondents in (or there are none).
 */
export function closingDateProblem(wave: Pick<Wave, 'opensAt' | 'closesAt'>, now: Date): DateProblem | undefined {
  if (wave.closesAt === null) return undefined;
  if (wave.closesAt <= now.toISOString()) return Object.freeze({ kind: 'date-problem', field: 'closesAt', reason: 'past', closesAt: wave.closesAt, opensAt: wave.opensAt });
  if (wave.opensAt !== null && wave.closesAt <= wave.opensAt) {
    return Object.freeze({ kind: 'date-problem', field: 'closesAt', reason: 'beforeOpening', closesAt: wave.closesAt, opensAt: wave.opensAt });
  }
  return undefined;
}

/** The problem of a new closing date that is not a date (the guard's form shows it again). */
export function invalidClosingDate(wave: Pick<Wave, 'opensAt' | 'closesAt'>): DateProblem {
  return Object.freeze({ kind: 'date-problem', field: 'closesAt', reason: 'invalid', closesAt: wave.closesAt, opensAt: wave.opensAt });
}

/** A new closing date from a guard's form: absent or empty (undefined), or a day (midnight UTC, as the settings store it). */
export const ZNewClosingDate = z
  .union([z.literal(''), z.iso.date()])
  .optional()
  .transform((v) => (v ? `${v}T00:00:00.000Z` : undefined));

/** The actions that change what respondents or readers see for good, and so ask for confirmation first. */
export const CONFIRMED_ACTIONS = ['close', 'publish', 'unpublish'] as const;
export type ConfirmedAction = (typeof CONFIRMED_ACTIONS)[number];
export const isConfirmedAction = (action: string): action is ConfirmedAction => (CONFIRMED_ACTIONS as readonly string[]).includes(action);

/** The dates guard page (4xx): what is wrong, naming the field, and a form that sets a new closing date and goes on. */
export function sendDatesGuard(request: FastifyRequest, reply: FastifyReply, wave: Wave, step: GuardedStep, problem: DateProblem, status: number): FastifyReply {
  return sendAdminPage(request, reply, {
    title: t(request.lang, 'admin.guard.title', { wave: wave.title }),
    wave,
    status,
    body: datesGuardView(request.lang, reply, wave, step, problem, request.server.clock()),
  });
}
