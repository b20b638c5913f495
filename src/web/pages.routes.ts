/**
 * The web application's page routes, grouped by area. Each route: parse the form or query → call a
 * service (which authorises) → render a page. Forms re-render with GOV.UK error summaries on bad input.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../composition-root.js';
import { registerAdminPages } from './admin.routes.js';
import { registerCasePages } from './case.routes.js';
import { registerBreachPages } from './breach.routes.js';
import { registerCompliancePages } from './compliance.routes.js';
import { registerHelpPages } from './help.routes.js';
import { registerLetterPages } from './letter.routes.js';
import { registerSessionPages } from './session.routes.js';
import { registerWorklistPages } from './worklist.routes.js';

export interface PageOptions {
  secureCookies: boolean;
}

export async function registerPages(
  app: FastifyInstance,
  services: Services,
  options: PageOptions,
): Promise<void> {
  registerSessionPages(app, services, options);
  registerWorklistPages(app, services);
  registerCasePages(app, services);
  registerCompliancePages(app, services);
  registerBreachPages(app, services);
  registerLetterPages(app, services);
  registerHelpPages(app, services);
  registerAdminPages(app, services);
  app.get('/accessibility', async (_request, reply) => reply.renderPage('pages/accessibility'));
  app.get('/privacy', async (_request, reply) => reply.renderPage('pages/privacy'));
}
