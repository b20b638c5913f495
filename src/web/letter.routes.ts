/**
 * Letter pages: produce a letter for a victim (/letters/new?person=…), the letters kept on an
 * investigation (/letters?investigation=…) and the PDF download (/letters/:id.pdf, an audited read).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../composition-root.js';
import { requireActor } from '../http/api/require-actor.js';
import type { LetterKind } from '../outputs/letters/letter.types.js';
import { LETTER_KINDS, LETTER_TITLES, type LetterRequest } from '../services/letter.service.js';
import { formBody, text, withFieldErrors } from './page-helpers.js';

const FIELD_ORDER = [
  'kind',
  'rankOrRole',
  'collarNumber',
  'phone',
  'email',
  'addressConfirmedSafe',
  'contactAttempts',
  'decisionEvent',
  'reasons',
  'complaintEvent',
  'likelyTimescale',
  'address',
  'letter',
];

function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export function registerLetterPages(app: FastifyInstance, services: Services): void {
  const form = async (personId: string, actorId: Parameters<typeof services.letters.options>[0]) =>
    services.letters.options(actorId, personId);

  app.get('/letters/new', async (request, reply) => {
    const actor = requireActor(request);
    const q = z
      .object({ person: z.uuid().optional().catch(undefined), kind: z.string().optional() })
      .parse(request.query ?? {});
    if (!q.person) return reply.renderErrorPage(404);
    const options = await form(q.person, actor);
    const kind = LETTER_KINDS.includes(q.kind as LetterKind) ? q.kind : undefined;
    return reply.renderPage('pages/letters/new', {
      pageTitle: 'Produce a letter',
      o: options,
      kinds: LETTER_KINDS,
      titles: LETTER_TITLES,
      values: { kind, email: options.officer.email ?? '', rankOrRole: 'Investigating officer' },
    });
  });

  app.post('/letters', async (request, reply) => {
    const actor = requireActor(request);
    const body = formBody(request.body);
    const personId = text(body, 'personId');
    if (!/^[0-9a-f-]{36}$/i.test(personId)) return reply.renderErrorPage(404);
    const kind = text(body, 'kind') as LetterKind;
    const req: LetterRequest = {
      kind,
      personId,
      officer: {
        rankOrRole: text(body, 'rankOrRole'),
        collarNumber: text(body, 'collarNumber'),
        phone: text(body, 'phone'),
        email: text(body, 'email'),
      },
      offenceDescription: text(body, 'offenceDescription'),
      addressConfirmedSafe: text(body, 'addressConfirmedSafe') === 'yes',
      contactAttempts: lines(text(body, 'contactAttempts')),
      decisionEvent: text(body, 'decisionEvent'),
      reasons: lines(text(body, 'reasons')),
      complaintEvent: text(body, 'complaintEvent'),
      likelyTimescale: text(body, 'likelyTimescale'),
      complaintSummary: text(body, 'complaintSummary'),
    };
    const result = await withFieldErrors(() => services.letters.produce(actor, req), { personId: 'kind' });
    if (!result.ok) {
      const options = await form(personId, actor);
      const errors: Record<string, string> = {};
      for (const f of [...FIELD_ORDER, ...Object.keys(result.errors)]) {
        if (result.errors[f] !== undefined) errors[f] = result.errors[f];
      }
      reply.code(400);
      return reply.renderPage('pages/letters/new', {
        pageTitle: 'Produce a letter',
        o: options,
        kinds: LETTER_KINDS,
        titles: LETTER_TITLES,
        values: body,
        errors,
      });
    }
    return reply.redirect(
      `/letters?investigation=${result.value.letter.investigationId}&created=${result.value.letter.id}`,
      303,
    );
  });

  app.get('/letters', async (request, reply) => {
    const actor = requireActor(request);
    const q = z
      .object({
        investigation: z.uuid().optional().catch(undefined),
        created: z.uuid().optional().catch(undefined),
      })
      .parse(request.query ?? {});
    if (!q.investigation) return reply.renderErrorPage(404);
    const letters = await services.letters.list(actor, q.investigation);
    return reply.renderPage('pages/letters/list', {
      pageTitle: 'Letters',
      letters,
      titles: LETTER_TITLES,
      investigationId: q.investigation,
      created: letters.find((l) => l.id === q.created) ?? null,
    });
  });

  app.get('/letters/:file', async (request, reply) => {
    const actor = requireActor(request);
    const { file } = request.params as { file: string };
    const m = /^([0-9a-f-]{36})\.pdf$/i.exec(file);
    if (!m) return reply.renderErrorPage(404);
    const pdf = await services.letters.pdf(actor, m[1]!);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${pdf.fileName}"`)
      .header('cache-control', 'no-store')
      .send(pdf.body);
  });
}
