import type { Actor } from '../auth/access.policy.js';

/** The product itself acting (demo seed, imports from the command line on the server): audited as null. */
export const SYSTEM_ACTOR: Actor = {
  id: 'system',
  role: 'admin',
  teamId: null,
  displayName: 'Victim Care (system)',
};

export function auditUserId(actor: Actor): string | null {
  return actor === SYSTEM_ACTOR || actor.id === 'system' ? null : actor.id;
}
