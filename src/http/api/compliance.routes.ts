/**
 * Compliance over the API: the dashboard figures, the obligations behind a figure, the MoJ return, the
 * compliance dataset (CSV/XLSX) and the breach register. Thin: parse (zod) → ComplianceService /
 * BreachService (which authorise and audit) → serialize.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition-root.js';
import type { PeriodRequest } from '../../services/compliance.service.js';
import { BREACH_STATES } from '../../store/breaches.repository.js';
import { COMPLIANCE_BUCKETS } from '../../store/compliance.repository.js';
import { requireActor } from './require-actor.js';

export const periodQuery = z.object({
  period: z
    .enum(['quarter', 'month', 'custom'])
    .default('quarter')
    .describe('quarter (default: the last full one), month or custom'),
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/, 'must be like 2026-Q1')
    .optional(),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'must be like 2026-03')
    .optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .optional(),
  teamId: z.uuid().optional(),
  ownerUserId: z.uuid().optional(),
});
type PeriodQuery = z.infer<typeof periodQuery>;

function period(q: PeriodQuery): PeriodRequest {
  if (q.period === 'month') return { kind: 'month', month: q.month };
  if (q.period === 'custom') return { kind: 'custom', from: q.from, to: q.to };
  return { kind: 'quarter', quarter: q.quarter };
}

const drillQuery = periodQuery.extend({
  rule: z
    .string()
    .regex(/^OB-[A-Z-]+$/)
    .optional(),
  right: z.coerce.number().int().min(1).max(12).optional(),
  dueMonth: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  ageBand: z.enum(['under-18', '18-plus', 'unknown']).optional(),
  enhanced: z.enum(['true', 'false']).optional(),
  bucket: z
    .enum(COMPLIANCE_BUCKETS as unknown as ['met', 'met-late', 'overdue', 'open', 'not-required'])
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export function registerComplianceRoutes(
  api: ReturnType<FastifyInstance['withTypeProvider']>,
  services: Services,
): void {
  const tags = ['compliance'];
  api.get(
    '/compliance',
    {
      schema: {
        tags,
        summary:
          'Compliance figures for a period: per right, rule, team, officer, month, under-18s and enhanced victims',
        querystring: periodQuery,
      },
    },
    async (request) => {
      const q = request.query as PeriodQuery;
      const d = await services.compliance.dashboard(requireActor(request), period(q), {
        teamId: q.teamId,
        ownerUserId: q.ownerUserId,
      });
      const { charts: _charts, ...figures } = d;
      return figures;
    },
  );
  api.get(
    '/compliance/obligations',
    { schema: { tags, summary: 'The obligations behind a figure (paged)', querystring: drillQuery } },
    async (request) => {
      const q = request.query as z.infer<typeof drillQuery>;
      return services.compliance.drillDown(requireActor(request), period(q), {
        teamId: q.teamId,
        ownerUserId: q.ownerUserId,
        rule: q.rule,
        right: q.right,
        month: q.dueMonth,
        ageBand: q.ageBand,
        enhanced: q.enhanced === undefined ? undefined : q.enhanced === 'true',
        bucket: q.bucket,
        limit: q.limit,
        offset: q.offset,
      });
    },
  );
  api.get(
    '/compliance/moj-return',
    {
      schema: {
        tags,
        summary: 'The MoJ five-area quarterly return, counted per victim',
        querystring: periodQuery,
      },
    },
    async (request) => {
      const q = request.query as PeriodQuery;
      return services.compliance.mojReturn(requireActor(request), period(q), {
        teamId: q.teamId,
        ownerUserId: q.ownerUserId,
      });
    },
  );
  api.get(
    '/compliance/dataset',
    {
      schema: {
        tags,
        summary:
          'The Victims and Prisoners Act 2024 compliance dataset (one row per obligation; fields from the dataset configuration)',
        querystring: periodQuery.extend({
          format: z.enum(['csv', 'xlsx']).default('csv'),
          fields: z
            .string()
            .optional()
            .describe('comma-separated field keys (default: every configured field)'),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query as PeriodQuery & { format: 'csv' | 'xlsx'; fields?: string };
      const file = await services.compliance.exportDataset(
        requireActor(request),
        period(q),
        { teamId: q.teamId, ownerUserId: q.ownerUserId },
        q.format,
        q.fields ? q.fields.split(',').map((f) => f.trim()) : undefined,
      );
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
  api.get(
    '/breaches',
    {
      schema: {
        tags,
        summary:
          'The breach register: every obligation met late or overdue in the period, with reason, remedial action and sign-off',
        querystring: periodQuery.extend({
          state: z
            .enum(BREACH_STATES as unknown as ['needs-reason', 'awaiting-sign-off', 'signed-off'])
            .optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
          offset: z.coerce.number().int().min(0).optional(),
        }),
      },
    },
    async (request) => {
      const q = request.query as PeriodQuery & {
        state?: (typeof BREACH_STATES)[number];
        limit?: number;
        offset?: number;
      };
      return services.breaches.register(requireActor(request), period(q), {
        teamId: q.teamId,
        ownerUserId: q.ownerUserId,
        state: q.state,
        limit: q.limit,
        offset: q.offset,
      });
    },
  );
}
