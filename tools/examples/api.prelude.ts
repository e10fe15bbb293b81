/**
 * Placeholders the TSDoc examples of apps/api use without declaring them: the app's handles and a handler's
 * arguments. Real types, so a wrong name or call shape in an example still fails `examples:check`.
 */
import type { Server } from 'node:http';
import type { Express, Request, Response } from 'express';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { ApiConfig } from '../../apps/api/src/config.js';
import type { ShutdownTarget } from '../../apps/api/src/shutdown.js';

/** The app's connection pool. */
export declare const pool: pg.Pool;
/** The Express app being assembled. */
export declare const app: Express;
/** A handler's request and response. */
export declare const req: Request;
export declare const res: Response;
/** The configuration `loadApiConfig` returned. */
export declare const config: ApiConfig;
/** The app's pino logger. */
export declare const logger: Logger;
/** The listening HTTP server. */
export declare const server: Server;
/** What the shutdown closes. */
export declare const target: ShutdownTarget;
/** An error caught by a handler. */
export declare const err: unknown;
