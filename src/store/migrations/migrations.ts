/**
 * The migration list, static so it works from a bundle and never depends on the file system. Names are
 * timestamps (`YYYYMMDDNN_what`); append a new entry for every new migration, never edit an old one.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026112801_initial.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026112801_initial': initial,
};

export const staticMigrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};

