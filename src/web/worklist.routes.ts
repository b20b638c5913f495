/** The officer's home page: what I owe whom, by when. */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../composition-root.js';
import { requireActor } from '../http/api/require-actor.js';

export function registerWorklistPages(app: FastifyInstance, services: Services): void {
  app.get('/', async (request, reply) => {
    if (!request.actor) return reply.redirect('/sign-in');
    return reply.redirect(request.actor.role === 'compliance' ? '/compliance' : '/worklist');
  });
  app.get('/worklist', async (request, reply) => {
    const actor = requireActor(request);
    const list = await services.worklists.mine(actor, {});
    return reply.renderPage('pages/worklist', { pageTitle: 'My worklist', list, today: services.worklists.today() });
  });
}
