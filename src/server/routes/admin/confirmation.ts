import { z } from 'zod';

/**
 * The `confirm` field of an irreversible step's form (close, publish, unpublish, erase): a required checkbox
 * whose value is `yes`. Anything else, or nothing, is not a confirmation: the route shows its page again.
 */
export const ZConfirmed = z
  .string()
  .optional()
  .transform((v) => v === 'yes');
