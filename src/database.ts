import type { AccountsTables } from './accounts/tables.ts';

/** Every table of the platform, composed from the tables each module owns. */
export type Database = AccountsTables;
