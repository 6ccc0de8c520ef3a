import { errorMessage } from '../shared/api.js';
import { h, replace } from '../shared/dom.js';
import { startPage, type PageContext } from '../shared/page.js';
import './dashboard.css';
import { loadFigures, loadHeatmap, loadOptions, queryString, type DashboardQuery, type Options } from './dashboard-data.js';
import { diagramPanel } from './diagram-panel.js';
import { filterForm, queryFromUrl } from './filters.js';
import { keyFigures } from './key-figures.js';
import { breachesPanel, caseloadPanel, queuesPanel } from './org-panels.js';
import { activeCasesPanel, durationsPanel } from './stage-panels.js';
import { stalledIntakesPanel } from './stalled-panel.js';

void startPage({ page: 'dashboard', title: 'Tilannekuva', roles: ['MANAGER', 'TEAM_LEAD', 'ADMIN'], render });

async function render({ main, session }: PageContext): Promise<void> {
  const options = await loadOptions();
  const { role, regionId, teamId } = session.principal;
  const fixed = role === 'MANAGER' ? { regionId } : role === 'TEAM_LEAD' ? { teamId } : {};
  const content = h('div', { class: 'dashboard', 'aria-live': 'polite', 'aria-busy': 'true' });
  const show = async (query: DashboardQuery) => {
    history.replaceState(null, '', `${location.pathname}${queryString(query)}`);
    content.setAttribute('aria-busy', 'true');
    try {
      await drawFigures(content, options, query);
    } catch (error) {
      replace(content, h('p', { class: 'error', role: 'alert' }, errorMessage(error)));
    } finally {
      content.setAttribute('aria-busy', 'false');
    }
  };
  replace(
    main,
    h(
      'p',
      { class: 'lead' },
      'Sote-työparipolun tilanne: avoimet asiakkuudet, vaiheiden kestot, työryhmien jonot, työparien kuormitus ja määräajat. Vain koostetietoja, ei asiakkaiden tunnistetietoja.',
    ),
    filterForm(options, queryFromUrl(), fixed, (query) => void show(query)),
    h('p', { class: 'muted' }, 'Ajanjakso koskee vaiheiden kestoja ja määräaikoja; muut luvut kuvaavat nykytilannetta.'),
    content,
  );
  await show(queryFromUrl());
}

async function drawFigures(content: HTMLElement, options: Options, query: DashboardQuery): Promise<void> {
  const figures = await loadFigures(query);
  const teams = new Map(options.teams.map((t) => [t.id, t.name]));
  const teamName = (id: string | null) => (id === null ? 'Ei vielä ohjattu tiimille' : (teams.get(id) ?? id));
  replace(
    content,
    stalledIntakesPanel(figures.stalled),
    keyFigures(figures),
    h(
      'div',
      { class: 'dashboard-grid' },
      activeCasesPanel(figures.active, options, teamName),
      durationsPanel(figures.durations),
      queuesPanel(figures.queues),
      caseloadPanel(figures.caseloads, teamName),
      breachesPanel(figures.breaches, teamName),
    ),
    diagramPanel(loadHeatmap(query)),
  );
}
