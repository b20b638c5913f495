/**
 * What is owed to whom, by when: the officer's own worklist (the home page), a supervisor's team with a
 * per-officer breakdown, the IMU and VWCU queues, and search by URN or name. One service call per page.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../composition-root.js';
import { requireActor } from '../http/api/require-actor.js';
import type {
  OfficerCounts,
  Worklist,
  WorklistBucket,
  WorklistItem,
  WorklistSort,
} from '../store/obligations.repository.js';
import { dueInWords, pageNumber, pagination } from './page-helpers.js';

export const WORKLIST_PAGE_SIZE = 25;

const BUCKET_TABS: { bucket: WorklistBucket | 'all'; text: string; count: keyof Worklist['counts'] }[] = [
  { bucket: 'overdue', text: 'Overdue', count: 'overdue' },
  { bucket: 'due-today', text: 'Due today', count: 'dueToday' },
  { bucket: 'due-this-week', text: 'Due this week', count: 'dueThisWeek' },
  { bucket: 'upcoming', text: 'Later', count: 'upcoming' },
  { bucket: 'all', text: 'All open', count: 'total' },
];

const SORT_COLUMNS: { sort: WorklistSort; text: string }[] = [
  { sort: 'person', text: 'Owed to' },
  { sort: 'urn', text: 'URN' },
  { sort: 'rule', text: 'What is owed' },
  { sort: 'due-date', text: 'Due' },
];

const worklistQuery = z.object({
  bucket: z.enum(['overdue', 'due-today', 'due-this-week', 'upcoming', 'all']).catch('all'),
  sort: z.enum(['due-date', 'urn', 'rule', 'person']).catch('due-date'),
  direction: z.enum(['asc', 'desc']).catch('asc'),
  page: z.string().optional(),
});

type Kind = 'mine' | 'team' | 'imu' | 'vwcu';

const PAGES: Record<Kind, { path: string; title: string; intro: string; empty: string }> = {
  mine: {
    path: '/worklist',
    title: 'My worklist',
    intro: 'What you owe each victim, and by when. Most urgent first.',
    empty: 'You owe nothing in this list.',
  },
  team: {
    path: '/team',
    title: 'Team worklist',
    intro: 'What your team owes victims, by officer.',
    empty: 'Your team owes nothing in this list.',
  },
  imu: {
    path: '/imu',
    title: 'IMU queue',
    intro:
      'Victim Care Cards and needs assessments the Investigation Management Unit checks (SOP 3.2.3, 3.2.4).',
    empty: 'Nothing is waiting for the IMU in this list.',
  },
  vwcu: {
    path: '/vwcu',
    title: 'VWCU queue',
    intro:
      'Hearing dates, court outcomes and Victim Contact Scheme referrals the Victim and Witness Care Unit owes victims after charge (SOP 3.3.1). Cases come to the unit when the officer in charge hands them over.',
    empty: 'Nothing is waiting for the VWCU in this list.',
  },
};

/** Where a worklist row's "why" link goes: the person's obligation (its rule, source and reasons). */
export function obligationHref(
  item: Pick<WorklistItem, 'investigationId' | 'personId' | 'rule' | 'triggerEventId'>,
): string {
  const anchor = `obligation-${item.rule}${item.triggerEventId ? `-${item.triggerEventId}` : ''}`;
  return item.personId
    ? `/people/${item.personId}#${anchor}`
    : `/investigations/${item.investigationId}#${anchor}`;
}

function sortHref(path: string, q: z.infer<typeof worklistQuery>, sort: WorklistSort): string {
  const direction = q.sort === sort && q.direction === 'asc' ? 'desc' : 'asc';
  const params = new URLSearchParams({ bucket: q.bucket, sort, direction });
  return `${path}?${params.toString()}`;
}

async function renderWorklist(services: Services, kind: Kind, request: FastifyRequest) {
  const actor = requireActor(request);
  const q = worklistQuery.parse(request.query ?? {});
  const page = pageNumber(q.page);
  const req = {
    ...(q.bucket === 'all' ? {} : { bucket: q.bucket }),
    sort: q.sort,
    direction: q.direction,
    limit: WORKLIST_PAGE_SIZE,
    offset: (page - 1) * WORKLIST_PAGE_SIZE,
  };
  let officers: OfficerCounts[] | null = null;
  let list: Worklist;
  if (kind === 'team') {
    const team = await services.worklists.team(actor, req);
    officers = team.officers;
    list = team;
  } else if (kind === 'imu') list = await services.worklists.imu(actor, req);
  else if (kind === 'vwcu') list = await services.worklists.vwcu(actor, req);
  else list = await services.worklists.mine(actor, req);
  const meta = PAGES[kind];
  const pages = Math.max(1, Math.ceil(list.total / WORKLIST_PAGE_SIZE));
  return {
    pageTitle: meta.title,
    kind,
    meta,
    query: q,
    list,
    officers,
    today: services.worklists.today(),
    tabs: BUCKET_TABS.map((t) => ({
      // fixed words and a number: nothing to escape
      html: `${t.text} <span class="app-secondary-text">(${list.counts[t.count]})</span>`,
      href: `${meta.path}?${new URLSearchParams({ bucket: t.bucket, sort: q.sort, direction: q.direction }).toString()}`,
      active: q.bucket === t.bucket,
    })),
    columns: SORT_COLUMNS.map((c) => ({
      text: c.text,
      href: sortHref(meta.path, q, c.sort),
      ariaSort: q.sort === c.sort ? (q.direction === 'asc' ? 'ascending' : 'descending') : 'none',
    })),
    rows: list.items.map((i) => ({
      ...i,
      whyHref: obligationHref(i),
      dueWords: dueInWords(i.dueDate, services.worklists.today()),
      officerName: officers
        ? (officers.find((o) => o.userId === i.ownerUserId)?.displayName ?? 'Not allocated')
        : null,
    })),
    pagination: pagination(
      meta.path,
      { bucket: q.bucket, sort: q.sort, direction: q.direction },
      page,
      pages,
    ),
    firstRow: list.total === 0 ? 0 : (page - 1) * WORKLIST_PAGE_SIZE + 1,
    lastRow: Math.min(page * WORKLIST_PAGE_SIZE, list.total),
  };
}

export function registerWorklistPages(app: FastifyInstance, services: Services): void {
  app.get('/', async (request, reply) => {
    if (!request.actor) return reply.redirect('/sign-in');
    const home: Record<string, string> = {
      compliance: '/compliance',
      imu: '/imu',
      vwcu: '/vwcu',
      admin: '/search',
    };
    return reply.redirect(home[request.actor.role] ?? '/worklist');
  });
  for (const kind of Object.keys(PAGES) as Kind[]) {
    app.get(PAGES[kind].path, async (request, reply) =>
      reply
        .header('cache-control', 'no-store')
        .renderPage('pages/worklist', await renderWorklist(services, kind, request)),
    );
  }

  app.get('/search', async (request, reply) => {
    const actor = requireActor(request);
    const query = z
      .object({ q: z.string().trim().max(200).catch(''), page: z.string().optional() })
      .parse(request.query ?? {});
    const page = pageNumber(query.page);
    const result =
      query.q === ''
        ? null
        : await services.cases.search(actor, {
            q: query.q,
            limit: WORKLIST_PAGE_SIZE,
            offset: (page - 1) * WORKLIST_PAGE_SIZE,
          });
    const pages = result ? Math.max(1, Math.ceil(result.total / WORKLIST_PAGE_SIZE)) : 1;
    return reply.header('cache-control', 'no-store').renderPage('pages/search', {
      pageTitle: query.q === '' ? 'Search' : `Search results for ${query.q}`,
      q: query.q,
      result,
      pagination: pagination('/search', { q: query.q }, page, pages),
    });
  });
}
