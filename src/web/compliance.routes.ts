/**
 * Compliance pages: the dashboard (/compliance), the obligations behind any figure
 * (/compliance/obligations) and the downloads (CSV of each table, XLSX of all, the MoJ return, the
 * compliance dataset). Parse the query → ask the ComplianceService (which authorises and audits) → render.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Services } from '../composition-root.js';
import { requireActor } from '../http/api/require-actor.js';
import {
  EXPORT_TABLES,
  type ExportFile,
  type PeriodRequest,
  type ScopeRequest,
} from '../services/compliance.service.js';
import { ValidationFailed } from '../services/service-errors.js';
import { COMPLIANCE_BUCKETS } from '../store/compliance.repository.js';
import { pageNumber, pagination, serviceErrors } from './page-helpers.js';

export const DRILL_PAGE_SIZE = 50;

/** The period and scope a compliance or breach page is for, from its query string. */
export const periodQuery = z.object({
  period: z.enum(['quarter', 'month', 'custom']).catch('quarter'),
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/)
    .optional()
    .catch(undefined),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional()
    .catch(undefined),
  from: z.string().optional().catch(undefined),
  to: z.string().optional().catch(undefined),
  team: z.uuid().optional().catch(undefined),
  officer: z.uuid().optional().catch(undefined),
});
type PeriodQuery = z.infer<typeof periodQuery>;

const drillQuery = periodQuery.extend({
  rule: z
    .string()
    .regex(/^OB-[A-Z-]+$/)
    .optional()
    .catch(undefined),
  right: z.coerce.number().int().min(1).max(12).optional().catch(undefined),
  month_of: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional()
    .catch(undefined),
  age: z.enum(['under-18', '18-plus', 'unknown']).optional().catch(undefined),
  enhanced: z.enum(['true', 'false']).optional().catch(undefined),
  bucket: z
    .enum(COMPLIANCE_BUCKETS as unknown as ['met', 'met-late', 'overdue', 'open', 'not-required'])
    .optional()
    .catch(undefined),
  page: z.string().optional(),
});

export function periodRequest(q: PeriodQuery): PeriodRequest {
  if (q.period === 'month') return { kind: 'month', month: q.month };
  if (q.period === 'custom') return { kind: 'custom', from: q.from, to: q.to };
  return { kind: 'quarter', quarter: q.quarter };
}

export function scopeRequest(q: PeriodQuery): ScopeRequest {
  return { teamId: q.team, ownerUserId: q.officer };
}

/** The query string that names this period and scope, for links that keep them. */
export function periodParams(q: PeriodQuery): Record<string, string | undefined> {
  return {
    period: q.period,
    quarter: q.quarter,
    month: q.month,
    from: q.from,
    to: q.to,
    team: q.team,
    officer: q.officer,
  };
}

function href(
  path: string,
  params: Readonly<Record<string, string | number | boolean | undefined | null>>,
): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  }
  const qs = s.toString();
  return qs === '' ? path : `${path}?${qs}`;
}

/** The last eight quarters before today, newest first, for the period picker. */
export function recentQuarters(today: string): string[] {
  let y = Number(today.slice(0, 4));
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < 8; i++) {
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
    out.push(`${y}-Q${q}`);
  }
  return out;
}

async function sendFile(reply: FastifyReply, file: ExportFile): Promise<FastifyReply> {
  return reply
    .type(file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

export function registerCompliancePages(app: FastifyInstance, services: Services): void {
  app.get('/compliance', async (request, reply) => {
    const actor = requireActor(request);
    const q = periodQuery.parse(request.query ?? {});
    const params = periodParams(q);
    const today = services.compliance.today();
    try {
      const d = await services.compliance.dashboard(actor, periodRequest(q), scopeRequest(q));
      const moj = await services.compliance.mojReturn(actor, periodRequest(q), scopeRequest(q));
      return await reply.renderPage('pages/compliance/dashboard', {
        pageTitle: 'Compliance',
        d,
        moj: moj.rows,
        q,
        quarters: recentQuarters(today),
        drill: (...parts: Record<string, string | number | boolean | undefined | null>[]) =>
          href('/compliance/obligations', Object.assign({}, params, ...parts) as Record<string, string>),
        exportHref: (path: string, extra: Record<string, string | undefined> = {}) =>
          href(path, { ...params, ...extra }),
        exportTables: EXPORT_TABLES,
        datasetFields: services.compliance.datasetConfig().fields,
      });
    } catch (e) {
      if (!(e instanceof ValidationFailed)) throw e;
      reply.code(400);
      return reply.renderPage('pages/compliance/dashboard', {
        pageTitle: 'Compliance',
        errors: serviceErrors(e, { quarter: 'quarter', month: 'month', from: 'from', to: 'to' }),
        q,
        quarters: recentQuarters(today),
        d: null,
      });
    }
  });

  app.get('/compliance/obligations', async (request, reply) => {
    const actor = requireActor(request);
    const q = drillQuery.parse(request.query ?? {});
    const page = pageNumber(q.page);
    const result = await services.compliance.drillDown(actor, periodRequest(q), {
      ...scopeRequest(q),
      rule: q.rule,
      right: q.right,
      month: q.month_of,
      ageBand: q.age,
      enhanced: q.enhanced === undefined ? undefined : q.enhanced === 'true',
      bucket: q.bucket,
      limit: DRILL_PAGE_SIZE,
      offset: (page - 1) * DRILL_PAGE_SIZE,
    });
    const all = {
      ...periodParams(q),
      rule: q.rule,
      right: q.right === undefined ? undefined : String(q.right),
      month_of: q.month_of,
      age: q.age,
      enhanced: q.enhanced,
      bucket: q.bucket,
    };
    const describe: string[] = [];
    if (q.right) describe.push(`Right ${q.right}`);
    if (q.rule) describe.push(q.rule);
    if (q.bucket) {
      describe.push(
        {
          met: 'met on time',
          'met-late': 'met late',
          overdue: 'overdue',
          open: 'still open',
          'not-required': 'not required',
        }[q.bucket],
      );
    }
    if (q.month_of) describe.push(`due in ${q.month_of}`);
    if (q.age) {
      describe.push(
        {
          'under-18': 'victims under 18 at the offence',
          '18-plus': 'victims 18 or over at the offence',
          unknown: 'age not recorded',
        }[q.age],
      );
    }
    if (q.enhanced) describe.push(q.enhanced === 'true' ? 'enhanced victims' : 'victims not enhanced');
    return reply.renderPage('pages/compliance/obligations', {
      pageTitle: 'Obligations behind the figure',
      r: result,
      describe: describe.join(', ') || 'all obligations',
      back: href('/compliance', periodParams(q)),
      pagination: pagination(
        '/compliance/obligations',
        all,
        page,
        Math.max(1, Math.ceil(result.total / DRILL_PAGE_SIZE)),
      ),
    });
  });

  app.get('/compliance/export/:table', async (request, reply) => {
    const actor = requireActor(request);
    const { table } = request.params as { table: string };
    const m = /^([a-z-]+)\.(csv|xlsx)$/.exec(table);
    const name = m?.[1] as (typeof EXPORT_TABLES)[number] | 'all' | undefined;
    if (!m || !name || (name !== 'all' && !EXPORT_TABLES.includes(name))) return reply.renderErrorPage(404);
    const q = periodQuery.parse(request.query ?? {});
    const format = m[2] as 'csv' | 'xlsx';
    if (name === 'all' && format === 'csv') return reply.renderErrorPage(404);
    return sendFile(
      reply,
      await services.compliance.exportTables(
        actor,
        periodRequest(q),
        scopeRequest(q),
        format,
        name === 'all' ? undefined : name,
      ),
    );
  });

  app.get('/compliance/moj-return.:format', async (request, reply) => {
    const actor = requireActor(request);
    const { format } = request.params as { format: string };
    if (format !== 'csv' && format !== 'xlsx') return reply.renderErrorPage(404);
    const q = periodQuery.parse(request.query ?? {});
    return sendFile(
      reply,
      await services.compliance.exportMojReturn(actor, periodRequest(q), scopeRequest(q), format),
    );
  });

  app.get('/compliance/dataset.:format', async (request, reply) => {
    const actor = requireActor(request);
    const { format } = request.params as { format: string };
    if (format !== 'csv' && format !== 'xlsx') return reply.renderErrorPage(404);
    const q = periodQuery.parse(request.query ?? {});
    const raw = (request.query as Record<string, unknown> | undefined)?.['fields'];
    const fields = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).filter(
      (f): f is string => typeof f === 'string' && f !== '',
    );
    return sendFile(
      reply,
      await services.compliance.exportDataset(actor, periodRequest(q), scopeRequest(q), format, fields),
    );
  });
}
