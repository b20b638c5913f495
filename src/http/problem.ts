/**
 * Errors, mapped in one place: RFC 9457 problem documents for the API (naming each bad field), GOV.UK
 * error pages for the web. Never a stack trace to the client.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ServiceError, ValidationFailed, type FieldProblem } from '../services/service-errors.js';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldProblem[];
}

/** A problem document; every 4xx carries `errors` (empty when no single field is at fault). */
export function problem(
  status: number,
  id: string,
  title: string,
  detail: string,
  errors?: FieldProblem[],
): ProblemDocument {
  const list = errors ?? (status >= 400 && status < 500 ? [] : undefined);
  return { type: `/problems/${id}`, title, status, detail, ...(list ? { errors: list } : {}) };
}

/** Fastify's body-parsing errors: the body as a whole is at fault. */
const BODY_ERRORS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'is empty but the content type says JSON: send a JSON object',
  FST_ERR_CTP_BODY_TOO_LARGE: 'is too large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'does not match its content-length',
};

function fieldOf(path: readonly PropertyKey[] | string | undefined, where: string): string {
  const parts = typeof path === 'string' ? path.split('/').filter(Boolean) : (path ?? []).map(String);
  const joined = parts
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
  return joined || where;
}

/** Turns anything thrown by a route into a problem document and its status. */
export function toProblem(error: unknown, request: FastifyRequest): ProblemDocument {
  if (error instanceof ValidationFailed) {
    return {
      ...problem(error.status, error.id, error.title, error.message, error.problems),
      instance: request.url,
    };
  }
  if (error instanceof ServiceError) {
    return { ...problem(error.status, error.id, error.title, error.message), instance: request.url };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    const errors = error.validation.map((v) => ({
      field: fieldOf((v.params as { issue?: { path?: PropertyKey[] } }).issue?.path ?? v.instancePath, where),
      message: v.message ?? 'is not valid',
    }));
    return {
      ...problem(
        400,
        'validation-failed',
        'The request has problems',
        errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      ),
      instance: request.url,
    };
  }
  const fe = error as FastifyError;
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const id =
      fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'unsupported-media-type'
        : fe.statusCode === 429
          ? 'too-many-requests'
          : 'bad-request';
    const bodyProblem = fe.code ? BODY_ERRORS[fe.code] : undefined;
    const errors =
      fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? [{ field: 'content-type', message: 'must be application/json' }]
        : bodyProblem
          ? [{ field: 'body', message: bodyProblem }]
          : [];
    const title =
      fe.statusCode === 429
        ? 'Too many requests'
        : fe.statusCode === 415
          ? 'Unsupported media type'
          : 'Bad request';
    return { ...problem(fe.statusCode, id, title, fe.message, errors), instance: request.url };
  }
  return {
    ...problem(
      500,
      'internal',
      'Sorry, there is a problem with the service',
      'The error was logged; nothing was half-written.',
    ),
    instance: request.url,
  };
}

export function sendProblem(reply: FastifyReply, doc: ProblemDocument): FastifyReply {
  return reply.code(doc.status).type('application/problem+json').send(doc);
}
