/** The audit trail over the API (administrators): who viewed a record, and whether the hash chain is intact. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition-root.js';
import { requireActor } from './require-actor.js';

export const AUDITED_RECORD_TYPES = ['investigation', 'person'] as const;

export const viewersParams = z.object({
  type: z.enum(AUDITED_RECORD_TYPES, { error: `must be one of: ${AUDITED_RECORD_TYPES.join(', ')}` }),
  id: z.uuid({ error: 'must be a record id (uuid)' }),
});

export function registerAuditRoutes(
  api: ReturnType<FastifyInstance['withTypeProvider']>,
  services: Services,
): void {
  const tags = ['audit'];
  api.get(
    '/audit/records/:type/:id/viewers',
    { schema: { tags, summary: 'Who viewed a record, when and why (newest first)', params: viewersParams } },
    async (request) => {
      const { type, id } = request.params as z.infer<typeof viewersParams>;
      return services.audit.whoViewed(requireActor(request), type, id);
    },
  );
  api.get(
    '/audit/verify',
    { schema: { tags, summary: 'Verify the audit hash chain: reports the first broken entry' } },
    async (request) => services.audit.verify(requireActor(request)),
  );
}
