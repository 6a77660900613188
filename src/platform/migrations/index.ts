import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-operators.ts';

/** Forward-only migrations, applied in name order at start and by `petrel migrate`. Never edit one that shipped. */
export const migrations: Record<string, Migration> = {
  '0001-operators': m0001,
};
