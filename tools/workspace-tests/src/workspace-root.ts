import { resolve } from 'node:path';

/** Absolute path of the repository root. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/** The publishable libraries, in dependency order. */
export const PUBLISHABLE_LIBS = ['domain', 'windowing', 'cdc', 'fraud', 'lakehouse', 'recommendations'] as const;
