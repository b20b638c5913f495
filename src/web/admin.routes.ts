/**
 * The admin area (/admin): accounts (list, create, deactivate, reset password), API tokens (list, issue
 * with the secret shown once, revoke), teams (list, create), bank holidays (the shipped list and those
 * added here; add, remove an added one) and the audit trail (who viewed a record; verify the hash chain).
 * Each route: parse the form (zod) → one AdminService or AuditService call (they authorise, audit and
 * refuse non-administrators, which the server turns into the 403 page) → render or redirect. A rejected
 * form comes back with the GOV.UK error summary, inline errors and what was typed (never a password).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ROLES, type Actor, type Role } from '../auth/access.policy.js';
import { passwordProblems } from '../auth/passwords.js';
import type { Services } from '../composition-root.js';
import { requireActor } from '../http/api/require-actor.js';
import type { ApiTokenSummary, UserSummary } from '../services/admin.service.js';
import { Conflict, NotFound, ValidationFailed } from '../services/service-errors.js';
import type { FieldErrors } from './form-errors.js';
import { dateInput, formBody, londonNowParts, text, zodErrors, type FormBody } from './page-helpers.js';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  officer: 'Investigating officer',
  supervisor: 'Supervisor',
  imu: 'Investigation Management Unit (IMU)',
  vwcu: 'Victim and Witness Care Unit (VWCU)',
  compliance: 'Compliance lead',
  admin: 'Administrator',
};

export const AUDITED_RECORD_TYPES = ['investigation', 'person'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idParam(params: unknown, name = 'id'): string {
  const id = (params as Record<string, string | undefined>)[name] ?? '';
  if (!UUID.test(id)) throw new NotFound('The record');
  return id;
}

/** A query parameter that names a record id, or undefined. */
function queryId(query: unknown, name: string): string | undefined {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' && UUID.test(v) ? v : undefined;
}

// ---- form schemas ------------------------------------------------------------------------------------

const uuidOrBlank = (message: string) => z.union([z.literal(''), z.uuid({ error: message })]);

export const newUserForm = z.object({
  username: z
    .string()
    .min(1, 'Enter a username')
    .regex(
      /^[a-z0-9][a-z0-9._-]{1,63}$/i,
      'Username must be 2 to 64 letters, digits, dots, hyphens or underscores, starting with a letter or digit',
    ),
  displayName: z
    .string()
    .min(1, 'Enter the person’s full name')
    .max(200, 'Full name must be 200 characters or fewer'),
  email: z.union([
    z.literal(''),
    z.email({ error: 'Enter an email address in the correct format, like name@kent.police.uk' }),
  ]),
  role: z.enum(ROLES, { error: 'Select a role' }),
  teamId: uuidOrBlank('Select a team from the list'),
  password: z.string(),
});

export const newTokenForm = z.object({
  userId: z.uuid({ error: 'Select the account the token is for' }),
  name: z
    .string()
    .min(1, 'Enter a name for the token')
    .max(100, 'Token name must be 100 characters or fewer'),
});

export const newTeamForm = z.object({
  name: z.string().min(1, 'Enter the team name').max(200, 'Team name must be 200 characters or fewer'),
  code: z
    .string()
    .min(1, 'Enter a team code')
    .regex(
      /^[A-Z0-9][A-Z0-9-]{1,31}$/,
      'Team code must be 2 to 32 letters, digits or hyphens, like MAID-CID',
    ),
});

export const newBankHolidayForm = z.object({
  date: z.string({ error: 'Enter a real date' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date'),
  name: z
    .string()
    .min(1, 'Enter the name of the bank holiday')
    .max(200, 'Name must be 200 characters or fewer'),
});

/** "Password must be at least 12 characters and must not be the username". */
function passwordMessage(problems: readonly string[]): string {
  return `Password ${problems.join(' and ')}`;
}

/** A service's ValidationFailed as GOV.UK messages: "<Label> <message>", problems of one field joined. */
function serviceFieldErrors(
  e: ValidationFailed,
  labels: Readonly<Record<string, string>>,
  fieldMap: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const grouped = new Map<string, string[]>();
  for (const p of e.problems) {
    const field = fieldMap[p.field] ?? p.field;
    grouped.set(field, [...(grouped.get(field) ?? []), p.message]);
  }
  const out: Record<string, string> = {};
  for (const [field, messages] of grouped) {
    const label = labels[field];
    const joined = messages.join(' and ');
    out[field] = label ? `${label} ${joined}` : joined.charAt(0).toUpperCase() + joined.slice(1);
  }
  return out;
}

async function orFieldErrors<T>(
  fn: () => Promise<T>,
  labels: Readonly<Record<string, string>>,
  fieldMap: Readonly<Record<string, string>> = {},
): Promise<{ ok: true; value: T } | { ok: false; errors: FieldErrors }> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (e instanceof ValidationFailed) return { ok: false, errors: serviceFieldErrors(e, labels, fieldMap) };
    throw e;
  }
}

const hasAny = (errors: FieldErrors) => Object.keys(errors).length > 0;

// ---- view models -------------------------------------------------------------------------------------

function userRow(u: UserSummary, teams: ReadonlyMap<string, string>) {
  return {
    ...u,
    roleLabel: ROLE_LABELS[u.role],
    teamName: u.teamId ? (teams.get(u.teamId) ?? 'Unknown team') : null,
  };
}

function tokenRow(t: ApiTokenSummary, users: ReadonlyMap<string, UserSummary>) {
  const owner = users.get(t.userId);
  return {
    ...t,
    ownerName: owner ? `${owner.displayName} (${owner.username})` : 'Unknown account',
    ownerActive: owner?.active ?? false,
  };
}

const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));

// ---- routes ------------------------------------------------------------------------------------------

export function registerAdminPages(app: FastifyInstance, services: Services): void {
  const { admin, audit } = services;

  // ---- home ----
  app.get('/admin', async (request, reply) => {
    const actor = requireActor(request);
    const users = await admin.listUsers(actor); // refuses a non-administrator first
    // The chain check reads the whole trail (millions of rows in a force): it runs on its own page, on
    // request, not on every visit to this one.
    const [tokens, teams] = await Promise.all([admin.listApiTokens(actor), admin.listTeams(actor)]);
    return reply.header('cache-control', 'no-store').renderPage('pages/admin/home', {
      pageTitle: 'Admin',
      counts: {
        users: users.length,
        activeUsers: users.filter((u) => u.active).length,
        lockedUsers: users.filter((u) => u.locked).length,
        tokens: tokens.filter((t) => t.revokedAt === null).length,
        revokedTokens: tokens.filter((t) => t.revokedAt !== null).length,
        teams: teams.length,
      },
    });
  });

  // ---- accounts ----
  app.get('/admin/users', async (request, reply) => {
    const actor = requireActor(request);
    const [users, teams] = await Promise.all([admin.listUsers(actor), admin.listTeams(actor)]);
    const teamNames = new Map(teams.map((t) => [t.id, t.name]));
    const q = request.query as Record<string, unknown> | undefined;
    const noticeId = queryId(q, 'user');
    const noticeUser = noticeId ? users.find((u) => u.id === noticeId) : undefined;
    const done = typeof q?.['done'] === 'string' ? q['done'] : '';
    const notice =
      noticeUser && ['created', 'deactivated', 'password-reset'].includes(done)
        ? { done, user: noticeUser }
        : null;
    const rows = users
      .map((u) => userRow(u, teamNames))
      .sort((a, b) => Number(b.active) - Number(a.active) || a.username.localeCompare(b.username));
    return reply
      .header('cache-control', 'no-store')
      .renderPage('pages/admin/users', { pageTitle: 'Accounts', users: rows, notice, selfId: actor.id });
  });

  const newUserPage = async (reply: FastifyReply, actor: Actor, errors: FieldErrors, values: FormBody) => {
    const teams = await admin.listTeams(actor);
    return reply
      .code(hasAny(errors) ? 400 : 200)
      .header('cache-control', 'no-store')
      .renderPage('pages/admin/user-new', {
        pageTitle: 'Create an account',
        roles: ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], checked: values['role'] === r })),
        teams: [
          { value: '', text: 'No team' },
          ...teams.map((t) => ({
            value: t.id,
            text: `${t.name} (${t.code})`,
            selected: values['teamId'] === t.id,
          })),
        ],
        errors,
        values,
      });
  };

  app.get('/admin/users/new', async (request, reply) => newUserPage(reply, requireActor(request), {}, {}));

  app.post('/admin/users/new', async (request, reply) => {
    const actor = requireActor(request);
    const body = formBody(request.body);
    const values = {
      username: text(body, 'username'),
      displayName: text(body, 'displayName'),
      email: text(body, 'email'),
      role: text(body, 'role'),
      teamId: text(body, 'teamId'),
    };
    const password = typeof body['password'] === 'string' ? body['password'] : '';
    const parsed = newUserForm.safeParse({ ...values, password });
    const errors: Record<string, string> = parsed.success ? {} : zodErrors(parsed.error);
    // The policy's own messages, shown with the other fields' (the service checks again and decides).
    const problems = passwordProblems(password, values.username.toLowerCase());
    if (problems.length > 0) errors['password'] = passwordMessage(problems);
    if (!parsed.success || hasAny(errors)) return newUserPage(reply, actor, errors, values);
    const result = await orFieldErrors(
      () =>
        admin.createUser(actor, {
          username: parsed.data.username,
          displayName: parsed.data.displayName,
          role: parsed.data.role,
          teamId: parsed.data.teamId || null,
          email: parsed.data.email || null,
          password: parsed.data.password,
        }),
      { password: 'Password', username: 'Username' },
    );
    if (!result.ok) return newUserPage(reply, actor, result.errors, values);
    return reply.redirect(`/admin/users?done=created&user=${result.value.id}`, 303);
  });

  const userOr404 = async (actor: Actor, id: string): Promise<UserSummary> => {
    const user = (await admin.listUsers(actor)).find((u) => u.id === id);
    if (!user) throw new NotFound('The user');
    return user;
  };

  const deactivatePage = async (reply: FastifyReply, actor: Actor, id: string, errors: FieldErrors = {}) => {
    const user = await userOr404(actor, id);
    return reply
      .code(hasAny(errors) ? 400 : 200)
      .header('cache-control', 'no-store')
      .renderPage('pages/admin/user-deactivate', {
        pageTitle: `Deactivate ${user.displayName}`,
        account: userRow(user, new Map()),
        isSelf: user.id === actor.id,
        errors,
      });
  };

  app.get('/admin/users/:id/deactivate', async (request, reply) =>
    deactivatePage(reply, requireActor(request), idParam(request.params)),
  );

  app.post('/admin/users/:id/deactivate', async (request, reply) => {
    const actor = requireActor(request);
    const id = idParam(request.params);
    const result = await orFieldErrors(() => admin.deactivateUser(actor, id), {}, { id: 'confirm' });
    if (!result.ok) return deactivatePage(reply, actor, id, result.errors);
    return reply.redirect(`/admin/users?done=deactivated&user=${id}`, 303);
  });

  const passwordPage = async (reply: FastifyReply, actor: Actor, id: string, errors: FieldErrors = {}) => {
    const user = await userOr404(actor, id);
    return reply
      .code(hasAny(errors) ? 400 : 200)
      .header('cache-control', 'no-store')
      .renderPage('pages/admin/user-password', {
        pageTitle: `Reset the password of ${user.displayName}`,
        account: userRow(user, new Map()),
        errors,
      });
  };

  app.get('/admin/users/:id/password', async (request, reply) =>
    passwordPage(reply, requireActor(request), idParam(request.params)),
  );

  app.post('/admin/users/:id/password', async (request, reply) => {
    const actor = requireActor(request);
    const id = idParam(request.params);
    const body = formBody(request.body);
    const password = typeof body['password'] === 'string' ? body['password'] : '';
    const result = await orFieldErrors(() => admin.resetPassword(actor, id, password), {
      password: 'Password',
    });
    if (!result.ok) return passwordPage(reply, actor, id, result.errors);
    return reply.redirect(`/admin/users?done=password-reset&user=${id}`, 303);
  });

  // ---- API tokens ----
  const tokensPage = async (
    reply: FastifyReply,
    actor: Actor,
    notice: { done: string; id?: string | undefined } | null,
    status = 200,
  ) => {
    const [tokens, users] = await Promise.all([admin.listApiTokens(actor), admin.listUsers(actor)]);
    const usersById = byId(users);
    const rows = tokens
      .map((t) => tokenRow(t, usersById))
      .sort(
        (a, b) =>
          Number(a.revokedAt !== null) - Number(b.revokedAt !== null) ||
          b.createdAt.localeCompare(a.createdAt),
      );
    const noticeToken = notice?.id ? rows.find((t) => t.id === notice.id) : undefined;
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .renderPage('pages/admin/tokens', {
        pageTitle: 'API tokens',
        tokens: rows,
        notice: notice && (noticeToken || !notice.id) ? { done: notice.done, token: noticeToken } : null,
      });
  };

  app.get('/admin/tokens', async (request, reply) => {
    const q = request.query as Record<string, unknown> | undefined;
    return tokensPage(
      reply,
      requireActor(request),
      q?.['done'] === 'revoked' ? { done: 'revoked', id: queryId(q, 'token') ?? '-' } : null,
    );
  });

  const newTokenPage = async (reply: FastifyReply, actor: Actor, errors: FieldErrors, values: FormBody) => {
    const users = (await admin.listUsers(actor)).filter((u) => u.active);
    return reply
      .code(hasAny(errors) ? 400 : 200)
      .header('cache-control', 'no-store')
      .renderPage('pages/admin/token-new', {
        pageTitle: 'Issue an API token',
        accounts: [
          { value: '', text: 'Choose an account' },
          ...users
            .sort((a, b) => a.username.localeCompare(b.username))
            .map((u) => ({
              value: u.id,
              text: `${u.displayName} (${u.username}, ${ROLE_LABELS[u.role]})`,
              selected: values['userId'] === u.id,
            })),
        ],
        errors,
        values,
      });
  };

  app.get('/admin/tokens/new', async (request, reply) => {
    const userId = queryId(request.query, 'userId');
    return newTokenPage(reply, requireActor(request), {}, userId ? { userId } : {});
  });

  app.post('/admin/tokens/new', async (request, reply) => {
    const actor = requireActor(request);
    const body = formBody(request.body);
    const values = { userId: text(body, 'userId'), name: text(body, 'name') };
    const parsed = newTokenForm.safeParse(values);
    if (!parsed.success) return newTokenPage(reply, actor, zodErrors(parsed.error), values);
    const result = await orFieldErrors(
      () => admin.issueApiToken(actor, parsed.data.userId, parsed.data.name),
      {},
    );
    if (!result.ok) return newTokenPage(reply, actor, result.errors, values);
    const owner = (await admin.listUsers(actor)).find((u) => u.id === result.value.userId);
    // The secret is in this response only: never cached, never reachable again by a GET.
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .renderPage('pages/admin/token-issued', {
        pageTitle: 'API token issued',
        issued: result.value,
        owner,
      });
  });

  const tokenOr404 = async (actor: Actor, id: string) => {
    const [tokens, users] = await Promise.all([admin.listApiTokens(actor), admin.listUsers(actor)]);
    const token = tokens.find((t) => t.id === id);
    if (!token) throw new NotFound('The API token');
    return tokenRow(token, byId(users));
  };

  app.get('/admin/tokens/:id/revoke', async (request, reply) => {
    const token = await tokenOr404(requireActor(request), idParam(request.params));
    return reply
      .header('cache-control', 'no-store')
      .renderPage('pages/admin/token-revoke', { pageTitle: `Revoke the API token “${token.name}”`, token });
  });

  app.post('/admin/tokens/:id/revoke', async (request, reply) => {
    const actor = requireActor(request);
    const id = idParam(request.params);
    try {
      await admin.revokeApiToken(actor, id);
    } catch (e) {
      if (e instanceof Conflict) return tokensPage(reply, actor, { done: 'already-revoked', id }, 409);
      throw e;
    }
    return reply.redirect(`/admin/tokens?done=revoked&token=${id}`, 303);
  });

  // ---- teams ----
  const teamsPage = async (
    reply: FastifyReply,
    actor: Actor,
    state: { errors?: FieldErrors; values?: FormBody; created?: string | undefined } = {},
  ) => {
    const [teams, users] = await Promise.all([admin.listTeams(actor), admin.listUsers(actor)]);
    const rows = teams
      .map((t) => ({
        ...t,
        members: users.filter((u) => u.teamId === t.id && u.active).length,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const errors = state.errors ?? {};
    return reply
      .code(hasAny(errors) ? 400 : 200)
      .header('cache-control', 'no-store')
      .renderPage('pages/admin/teams', {
        pageTitle: 'Teams',
        teams: rows,
        created: state.created ? rows.find((t) => t.id === state.created) : undefined,
        errors,
        values: state.values ?? {},
      });
  };

  app.get('/admin/teams', async (request, reply) =>
    teamsPage(reply, requireActor(request), { created: queryId(request.query, 'created') }),
  );

  app.post('/admin/teams', async (request, reply) => {
    const actor = requireActor(request);
    const body = formBody(request.body);
    const values = { name: text(body, 'name'), code: text(body, 'code').toUpperCase() };
    const parsed = newTeamForm.safeParse(values);
    if (!parsed.success) return teamsPage(reply, actor, { errors: zodErrors(parsed.error), values });
    const result = await orFieldErrors(() => admin.createTeam(actor, parsed.data), {});
    if (!result.ok) return teamsPage(reply, actor, { errors: result.errors, values });
    return reply.redirect(`/admin/teams?created=${result.value.id}`, 303);
  });

  // ---- bank holidays ----
  const holidaysPage = async (
    reply: FastifyReply,
    actor: Actor,
    query: unknown,
    state: { errors?: FieldErrors; values?: FormBody } = {},
  ) => {
    const [all, rederivation] = await Promise.all([
      admin.listBankHolidays(actor),
      admin.rederivationStatus(actor),
    ]);
    const q = (query ?? {}) as Record<string, unknown>;
    const years = [...new Set(all.map((h) => h.date.slice(0, 4)))];
    const thisYear = londonNowParts(services.clock.now().getTime()).year;
    const asked = typeof q['year'] === 'string' ? q['year'] : '';
    const year = years.includes(asked)
      ? asked
      : years.includes(thisYear)
        ? thisYear
        : (years.at(-1) ?? thisYear);
    const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    const added = isDate(q['added'])
      ? all.find((h) => h.date === q['added'] && h.source === 'admin')
      : undefined;
    const removed = isDate(q['removed']) && !all.some((h) => h.date === q['removed'] && h.source === 'admin');
    const errors = state.errors ?? {};
    return reply
      .code(hasAny(errors) ? 400 : 200)
      .header('cache-control', 'no-store')
      .renderPage('pages/admin/bank-holidays', {
        pageTitle: 'Bank holidays',
        year,
        years: years.map((y) => ({ year: y, href: `/admin/bank-holidays?year=${y}`, current: y === year })),
        inYear: all.filter((h) => h.date.startsWith(`${year}-`)),
        added: all.filter((h) => h.source === 'admin'),
        notice: added
          ? { done: 'added', holiday: added }
          : removed
            ? { done: 'removed', date: q['removed'] }
            : null,
        rederivation: {
          busy: rederivation.pending > 0 || rederivation.changesToQueue > 0,
          pending: rederivation.pending,
          pendingText: rederivation.pending.toLocaleString('en-GB'),
          failed: rederivation.failed,
          failedText: rederivation.failed.toLocaleString('en-GB'),
        },
        errors,
        values: state.values ?? {},
      });
  };

  app.get('/admin/bank-holidays', async (request, reply) =>
    holidaysPage(reply, requireActor(request), request.query),
  );

  app.post('/admin/bank-holidays', async (request, reply) => {
    const actor = requireActor(request);
    const body = formBody(request.body);
    const values = {
      'date-day': text(body, 'date-day'),
      'date-month': text(body, 'date-month'),
      'date-year': text(body, 'date-year'),
      name: text(body, 'name'),
    };
    const date = dateInput(body, 'date');
    const errors: Record<string, string> = {};
    if (date === null) errors['date'] = 'Date must be a real date, like 27 3 2026';
    const parsed = newBankHolidayForm.safeParse({ date: date ?? 'invalid', name: values.name });
    if (!parsed.success) Object.assign(errors, { ...zodErrors(parsed.error), ...errors });
    if (hasAny(errors) || !parsed.success) {
      return holidaysPage(reply, actor, { year: date?.slice(0, 4) }, { errors, values });
    }
    const result = await orFieldErrors(() => admin.addBankHoliday(actor, parsed.data), {});
    if (!result.ok) {
      return holidaysPage(reply, actor, { year: date?.slice(0, 4) }, { errors: result.errors, values });
    }
    return reply.redirect(
      `/admin/bank-holidays?year=${parsed.data.date.slice(0, 4)}&added=${parsed.data.date}`,
      303,
    );
  });

  app.post('/admin/bank-holidays/:date/remove', async (request, reply) => {
    const actor = requireActor(request);
    const date = (request.params as { date?: string }).date ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new NotFound('The bank holiday');
    const result = await orFieldErrors(
      () => admin.removeBankHoliday(actor, date),
      {},
      { date: 'added-holidays' },
    );
    if (!result.ok) return holidaysPage(reply, actor, { year: date.slice(0, 4) }, { errors: result.errors });
    return reply.redirect(`/admin/bank-holidays?year=${date.slice(0, 4)}&removed=${date}`, 303);
  });

  // ---- audit trail ----
  app.get('/admin/audit/viewers', async (request, reply) => {
    const actor = requireActor(request);
    const q = (request.query ?? {}) as Record<string, unknown>;
    const str = (name: string) => (typeof q[name] === 'string' ? (q[name] as string).trim() : '');
    const values = { type: str('type'), id: str('id'), urn: str('urn') };
    const asked = values.type !== '' || values.id !== '' || values.urn !== '';
    const errors: Record<string, string> = {};
    let record: { type: string; id: string; urn: string | null } | null = null;
    if (asked && values.urn !== '') {
      // An exact URN, resolved to its investigation (the search is audited like any other).
      const found = await services.cases.search(actor, { q: values.urn, limit: 50 });
      const match = found.items.find((i) => i.urn.toLowerCase() === values.urn.toLowerCase());
      if (match) record = { type: 'investigation', id: match.id, urn: match.urn };
      else errors['urn'] = `No investigation has the URN ${values.urn}`;
    } else if (asked) {
      if (!(AUDITED_RECORD_TYPES as readonly string[]).includes(values.type)) {
        errors['type'] = 'Select the type of record, or enter an investigation’s URN';
      }
      if (values.id === '') errors['id'] = 'Enter the record id, or an investigation’s URN';
      else if (!UUID.test(values.id)) {
        errors['id'] =
          'Record id must be 36 letters, digits and hyphens, like 0d3c6c5e-1f2a-4b7e-9a51-2c4d6e8f0a1b';
      }
      if (!hasAny(errors)) record = { type: values.type, id: values.id.toLowerCase(), urn: null };
    }
    // Always asks the audit service, so a non-administrator is refused (and that is audited) even here.
    const viewers = await audit.whoViewed(
      actor,
      record?.type ?? 'investigation',
      record?.id ?? '00000000-0000-0000-0000-000000000000',
    );
    return reply
      .code(hasAny(errors) ? 400 : 200)
      .header('cache-control', 'no-store')
      .renderPage('pages/admin/viewers', {
        pageTitle: 'Who viewed a record',
        types: AUDITED_RECORD_TYPES.map((t) => ({
          value: t,
          text: t === 'investigation' ? 'Investigation' : 'Person (victim or witness)',
          checked: values.type === t,
        })),
        record,
        viewers: record ? viewers : [],
        errors,
        values,
      });
  });

  app.get('/admin/audit/verify', async (request, reply) => {
    const actor = requireActor(request);
    const started = performance.now();
    const chain = await audit.verify(actor);
    return reply.header('cache-control', 'no-store').renderPage('pages/admin/verify', {
      pageTitle: 'Verify the audit trail',
      chain,
      tookMs: Math.round(performance.now() - started),
      checkedAt: services.clock.now().toISOString(),
    });
  });
}
