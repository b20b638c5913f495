/** The audit trail for administrators: who viewed a record, and whether the hash chain is intact. */
import { can, type Actor } from '../auth/access.policy.js';
import type { Db } from '../store/database.js';
import type { ChainVerification, Viewing } from '../store/audit.repository.js';
import { createRepositories } from '../store/repositories.js';
import { auditUserId } from './actor.js';
import { Forbidden } from './service-errors.js';

export class AuditService {
  constructor(private readonly db: Db) {}

  private async require(actor: Actor): Promise<void> {
    if (can(actor, 'audit:read')) return;
    await createRepositories(this.db).audit.append({
      userId: auditUserId(actor),
      action: 'refused',
      recordType: 'audit',
      reason: 'audit:read',
    });
    throw new Forbidden('Only an administrator can read the audit trail');
  }

  async whoViewed(actor: Actor, recordType: string, recordId: string): Promise<Viewing[]> {
    await this.require(actor);
    return createRepositories(this.db).audit.whoViewed(recordType, recordId);
  }

  async verify(actor: Actor): Promise<ChainVerification> {
    await this.require(actor);
    return createRepositories(this.db).audit.verifyChain();
  }
}
