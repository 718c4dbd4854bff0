import type { Selectable } from 'kysely';
import { AppError } from '../../app-error.js';
import { isUniqueViolation } from '../constraint-violation.js';
import type { UserRole, UsersTable } from '../schema.js';
import type { StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';

export interface User {
  readonly id: number;
  readonly email: string;
  readonly passwordHash: string;
  readonly role: UserRole;
  readonly createdAt: string;
  readonly disabled: boolean;
  /** true once a TOTP second factor is confirmed: login then asks for a code */
  readonly totpEnabled: boolean;
}

/** A user's TOTP state: the encrypted secret, whether it is confirmed, the last step accepted. */
export interface UserTotp {
  readonly encryptedSecret: string;
  readonly enabled: boolean;
  readonly lastStep: number | null;
}

const toUser = ({ totpSecret, totpEnabledAt, totpLastStep, ...row }: Selectable<UsersTable>): User =>
  Object.freeze({ ...row, disabled: row.disabled === 1, totpEnabled: totpSecret !== null && totpEnabledAt !== null });

/** Back-office accounts. E-mails are stored as given; callers normalise them (lower case) first. */
export function createUsersRepository({ db }: StoreContext) {
  return {
    /** Throws AppError CONFLICT when the e-mail is taken. */
    async create(input: { email: string; passwordHash: string; role: UserRole }, now = new Date()): Promise<User> {
      try {
        const row = await db
          .insertInto('users')
          .values({ ...input, createdAt: isoTime(now), disabled: 0, totpSecret: null, totpEnabledAt: null, totpLastStep: null })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toUser(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', `a user ${input.email} already exists`, { email: input.email });
        throw error;
      }
    },

    async get(id: number): Promise<User | undefined> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },

    async getByEmail(email: string): Promise<User | undefined> {
      const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      return row && toUser(row);
    },

    async list(): Promise<User[]> {
      return (await db.selectFrom('users').selectAll().orderBy('id').execute()).map(toUser);
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async setRole(id: number, role: UserRole): Promise<void> {
      await db.updateTable('users').set({ role }).where('id', '=', id).execute();
    },

    async setPasswordHash(id: number, passwordHash: string): Promise<void> {
      await db.updateTable('users').set({ passwordHash }).where('id', '=', id).execute();
    },

    async setDisabled(id: number, disabled: boolean): Promise<void> {
      await db
        .updateTable('users')
        .set({ disabled: disabled ? 1 : 0 })
        .where('id', '=', id)
        .execute();
    },

    async getTotp(id: number): Promise<UserTotp | undefined> {
      const row = await db.selectFrom('users').select(['totpSecret', 'totpEnabledAt', 'totpLastStep']).where('id', '=', id).executeTakeFirst();
      if (!row?.totpSecret) return undefined;
      return Object.freeze({ encryptedSecret: row.totpSecret, enabled: row.totpEnabledAt !== null, lastStep: row.totpLastStep === null ? null : Number(row.totpLastStep) });
    },

    /** Starts (or restarts) an enrolment: the new secret is kept, unconfirmed, and any confirmed one is replaced. */
    async startTotp(id: number, encryptedSecret: string): Promise<void> {
      await db.updateTable('users').set({ totpSecret: encryptedSecret, totpEnabledAt: null, totpLastStep: null }).where('id', '=', id).execute();
    },

    /**
     * Accepts a verified code's time step once: true when `step` is later than the last one accepted (so a
     * code cannot be replayed, even on another node); `confirm` also marks a pending enrolment as confirmed.
     */
    async acceptTotpStep(id: number, step: number, confirm: boolean, now = new Date()): Promise<boolean> {
      const result = await db
        .updateTable('users')
        .set(confirm ? { totpLastStep: step, totpEnabledAt: isoTime(now) } : { totpLastStep: step })
        .where('id', '=', id)
        .where('totpSecret', 'is not', null)
        .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Removes the second factor (the owner's choice, or `barometre user reset-totp` for a lost device). */
    async clearTotp(id: number): Promise<void> {
      await db.updateTable('users').set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where('id', '=', id).execute();
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
