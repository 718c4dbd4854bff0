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
}

const toUser = (row: Selectable<UsersTable>): User => Object.freeze({ ...row, disabled: row.disabled === 1 });

/** Back-office accounts. E-mails are stored as given; callers normalise them (lower case) first. */
export function createUsersRepository({ db }: StoreContext) {
  return {
    /** Throws AppError CONFLICT when the e-mail is taken. */
    async create(input: { email: string; passwordHash: string; role: UserRole }, now = new Date()): Promise<User> {
      try {
        const row = await db
          .insertInto('users')
          .values({ ...input, createdAt: isoTime(now), disabled: 0 })
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
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
