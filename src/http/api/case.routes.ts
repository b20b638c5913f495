import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition-root.js';
import {
  contractInput,
  investigationPatchInput,
  newEventInput,
  newInvestigationInput,
  newPersonInput,
  personPatchInput,
} from '../../services/case.schemas.js';
import { requireActor } from './require-actor.js';

const idParams = z.object({ id: z.uuid({ error: 'must be a record id (uuid)' }) });
const readQuery = z.object({ reason: z.string().max(500).optional() });

export function registerCaseRoutes(
  api: ReturnType<FastifyInstance['withTypeProvider']>,
  services: Services,
): void {
  const tags = ['investigations'];
  api.post(
    '/investigations',
    { schema: { tags, summary: 'Create an investigation', body: newInvestigationInput } },
    async (request, reply) => {
      const inv = await services.cases.createInvestigation(
        requireActor(request),
        request.body as z.infer<typeof newInvestigationInput>,
      );
      return reply.code(201).header('location', `/api/v1/investigations/${inv.id}`).send(inv);
    },
  );
  api.get(
    '/investigations',
    {
      schema: {
        tags,
        summary: 'Search by URN or name',
        querystring: z.object({
          q: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
          offset: z.coerce.number().int().min(0).optional(),
        }),
      },
    },
    async (request) =>
      services.cases.search(
        requireActor(request),
        request.query as { q?: string; limit?: number; offset?: number },
      ),
  );
  api.get(
    '/investigations/:id',
    {
      schema: {
        tags,
        summary: 'An investigation: people, events, obligations, findings, eligibility',
        params: idParams,
        querystring: readQuery,
      },
    },
    async (request) => {
      const { id } = request.params as z.infer<typeof idParams>;
      const view = await services.cases.getCase(
        requireActor(request),
        id,
        (request.query as z.infer<typeof readQuery>).reason ?? null,
      );
      const { history: _history, evaluation, ...rest } = view;
      return { ...rest, eligibility: evaluation.people };
    },
  );
  api.patch(
    '/investigations/:id',
    {
      schema: {
        tags,
        summary: 'Change OIC, team, restriction or plea (optimistic concurrency)',
        params: idParams,
        body: investigationPatchInput,
      },
    },
    async (request) =>
      services.cases.updateInvestigation(
        requireActor(request),
        (request.params as z.infer<typeof idParams>).id,
        request.body as z.infer<typeof investigationPatchInput>,
      ),
  );
  api.post(
    '/investigations/:id/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Add a victim or witness',
        params: idParams,
        body: newPersonInput,
      },
    },
    async (request, reply) => {
      const person = await services.cases.addPerson(
        requireActor(request),
        (request.params as z.infer<typeof idParams>).id,
        request.body as z.infer<typeof newPersonInput>,
      );
      return reply.code(201).header('location', `/api/v1/people/${person.id}`).send(person);
    },
  );
  api.get(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'A person with contract and eligibility decisions',
        params: idParams,
        querystring: readQuery,
      },
    },
    async (request) => {
      const { person } = await services.cases.getPerson(
        requireActor(request),
        (request.params as z.infer<typeof idParams>).id,
        (request.query as z.infer<typeof readQuery>).reason ?? null,
      );
      return person;
    },
  );
  api.patch(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: "Change a person's details",
        params: idParams,
        body: personPatchInput,
      },
    },
    async (request) =>
      services.cases.updatePerson(
        requireActor(request),
        (request.params as z.infer<typeof idParams>).id,
        request.body as z.infer<typeof personPatchInput>,
      ),
  );
  api.put(
    '/people/:id/contract',
    {
      schema: { tags: ['people'], summary: 'Set the victim contract', params: idParams, body: contractInput },
    },
    async (request) =>
      services.cases.updateContract(
        requireActor(request),
        (request.params as z.infer<typeof idParams>).id,
        request.body as z.infer<typeof contractInput>,
      ),
  );
  api.post(
    '/investigations/:id/events',
    {
      schema: {
        tags: ['events'],
        summary:
          'Record an event (contact, suspect event, assessment, referral …) in the case-history format',
        params: idParams,
        body: newEventInput,
      },
    },
    async (request, reply) => {
      const recorded = await services.cases.recordEvent(
        requireActor(request),
        (request.params as z.infer<typeof idParams>).id,
        request.body as z.infer<typeof newEventInput>,
      );
      return reply.code(201).send(recorded);
    },
  );
}
