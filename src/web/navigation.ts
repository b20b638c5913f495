// The service navigation shown under the header: which sections a role sees, and which one the current
// page belongs to. Showing a link is a convenience, never the access check: every route and service
// still decides access for itself.

export const WEB_ROLES = ['officer', 'supervisor', 'imu', 'vwcu', 'compliance', 'admin'] as const;
export type WebRole = (typeof WEB_ROLES)[number];

export interface NavigationSection {
  text: string;
  href: string;
  roles: readonly WebRole[];
}

/** The sections, in the order they appear. Route modules should mount their pages under these paths. */
export const NAVIGATION_SECTIONS: readonly NavigationSection[] = [
  { text: 'My worklist', href: '/worklist', roles: ['officer', 'supervisor'] },
  { text: 'Team', href: '/team', roles: ['supervisor'] },
  { text: 'IMU queue', href: '/imu', roles: ['imu'] },
  { text: 'VWCU queue', href: '/vwcu', roles: ['vwcu'] },
  { text: 'Compliance', href: '/compliance', roles: ['supervisor', 'compliance', 'admin'] },
  { text: 'Breaches', href: '/breaches', roles: ['officer', 'supervisor', 'compliance', 'admin'] },
  { text: 'Search', href: '/search', roles: WEB_ROLES },
  { text: 'Admin', href: '/admin', roles: ['admin'] },
];

/** An item in the shape govukServiceNavigation takes. */
export interface NavigationItem {
  text: string;
  href: string;
  /** this exact page: aria-current="page" */
  current?: true;
  /** a page inside this section: aria-current="true" */
  active?: true;
}

export function isWebRole(role: unknown): role is WebRole {
  return typeof role === 'string' && (WEB_ROLES as readonly string[]).includes(role);
}

function pathOnly(path: string): string {
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  return bare.length > 1 ? bare.replace(/\/+$/, '') : bare;
}

/**
 * The navigation items for a role, marking the section the current path is in. An unknown or missing role
 * (signed out) gets no items.
 */
export function navigation(role: string | undefined | null, currentPath: string): NavigationItem[] {
  if (!isWebRole(role)) return [];
  const path = pathOnly(currentPath);
  return NAVIGATION_SECTIONS.filter((section) => section.roles.includes(role)).map((section) => {
    const item: NavigationItem = { text: section.text, href: section.href };
    if (path === section.href) item.current = true;
    else if (path.startsWith(`${section.href}/`)) item.active = true;
    return item;
  });
}
