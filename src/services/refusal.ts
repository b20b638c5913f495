/**
 * Every refused attempt is audited, then answered with 403. One place for it, so each service's
 * authorisation reads `if (!can(…)) return refuse(…)` and no refusal goes unrecorded.
 */
import type { Actor } from '../auth/access.policy.js';
import type { Db } from '../store/database.js';
import { createRepositories } from '../store/repositories.js';
import { auditUserId } from './actor.js';
import type { Clock } from './clock.js';
import { Forbidden } from './service-errors.js';

export interface Refusal {
  /** The policy action refused (`investigation:read`, `report:read` …), recorded as the reason. */
  action: string;
  recordType: string;
  recordId?: string | null;
  investigationId?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Audits the refusal outside any transaction (so the record survives the refusal) and throws Forbidden
 * with `message` for the user.
 */
export async function refuse(
  db: Db,
  clock: Clock | null,
  actor: Actor,
  refusal: Refusal,
  message?: string,
): Promise<never> {
  await auditRefusal(db, clock, actor, refusal);
  throw new Forbidden(message);
}

/**
 * Only the audit row of a refusal, for a refusal answered otherwise than 403 (a filing letter EL-FILING-LETTER
 * does not permit is a 422 naming the field): the caller throws its own error next.
 */
export async function auditRefusal(
  db: Db,
  clock: Clock | null,
  actor: Actor,
  refusal: Refusal,
): Promise<void> {
  await createRepositories(db).audit.append({
    ...(clock ? { at: clock.now().toISOString() } : {}),
    userId: auditUserId(actor),
    action: 'refused',
    recordType: refusal.recordType,
    recordId: refusal.recordId ?? null,
    investigationId: refusal.investigationId ?? null,
    reason: refusal.action,
    detail: { role: actor.role, ...refusal.detail },
  });
}
