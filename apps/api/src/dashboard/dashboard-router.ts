/**
 * The dashboard's routes: the page and its static assets (HTML, CSS and ES modules, no build step), uPlot from
 * node_modules, and the server-sent event stream fed by the process's {@link DashboardHub}.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { DashboardHub, type DashboardHubOptions } from './dashboard-hub.js';
import { formatSseComment, formatSseEvent } from './sse.js';

const PUBLIC_DIR = join(import.meta.dirname, 'public');
const UPLOT_DIR = dirname(
  createRequire(join(import.meta.dirname, 'x.js')).resolve('uplot/dist/uPlot.iife.min.js'),
);

/** The page's security policy: its own scripts and styles only (uPlot sets inline styles from script). */
const CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

/**
 * Options of {@link dashboardRouter}: the hub's, or a hub to share.
 *
 * @example
 * const options: DashboardRouterOptions = { db: () => pool };
 */
export type DashboardRouterOptions = DashboardHubOptions & { readonly hub?: DashboardHub };

/**
 * `GET /dashboard` (the page), `/dashboard/assets/*` (its files), `/dashboard/vendor/uPlot.*` (the chart library)
 * and `GET /dashboard/events` (the stream: `snapshot` first, then `revenue`, `top-products`, `alerts`, `health`,
 * `status`; a heartbeat comment every 15 s). Every connection starts with a fresh snapshot, so a reconnect is
 * consistent whatever it missed (`Last-Event-ID` is not needed and is ignored).
 *
 * @example
 * app.use(dashboardRouter({ db: () => pool }));
 */
export function dashboardRouter(options: DashboardRouterOptions): Router {
  const hub = options.hub ?? new DashboardHub(options);
  const html = readFileSync(join(PUBLIC_DIR, 'index.html'), 'utf8');
  const router = Router();
  router.get(['/dashboard', '/dashboard/'], (_req, res) => {
    res.set('content-security-policy', CSP).set('cache-control', 'no-cache').type('html').send(html);
  });
  router.use(
    '/dashboard/assets',
    express.static(PUBLIC_DIR, { index: false, fallthrough: true, maxAge: 0, redirect: false }),
  );
  router.get(['/dashboard/vendor/uPlot.iife.min.js', '/dashboard/vendor/uPlot.min.css'], (req, res) => {
    res.sendFile(join(UPLOT_DIR, req.path.slice('/dashboard/vendor/'.length)), { maxAge: '1h' });
  });
  router.get('/dashboard/events', (req, res) => {
    options.db(); // 503 (the error handler) when no database is configured
    openStream(req, res, hub);
  });
  return router;
}

/** Starts the event stream on `res` and subscribes it until the client goes away. */
function openStream(req: Request, res: Response, hub: DashboardHub): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  let open = true;
  const unsubscribe = hub.subscribe({
    send: (event, data, id) => {
      if (open) res.write(formatSseEvent(event, data, id));
    },
    comment: (text) => {
      if (open) res.write(formatSseComment(text));
    },
    close: () => {
      open = false;
      res.end();
    },
  });
  req.on('close', () => {
    open = false;
    unsubscribe();
  });
}
