import type { AppRole } from './session.js';

/** A link in the top navigation, shown to the roles named (to everyone signed in when none are). */
export interface NavItem {
  href: string;
  label: string;
  /** The page folder the link leads to: marks the current page. */
  page: string;
  roles?: readonly AppRole[];
}

/** The top navigation, in order. A page folder added under web/ adds its link here. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'Tehtävät', page: 'inbox' },
  { href: '/cases/', label: 'Asiat', page: 'cases', roles: ['NURSE', 'SOCIAL_COUNSELLOR', 'SOCIAL_WORKER', 'TEAM_LEAD'] },
  { href: '/intake/', label: 'Uusi asia', page: 'intake', roles: ['NURSE', 'SOCIAL_COUNSELLOR', 'SOCIAL_WORKER', 'TEAM_LEAD'] },
  { href: '/dashboard/', label: 'Tilannekuva', page: 'dashboard', roles: ['MANAGER', 'TEAM_LEAD', 'ADMIN'] },
  { href: '/admin/', label: 'Ylläpito', page: 'admin', roles: ['ADMIN'] },
];
