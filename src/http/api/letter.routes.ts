/** Letters kept on an investigation, and the PDF as sent (an audited read). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition-root.js';
import { requireActor } from './require-actor.js';

const idParams = z.object({ id: z.uuid({ error: 'must be a record id (uuid)' }) });

export function registerLetterRoutes(
  api: ReturnType<FastifyInstance['withTypeProvider']>,
  services: Services,
): void {
  const tags = ['letters'];
  api.get(
    '/investigations/:id/letters',
    { schema: { tags, summary: 'Letters produced for the people on an investigation', params: idParams } },
    async (request) =>
      services.letters.list(requireActor(request), (request.params as z.infer<typeof idParams>).id),
  );
  api.get(
    '/letters/:id',
    { schema: { tags, summary: 'A letter as sent (application/pdf)', params: idParams } },
    async (request, reply) => {
      const pdf = await services.letters.pdf(
        requireActor(request),
        (request.params as z.infer<typeof idParams>).id,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${pdf.fileName}"`)
        .header('cache-control', 'no-store')
        .send(pdf.body);
    },
  );
}
