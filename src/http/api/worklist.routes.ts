import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition-root.js';
import { WORKLIST_BUCKETS } from '../../store/obligations.repository.js';
import { requireActor } from './require-actor.js';

export const worklistQuery = z.object({
  bucket: z
    .enum(WORKLIST_BUCKETS as unknown as ['overdue', 'due-today', 'due-this-week', 'upcoming'])
    .optional(),
  sort: z.enum(['due-date', 'urn', 'rule', 'person']).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  teamId: z.uuid().optional(),
});

export function registerWorklistRoutes(
  api: ReturnType<FastifyInstance['withTypeProvider']>,
  services: Services,
): void {
  const tags = ['worklists'];
  api.get(
    '/worklists/mine',
    {
      schema: {
        tags,
        summary: 'What I owe: overdue, due today, due this week, upcoming',
        querystring: worklistQuery,
      },
    },
    async (request) =>
      services.worklists.mine(requireActor(request), request.query as z.infer<typeof worklistQuery>),
  );
  api.get(
    '/worklists/team',
    {
      schema: {
        tags,
        summary: "My team's worklist with a per-officer breakdown (supervisors)",
        querystring: worklistQuery,
      },
    },
    async (request) =>
      services.worklists.team(requireActor(request), request.query as z.infer<typeof worklistQuery>),
  );
  api.get(
    '/worklists/imu',
    {
      schema: {
        tags,
        summary: 'IMU queue: Victim Care Card and needs-assessment checks',
        querystring: worklistQuery,
      },
    },
    async (request) =>
      services.worklists.imu(requireActor(request), request.query as z.infer<typeof worklistQuery>),
  );
  api.get(
    '/worklists/vwcu',
    { schema: { tags, summary: 'VWCU queue: post-charge obligations', querystring: worklistQuery } },
    async (request) =>
      services.worklists.vwcu(requireActor(request), request.query as z.infer<typeof worklistQuery>),
  );
}
