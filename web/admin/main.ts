import { h, replace } from '../shared/dom.js';
import { startPage, type PageContext } from '../shared/page.js';
import './admin.css';
import { listRegions, listTeams } from './admin-api.js';
import { groupsView } from './groups-view.js';
import { municipalitiesView } from './municipalities-view.js';
import { professionalsView } from './professionals-view.js';
import { teamsView } from './teams-view.js';

/** The admin sections, by the path segment after /admin/. */
const SECTIONS = [
  { path: '', title: 'Tiimit' },
  { path: 'tyontekijat', title: 'Työntekijät' },
  { path: 'kunnat', title: 'Kunnat' },
  { path: 'tyoryhmat', title: 'Työryhmien kokoukset' },
] as const;

void startPage({ page: 'admin', title: 'Ylläpito', roles: ['ADMIN'], render });

async function render({ main, params, setTitle }: PageContext): Promise<void> {
  const section = SECTIONS.find((s) => s.path === (params[0] ?? '')) ?? SECTIONS[0];
  setTitle(`Ylläpito: ${section.title}`);
  const nav = h(
    'nav',
    { class: 'sub-nav', 'aria-label': 'Ylläpidon osiot' },
    h(
      'ul',
      {},
      ...SECTIONS.map((s) =>
        h('li', {}, h('a', { href: `/admin/${s.path}`, ...(s === section ? { 'aria-current': 'page' } : {}) }, s.title)),
      ),
    ),
  );
  replace(main, nav, h('p', { role: 'status' }, 'Ladataan…'));
  const [teams, regions] = await Promise.all([listTeams(), listRegions()]);
  const view =
    section.path === 'tyontekijat'
      ? await professionalsView(teams, params[1])
      : section.path === 'kunnat'
        ? await municipalitiesView(teams, regions)
        : section.path === 'tyoryhmat'
          ? await groupsView()
          : await teamsView(teams, regions);
  replace(main, nav, view);
}
