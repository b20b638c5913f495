/**
 * Breach register pages (/breaches): every missed deadline in a period, with the reason, remedial action
 * and supervisor sign-off; and the supervisor's dip-sampling queue (/breaches/dip-samples).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../composition-root.js';
import { requireActor } from '../http/api/require-actor.js';
import { BREACH_STATES } from '../store/breaches.repository.js';
import { periodParams, periodQuery, periodRequest, recentQuarters } from './compliance.routes.js';
import { formBody, pageNumber, pagination, text, withFieldErrors } from './page-helpers.js';

const PAGE = 50;

const registerQuery = periodQuery.extend({
  state: z
    .enum(BREACH_STATES as unknown as ['needs-reason', 'awaiting-sign-off', 'signed-off'])
    .optional()
    .catch(undefined),
  page: z.string().optional(),
});

export function registerBreachPages(app: FastifyInstance, services: Services): void {
  app.get('/breaches', async (request, reply) => {
    const actor = requireActor(request);
    const q = registerQuery.parse(request.query ?? {});
    const page = pageNumber(q.page);
    const r = await services.breaches.register(actor, periodRequest(q), {
      teamId: q.team,
      ownerUserId: q.officer,
      state: q.state,
      limit: PAGE,
      offset: (page - 1) * PAGE,
    });
    const params: Record<string, string | undefined> = { ...periodParams(q), state: q.state };
    const tab = (state: string | undefined) => {
      const s = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...periodParams(q), state })) if (v) s.set(k, v);
      return `/breaches?${s.toString()}`;
    };
    return reply.renderPage('pages/breaches/register', {
      pageTitle: 'Breach register',
      r,
      q,
      quarters: recentQuarters(services.compliance.today()),
      tabs: [
        {
          text: 'Reason needed',
          state: 'needs-reason',
          count: r.counts['needs-reason'],
          href: tab('needs-reason'),
        },
        {
          text: 'Awaiting sign-off',
          state: 'awaiting-sign-off',
          count: r.counts['awaiting-sign-off'],
          href: tab('awaiting-sign-off'),
        },
        { text: 'Signed off', state: 'signed-off', count: r.counts['signed-off'], href: tab('signed-off') },
        {
          text: 'All',
          state: undefined,
          count: r.counts['needs-reason'] + r.counts['awaiting-sign-off'] + r.counts['signed-off'],
          href: tab(undefined),
        },
      ],
      pagination: pagination('/breaches', params, page, Math.max(1, Math.ceil(r.total / PAGE))),
    });
  });

  const breachForm = async (
    request: FastifyRequest,
    id: number,
    errors?: Record<string, string>,
    values?: Record<string, unknown>,
  ) => {
    const r = await services.breaches.get(requireActor(request), id);
    return { item: r.item, canSignOff: r.canSignOff, errors, values };
  };

  app.get('/breaches/dip-samples', async (request, reply) => {
    const actor = requireActor(request);
    const q = z
      .object({
        reviewed: z.enum(['yes', 'no']).optional().catch(undefined),
        page: z.string().optional(),
        drawn: z.string().optional(),
      })
      .parse(request.query ?? {});
    const page = pageNumber(q.page);
    const result = await services.breaches.queue(actor, {
      reviewed: q.reviewed === undefined ? undefined : q.reviewed === 'yes',
      limit: 25,
      offset: (page - 1) * 25,
    });
    return reply.renderPage('pages/breaches/dip-samples', {
      pageTitle: 'Dip sampling',
      result,
      quarters: recentQuarters(services.compliance.today()),
      drawn: q.drawn,
      pagination: pagination(
        '/breaches/dip-samples',
        { reviewed: q.reviewed },
        page,
        Math.max(1, Math.ceil(result.total / 25)),
      ),
    });
  });

  app.post('/breaches/dip-samples/draw', async (request, reply) => {
    const actor = requireActor(request);
    const body = formBody(request.body);
    const periodKind = text(body, 'period') === 'month' ? 'month' : 'quarter';
    const result = await withFieldErrors(() =>
      services.breaches.drawSample(actor, {
        period:
          periodKind === 'month'
            ? { kind: 'month', month: text(body, 'month') || undefined }
            : { kind: 'quarter', quarter: text(body, 'quarter') || undefined },
        size: Number.parseInt(text(body, 'size'), 10),
      }),
    );
    if (!result.ok) {
      const queue = await services.breaches.queue(actor, { limit: 25 });
      reply.code(400);
      return reply.renderPage('pages/breaches/dip-samples', {
        pageTitle: 'Dip sampling',
        result: queue,
        quarters: recentQuarters(services.compliance.today()),
        errors: result.errors,
        values: body,
      });
    }
    return reply.redirect(`/breaches/dip-samples?reviewed=no&drawn=${result.value.drawn}`, 303);
  });

  app.post('/breaches/dip-samples/:id', async (request, reply) => {
    const actor = requireActor(request);
    const id = Number.parseInt((request.params as { id: string }).id, 10);
    if (!Number.isSafeInteger(id)) return reply.renderErrorPage(404);
    const body = formBody(request.body);
    const result = await withFieldErrors(() =>
      services.breaches.review(actor, id, {
        outcome: text(body, 'outcome') as never,
        notes: text(body, 'notes'),
      }),
    );
    if (!result.ok) {
      const queue = await services.breaches.queue(actor, { limit: 25 });
      reply.code(400);
      return reply.renderPage('pages/breaches/dip-samples', {
        pageTitle: 'Dip sampling',
        result: queue,
        quarters: recentQuarters(services.compliance.today()),
        reviewErrors: { id, errors: result.errors },
        values: body,
      });
    }
    return reply.redirect('/breaches/dip-samples?reviewed=no', 303);
  });

  app.get('/breaches/:id', async (request, reply) => {
    const id = Number.parseInt((request.params as { id: string }).id, 10);
    if (!Number.isSafeInteger(id)) return reply.renderErrorPage(404);
    const ctx = await breachForm(request, id);
    const saved = (request.query as { saved?: string } | undefined)?.saved;
    return reply.renderPage('pages/breaches/breach', {
      pageTitle: 'Breach',
      ...ctx,
      saved,
      values: { reason: ctx.item.reason ?? '', remedialAction: ctx.item.remedialAction ?? '' },
    });
  });

  app.post('/breaches/:id', async (request, reply) => {
    const actor = requireActor(request);
    const id = Number.parseInt((request.params as { id: string }).id, 10);
    if (!Number.isSafeInteger(id)) return reply.renderErrorPage(404);
    const body = formBody(request.body);
    const action = text(body, 'action');
    const result = await withFieldErrors(() =>
      action === 'sign-off'
        ? services.breaches.signOff(actor, id)
        : services.breaches.record(actor, id, {
            reason: text(body, 'reason'),
            remedialAction: text(body, 'remedialAction'),
          }),
    );
    if (!result.ok) {
      const ctx = await breachForm(request, id, result.errors, body);
      reply.code(400);
      return reply.renderPage('pages/breaches/breach', { pageTitle: 'Breach', ...ctx });
    }
    return reply.redirect(`/breaches/${id}?saved=${action === 'sign-off' ? 'signed-off' : 'recorded'}`, 303);
  });
}
