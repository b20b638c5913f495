import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../auth/access.policy.js';
import { Unauthenticated } from '../../services/service-errors.js';

/** The authenticated actor, or 401 (authorisation itself happens inside the services). */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new Unauthenticated('Authenticate with a bearer token or a signed-in session');
  return request.actor;
}
