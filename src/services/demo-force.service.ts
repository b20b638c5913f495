/**
 * The demo force `npm start` loads into an empty database: three teams, one account for each role
 * (documented in the README) and a few hundred investigations in every state, so every worklist has work.
 */
import type { Role } from '../auth/access.policy.js';
import { londonDateOfMs } from '../domain/calendar/london-time.js';
import { generateCase, seededRandom } from '../demo/synthetic-force.js';
import type { Db } from '../store/database.js';
import type { User } from '../store/database.types.js';
import { createRepositories } from '../store/repositories.js';
import type { AuthService } from './auth.service.js';
import type { Clock } from './clock.js';
import { deriveInvestigation, type RulesContext } from './derivation.js';

export const DEMO_PASSWORD = 'demo-password-2026';

export const DEMO_TEAMS = [
  { code: 'MAID-CID', name: 'Maidstone CID' },
  { code: 'MEDW-VIT', name: 'Medway Vulnerability Investigation Team' },
  { code: 'CANT-CSU', name: 'Canterbury Community Safety Unit' },
] as const;

export const DEMO_USERS: { username: string; displayName: string; role: Role; team: number | null }[] = [
  { username: 'officer', displayName: 'PC Alex Morgan', role: 'officer', team: 0 },
  { username: 'officer2', displayName: 'DC Sam Patel', role: 'officer', team: 0 },
  { username: 'officer3', displayName: 'PC Jordan Lee', role: 'officer', team: 1 },
  { username: 'officer4', displayName: 'DC Priya Shah', role: 'officer', team: 2 },
  { username: 'supervisor', displayName: 'DS Chris Walker', role: 'supervisor', team: 0 },
  { username: 'imu', displayName: 'Jo Evans (IMU)', role: 'imu', team: null },
  { username: 'vwcu', displayName: 'Kim Hughes (VWCU)', role: 'vwcu', team: null },
  { username: 'compliance', displayName: 'Pat Green (Compliance)', role: 'compliance', team: null },
  { username: 'admin', displayName: 'Robin Clarke (Admin)', role: 'admin', team: null },
];

export class DemoForceService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly rules: RulesContext,
    private readonly auth: AuthService,
  ) {}

  async isEmpty(): Promise<boolean> {
    return (await createRepositories(this.db).users.list()).length === 0;
  }

  /** Creates the demo force; returns how many investigations were loaded. */
  async seed(
    options: {
      investigations?: number;
      seed?: number;
      onProgress?: (done: number, total: number) => void;
    } = {},
  ): Promise<number> {
    const repos = createRepositories(this.db);
    const teams = [];
    for (const t of DEMO_TEAMS) {
      teams.push((await repos.users.getTeamByCode(t.code)) ?? (await repos.users.createTeam(t)));
    }
    const users: User[] = [];
    for (const u of DEMO_USERS) {
      users.push(
        (await repos.users.getByUsername(u.username)) ??
          (await this.auth.createUser('system', {
            username: u.username,
            displayName: u.displayName,
            role: u.role,
            teamId: u.team === null ? null : teams[u.team]!.id,
            password: DEMO_PASSWORD,
          })),
      );
    }
    const officers = users.filter((u) => u.role === 'officer');
    const total = options.investigations ?? 300;
    const rand = seededRandom(options.seed ?? 2026);
    const now = this.clock.now();
    const today = londonDateOfMs(now.getTime());
    for (let i = 0; i < total; i++) {
      const generated = generateCase(rand, i, today, { officers: officers.length });
      // The first officer carries a full caseload so the demo home page is busy.
      const officer = i % 3 === 0 ? officers[0]! : officers[generated.officerIndex]!;
      await this.db.transaction().execute(async (trx) => {
        const r = createRepositories(trx);
        if (await r.investigations.getByUrn(generated.history.investigation.urn)) return;
        const inv = await r.caseHistories.importCaseHistory(generated.history, {
          officerInChargeId: officer.id,
          teamId: officer.teamId,
          restricted: generated.restricted,
        });
        if (generated.restricted) {
          await r.investigations.grantAccess(inv.id, users.find((u) => u.role === 'supervisor')!.id);
        }
        await deriveInvestigation(trx, inv.id, this.rules, now);
      });
      options.onProgress?.(i + 1, total);
    }
    return total;
  }
}
