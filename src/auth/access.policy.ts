/**
 * Who may do what. Called first inside every service method (never only in a route), so a new route
 * cannot skip it. A restricted investigation is visible only to its named users and to administrators,
 * whatever their role.
 */
export const ROLES = ['officer', 'supervisor', 'imu', 'vwcu', 'compliance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  role: Role;
  teamId: string | null;
  displayName: string;
}

/** What the policy needs to know about an investigation. */
export interface InvestigationAccess {
  restricted: boolean;
  namedUserIds: readonly string[];
}

export type Action =
  | 'investigation:read'
  | 'investigation:create'
  | 'investigation:record' // add people, events, contract changes
  | 'investigation:supervise' // filing sign-off, approving a filing-letter justification
  | 'worklist:own'
  | 'worklist:team'
  | 'worklist:imu'
  | 'worklist:vwcu'
  | 'report:read'
  | 'breach:sign-off'
  | 'audit:read'
  | 'case-history:import'
  | 'case-history:export'
  | 'admin:manage';

const BY_ROLE: Record<Action, readonly Role[]> = {
  'investigation:read': ['officer', 'supervisor', 'imu', 'vwcu', 'compliance', 'admin'],
  'investigation:create': ['officer', 'supervisor', 'imu', 'admin'],
  'investigation:record': ['officer', 'supervisor', 'imu', 'vwcu', 'admin'],
  'investigation:supervise': ['supervisor', 'admin'],
  'worklist:own': ['officer', 'supervisor', 'imu', 'vwcu', 'admin'],
  'worklist:team': ['supervisor', 'admin'],
  'worklist:imu': ['imu', 'supervisor', 'admin'],
  'worklist:vwcu': ['vwcu', 'supervisor', 'admin'],
  'report:read': ['compliance', 'supervisor', 'admin'],
  'breach:sign-off': ['supervisor', 'admin'],
  'audit:read': ['admin'],
  'case-history:import': ['admin'],
  'case-history:export': ['admin', 'compliance'],
  'admin:manage': ['admin'],
};

/** May the actor see a (possibly restricted) investigation at all? */
export function canSeeInvestigation(actor: Actor, inv: InvestigationAccess): boolean {
  if (!inv.restricted) return true;
  return actor.role === 'admin' || inv.namedUserIds.includes(actor.id);
}

export function can(actor: Actor, action: Action, inv?: InvestigationAccess): boolean {
  if (!BY_ROLE[action].includes(actor.role)) return false;
  return inv === undefined || canSeeInvestigation(actor, inv);
}

export function rolesAllowed(action: Action): readonly Role[] {
  return BY_ROLE[action];
}
