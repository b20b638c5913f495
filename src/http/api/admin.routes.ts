/**
 * Administration over the API: accounts, API tokens (the secret is in the 201 response only), teams and
 * bank holidays. Parse (zod) → AdminService (which authorises and audits) → serialize.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ROLES } from '../../auth/access.policy.js';
import type { Services } from '../../composition-root.js';
import { requireActor } from './require-actor.js';

const uuid = z.uuid({ error: 'must be a record id (uuid)' });
const idParams = z.object({ id: uuid });
const role = z.enum(ROLES, { error: `must be one of: ${ROLES.join(', ')}` });
const text = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`);

export const newUserBody = z.object({
  username: z
    .string({ error: 'must be text' })
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/i, 'must be 2–64 letters, digits, dots, hyphens or underscores'),
  displayName: text(200),
  role,
  teamId: uuid.nullish(),
  email: z.email({ error: 'must be an email address' }).nullish(),
  password: z.string({ error: 'must be text' }).max(1000, 'must be at most 1000 characters'),
});
export const passwordBody = z.object({
  password: z.string({ error: 'must be text' }).max(1000, 'must be at most 1000 characters'),
});
export const usersQuery = z.object({
  role: role.optional(),
  teamId: uuid.optional(),
  active: z.enum(['true', 'false']).optional(),
});
export const newTokenBody = z.object({ userId: uuid, name: text(100) });
export const tokensQuery = z.object({ userId: uuid.optional() });
export const newTeamBody = z.object({
  name: text(200),
  code: z
    .string({ error: 'must be text' })
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'must be 2–32 capital letters, digits or hyphens, e.g. MAID-CID'),
});
const isoDate = z
  .string({ error: 'must be text' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
export const newBankHolidayBody = z.object({ date: isoDate, name: text(200) });
export const bankHolidayParams = z.object({ date: isoDate });

export function registerAdminRoutes(
  api: ReturnType<FastifyInstance['withTypeProvider']>,
  services: Services,
): void {
  const users = ['admin: users'];
  api.get(
    '/admin/users',
    { schema: { tags: users, summary: 'List accounts', querystring: usersQuery } },
    async (request) => {
      const q = request.query as z.infer<typeof usersQuery>;
      return services.admin.listUsers(requireActor(request), {
        ...(q.role ? { role: q.role } : {}),
        ...(q.teamId ? { teamId: q.teamId } : {}),
        ...(q.active === 'true' ? { activeOnly: true } : {}),
      });
    },
  );
  api.post(
    '/admin/users',
    { schema: { tags: users, summary: 'Create an account', body: newUserBody } },
    async (request, reply) => {
      const user = await services.admin.createUser(
        requireActor(request),
        request.body as z.infer<typeof newUserBody>,
      );
      return reply.code(201).send(user);
    },
  );
  api.post(
    '/admin/users/:id/deactivate',
    {
      schema: {
        tags: users,
        summary: 'Deactivate an account: its sessions end and its API tokens stop working',
        params: idParams,
      },
    },
    async (request) =>
      services.admin.deactivateUser(requireActor(request), (request.params as z.infer<typeof idParams>).id),
  );
  api.post(
    '/admin/users/:id/password',
    {
      schema: {
        tags: users,
        summary: "Reset an account's password (clears a lock-out, ends its sessions)",
        params: idParams,
        body: passwordBody,
      },
    },
    async (request) =>
      services.admin.resetPassword(
        requireActor(request),
        (request.params as z.infer<typeof idParams>).id,
        (request.body as z.infer<typeof passwordBody>).password,
      ),
  );

  const tokens = ['admin: API tokens'];
  api.get(
    '/admin/api-tokens',
    { schema: { tags: tokens, summary: 'List API tokens (never their secrets)', querystring: tokensQuery } },
    async (request) => {
      const q = request.query as z.infer<typeof tokensQuery>;
      return services.admin.listApiTokens(requireActor(request), q.userId ? { userId: q.userId } : {});
    },
  );
  api.post(
    '/admin/api-tokens',
    {
      schema: {
        tags: tokens,
        summary: 'Issue an API token for an account: the secret is shown in this response only',
        body: newTokenBody,
      },
    },
    async (request, reply) => {
      const body = request.body as z.infer<typeof newTokenBody>;
      const issued = await services.admin.issueApiToken(requireActor(request), body.userId, body.name);
      return reply.code(201).header('cache-control', 'no-store').send(issued);
    },
  );
  api.delete(
    '/admin/api-tokens/:id',
    { schema: { tags: tokens, summary: 'Revoke an API token', params: idParams } },
    async (request) =>
      services.admin.revokeApiToken(requireActor(request), (request.params as z.infer<typeof idParams>).id),
  );

  const teams = ['admin: teams'];
  api.get('/admin/teams', { schema: { tags: teams, summary: 'List teams' } }, async (request) =>
    services.admin.listTeams(requireActor(request)),
  );
  api.post(
    '/admin/teams',
    { schema: { tags: teams, summary: 'Create a team', body: newTeamBody } },
    async (request, reply) => {
      const team = await services.admin.createTeam(
        requireActor(request),
        request.body as z.infer<typeof newTeamBody>,
      );
      return reply.code(201).send(team);
    },
  );

  const holidays = ['admin: bank holidays'];
  api.get(
    '/admin/bank-holidays',
    {
      schema: {
        tags: holidays,
        summary: 'Bank holidays: the shipped England & Wales list and those added here',
      },
    },
    async (request) => services.admin.listBankHolidays(requireActor(request)),
  );
  api.get(
    '/admin/bank-holidays/rederivation',
    {
      schema: {
        tags: holidays,
        summary:
          'Re-derivation after a bank-holiday change: investigations still to re-derive (pending), failed, changes not yet queued',
      },
    },
    async (request) => services.admin.rederivationStatus(requireActor(request)),
  );
  api.post(
    '/admin/bank-holidays',
    {
      schema: {
        tags: holidays,
        summary: 'Add a bank holiday (a one-off day the working-day calendar must skip)',
        body: newBankHolidayBody,
      },
    },
    async (request, reply) => {
      const added = await services.admin.addBankHoliday(
        requireActor(request),
        request.body as z.infer<typeof newBankHolidayBody>,
      );
      return reply.code(201).send(added);
    },
  );
  api.delete(
    '/admin/bank-holidays/:date',
    {
      schema: {
        tags: holidays,
        summary: 'Remove a bank holiday that was added here',
        params: bankHolidayParams,
      },
    },
    async (request, reply) => {
      await services.admin.removeBankHoliday(
        requireActor(request),
        (request.params as z.infer<typeof bankHolidayParams>).date,
      );
      return reply.code(204).send();
    },
  );
}
