import type { JobDefinition } from './job.js';

/** Every job this build of the app can run. Stream jobs register here as they land. */
export const JOBS: readonly JobDefinition[] = [];
