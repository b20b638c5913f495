// The web presentation shell: view engine, form bodies, static assets, security headers with a
// per-request CSP nonce, and `reply.renderPage(template, context)` for page routes.
//
// Registered without encapsulation (like fastify-plugin), so the decorations and headers apply to every
// route registered on the same app after it:
//
//   await app.register(webPlugin, { forceName: config.forceName });
//   app.get('/worklist', async (request, reply) => reply.renderPage('pages/worklist', { cases }));
//
// Authentication is not done here. When something earlier in the request (the auth plugin) has set
// `request.user` = { displayName, role } and a CSRF token, pages show them; see `getUser` / `getCsrfToken`.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { ASSETS_SOURCE_DIR, buildStylesheet } from './assets/build-assets.js';
import { navigation } from './navigation.js';
import { createViewEngine, GOVUK_FRONTEND_DIR, MOJ_FRONTEND_DIR } from './view-engine.js';

/** The signed-in user as pages show them. */
export interface PageUser {
  displayName: string;
  role: string;
}

export type PageContext = Record<string, unknown>;

export type ErrorPageStatus = 403 | 404 | 500;

export interface WebPluginOptions {
  /** e.g. "Kent Police" (from config) */
  forceName: string;
  /** defaults to "Victim Care" */
  serviceName?: string;
  /** where compiled CSS is cached (default node_modules/.cache/victim-care-assets) */
  assetCacheDir?: string;
  /** re-read templates on each render (development) */
  watchTemplates?: boolean;
  /** read the signed-in user; default: `request.user` when it has a string displayName and role */
  getUser?: (request: FastifyRequest) => PageUser | undefined;
  /** read the CSRF token for forms; default: `request.csrfToken` when it is a string */
  getCsrfToken?: (
    request: FastifyRequest,
    reply: FastifyReply,
  ) => string | undefined | Promise<string | undefined>;
  /**
   * Install a not-found handler and an error handler that answer with the GOV.UK-style error pages.
   * Default false: whoever owns the HTTP server decides (the JSON API wants problem documents instead).
   */
  errorPages?: boolean;
}

declare module 'fastify' {
  interface FastifyReply {
    /** the per-request nonce in this response's Content-Security-Policy script-src */
    scriptNonce: string;
    /**
     * Renders `template` (under src/web/views, ".njk" optional) with the common page context (cspNonce,
     * forceName, serviceName, user, navigation, currentPath, csrfToken) overlaid by `context`, and sends it.
     */
    renderPage(template: string, context?: PageContext): Promise<FastifyReply>;
    /** Sends the friendly error page for 403, 404 or 500 with that status. */
    renderErrorPage(statusCode: ErrorPageStatus): Promise<FastifyReply>;
  }
}

/** The script-src nonce of each response, for helmet's CSP directive function (which sees raw objects). */
const nonces = new WeakMap<ServerResponse, string>();

function nonceDirective(_req: IncomingMessage, res: ServerResponse): string {
  return `'nonce-${nonces.get(res) ?? 'missing'}'`;
}

export function defaultGetUser(request: FastifyRequest): PageUser | undefined {
  const user: unknown = (request as unknown as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return undefined;
  const { displayName, role } = user as { displayName?: unknown; role?: unknown };
  if (typeof displayName !== 'string' || typeof role !== 'string') return undefined;
  return { displayName, role };
}

export function defaultGetCsrfToken(request: FastifyRequest): string | undefined {
  const token: unknown = (request as unknown as { csrfToken?: unknown }).csrfToken;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

const ERROR_PAGES: Record<ErrorPageStatus, { title: string; kind: string }> = {
  403: { title: 'You do not have access to this record', kind: 'forbidden' },
  404: { title: 'Page not found', kind: 'not-found' },
  500: { title: 'Sorry, there is a problem with the service', kind: 'server-error' },
};

const JS_FILES: Record<string, string> = {
  'govuk-frontend.min.js': join(GOVUK_FRONTEND_DIR, 'dist', 'govuk'),
  'govuk-frontend.min.js.map': join(GOVUK_FRONTEND_DIR, 'dist', 'govuk'),
  'moj-frontend.min.js': join(MOJ_FRONTEND_DIR, 'moj'),
  'moj-frontend.min.js.map': join(MOJ_FRONTEND_DIR, 'moj'),
  'application.js': ASSETS_SOURCE_DIR,
};

const webPluginImpl: FastifyPluginAsync<WebPluginOptions> = async (app: FastifyInstance, options) => {
  const serviceName = options.serviceName ?? 'Victim Care';
  const getUser = options.getUser ?? defaultGetUser;
  const getCsrfToken = options.getCsrfToken ?? defaultGetCsrfToken;
  const env = createViewEngine({
    forceName: options.forceName,
    serviceName,
    ...(options.watchTemplates === undefined ? {} : { watch: options.watchTemplates }),
  });
  const stylesheet = await buildStylesheet(
    options.assetCacheDir === undefined ? {} : { cacheDir: options.assetCacheDir },
  );
  env.addGlobal('stylesheetUrl', `/assets/css/application.css?v=${stylesheet.version}`);

  // The nonce must exist before helmet writes the CSP header, so this hook is added before helmet's.
  app.decorateReply('scriptNonce', '');
  app.addHook('onRequest', async (_request, reply) => {
    const nonce = randomBytes(16).toString('base64');
    reply.scriptNonce = nonce;
    nonces.set(reply.raw, nonce);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", nonceDirective],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });

  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    await app.register(fastifyFormbody);
  }

  await app.register(fastifyView, {
    // @fastify/view builds its Nunjucks environment with `engine.configure()`: hand it ours.
    engine: { nunjucks: { configure: () => env } },
  });

  // Images and fonts of both frontend packages under /assets/images and /assets/fonts.
  await app.register(fastifyStatic, {
    root: [join(GOVUK_FRONTEND_DIR, 'dist', 'govuk', 'assets'), join(MOJ_FRONTEND_DIR, 'moj', 'assets')],
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    allowedPath: (pathName) => pathName.startsWith('/images/') || pathName.startsWith('/fonts/'),
  });
  // The two frontend ES module bundles and our application.js under /assets/js.
  await app.register(fastifyStatic, {
    root: [...new Set(Object.values(JS_FILES))],
    prefix: '/assets/js/',
    decorateReply: false,
    index: false,
    // Only the files listed: not the .ts and .scss sources beside application.js.
    allowedPath: (pathName) => Object.hasOwn(JS_FILES, pathName.replace(/^\//, '')),
  });

  app.get('/assets/css/application.css', async (request, reply) => {
    const query = request.query as { v?: unknown };
    reply
      .type('text/css; charset=utf-8')
      .header(
        'cache-control',
        query.v === stylesheet.version ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    return stylesheet.css;
  });
  app.get('/assets/app/favicon.svg', async (_request, reply) => {
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400');
    return readFile(join(ASSETS_SOURCE_DIR, 'favicon.svg'));
  });

  async function commonContext(request: FastifyRequest, reply: FastifyReply): Promise<PageContext> {
    const user = getUser(request);
    const currentPath = request.url.split('?', 1)[0] ?? '/';
    const csrfToken = await getCsrfToken(request, reply);
    return {
      forceName: options.forceName,
      serviceName,
      user,
      currentPath,
      navigation: navigation(user?.role, currentPath),
      ...(csrfToken === undefined ? {} : { csrfToken }),
    };
  }

  app.decorateReply(
    'renderPage',
    async function renderPage(this: FastifyReply, template: string, context: PageContext = {}) {
      const common = await commonContext(this.request, this);
      const html = await this.viewAsync(template, { ...common, ...context, cspNonce: this.scriptNonce });
      return this.type('text/html; charset=utf-8').send(html);
    },
  );

  app.decorateReply(
    'renderErrorPage',
    async function renderErrorPage(this: FastifyReply, statusCode: ErrorPageStatus) {
      const page = ERROR_PAGES[statusCode];
      this.code(statusCode).header('cache-control', 'no-store');
      return this.renderPage('pages/error', { statusCode, pageTitle: page.title, errorKind: page.kind });
    },
  );

  if (options.errorPages === true) {
    app.setNotFoundHandler(async (_request, reply) => reply.renderErrorPage(404));
    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status === 403 || status === 404) return reply.renderErrorPage(status);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ err: error }, 'request rejected');
      if (status < 500) {
        reply.code(status);
        return reply.renderPage('pages/error', {
          statusCode: status,
          pageTitle: ERROR_PAGES[500].title,
          errorKind: 'client-error',
        });
      }
      return reply.renderErrorPage(500);
    });
  }
};

// Not encapsulated: decorations, hooks and headers reach the routes registered beside it
// (what fastify-plugin does, through Fastify's documented 'skip-override' symbol).
(webPluginImpl as unknown as Record<symbol, unknown>)[Symbol.for('skip-override')] = true;
(webPluginImpl as unknown as Record<symbol, unknown>)[Symbol.for('fastify.display-name')] = 'victim-care-web';

export const webPlugin = webPluginImpl;
