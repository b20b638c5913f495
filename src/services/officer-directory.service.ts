/**
 * Who an investigation can be allocated to: the active officers and supervisors, with their teams, for the
 * officer-in-charge picker. Only roles that create or record investigations may list them.
 */
import { can, type Actor } from '../auth/access.policy.js';
import type { Db } from '../store/database.js';
import { createRepositories } from '../store/repositories.js';
import { refuse } from './refusal.js';

export interface AssignableOfficer {
  id: string;
  displayName: string;
  role: 'officer' | 'supervisor';
  teamId: string | null;
  teamName: string | null;
}

export class OfficerDirectoryService {
  constructor(private readonly db: Db) {}

  /** Active officers and supervisors, by team then name; the actor's own team first. */
  async assignableOfficers(actor: Actor): Promise<AssignableOfficer[]> {
    const repos = createRepositories(this.db);
    if (!can(actor, 'investigation:record')) {
      return refuse(
        this.db,
        null,
        actor,
        { action: 'investigation:record', recordType: 'user', detail: { workflow: 'officer-directory' } },
        'Your role cannot allocate investigations',
      );
    }
    const [users, teams] = await Promise.all([
      repos.users.list({ activeOnly: true }),
      repos.users.listTeams(),
    ]);
    const teamName = new Map(teams.map((t) => [t.id, t.name]));
    return users
      .filter(
        (u): u is typeof u & { role: 'officer' | 'supervisor' } =>
          u.role === 'officer' || u.role === 'supervisor',
      )
      .map((u) => ({
        id: u.id,
        displayName: u.displayName,
        role: u.role,
        teamId: u.teamId,
        teamName: u.teamId ? (teamName.get(u.teamId) ?? null) : null,
      }))
      .sort(
        (a, b) =>
          Number(b.teamId === actor.teamId) - Number(a.teamId === actor.teamId) ||
          (a.teamName ?? '~').localeCompare(b.teamName ?? '~') ||
          a.displayName.localeCompare(b.displayName),
      );
  }
}
