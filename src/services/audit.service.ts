/** The audit trail for administrators: who viewed a record, and whether the hash chain is intact. */
import { can, type Actor } from '../auth/access.policy.js';
import type { Db } from '../store/database.js';
import type { ChainVerification, Viewing } from '../store/audit.repository.js';
import { createRepositories } from '../store/repositories.js';

import { refuse } from './refusal.js';

export class AuditService {
  constructor(private readonly db: Db) {}

  private async require(actor: Actor): Promise<void> {
    if (can(actor, 'audit:read')) return;
    await refuse(
      this.db,
      null,
      actor,
      { action: 'audit:read', recordType: 'audit' },
      'Only an administrator can read the audit trail',
    );
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
