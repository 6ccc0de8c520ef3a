import { expect } from 'chai';
import type { Knex } from 'knex';
import type { Page } from 'playwright-core';
import { openCase } from '../../src/store/case-repository.js';
import { openRoutedTurkuCase, startAppWithoutEngine, type AppWithoutEngine } from '../support/app-without-engine.js';
import { newPage, screenshot, signInAt } from './browser.js';

describe('browser: the pages while the engine cannot be reached', () => {
  let knex: Knex;
  let app: AppWithoutEngine;
  let url: string;
  let page: Page;
  const caseId = '6c1d7f0e-8a43-4c55-9d1e-3b2a7c9e0f11';
  const stalledCaseId = '7d2e8a1f-9b54-4d66-8e2f-4c3b8d0f1a22';

  before(async () => {
    app = await startAppWithoutEngine('browser_engine_unavailable', { pages: true });
    knex = app.knex;
    url = app.url;
    // a routed case of turku-keskusta, and a Turku case the reconciler has stalled on
    await openRoutedTurkuCase(knex, caseId);
    await openCase(knex, { caseId: stalledCaseId, municipalityCode: '853', openedAt: new Date(), register: 'SOCIAL' });
    await knex('cases')
      .where({ case_id: stalledCaseId })
      .update({
        pathway_attempts: 5,
        pathway_stalled_at: knex.fn.now(),
        pathway_retry_at: knex.raw("now() + interval '1 hour'"),
        pathway_last_error: `the pathway of case ${stalledCaseId} could not be looked up: fetch failed`,
      });
    page = await newPage();
    await signInAt(page, `${url}/case/${caseId}`, 'minna.toivonen');
  });

  after(async () => {
    await page?.context().close();
    await app?.close();
  });

  it('the case page shows the read model and says the tasks and diagram come back with the engine', async () => {
    const notice = page.getByRole('status').filter({ hasText: 'Prosessimoottoria ei juuri nyt tavoiteta' });
    await notice.waitFor();
    expect(await notice.textContent()).to.include('tehtävät ja kaavio näkyvät, kun yhteys palaa');
    expect(await page.locator('#case-summary').locator('..').textContent()).to.include('Turun keskusta');
    await page.getByText('Kaavio näkyy, kun prosessimoottori taas vastaa.').waitFor();
    await screenshot(page, 'case-view-engine-unavailable');
  });

  it('the inbox says the engine cannot be reached and that it will ask again', async () => {
    await page.goto(`${url}/`);
    await page.getByText('Prosessimoottoria ei juuri nyt tavoiteta. Tehtävälista haetaan uudelleen hetken kuluttua.').waitFor();
    expect(await page.locator('[role="status"][aria-live="polite"]').textContent()).to.include('haetaan uudelleen');
  });

  it('the dashboard shows the team lead the intake whose pathway does not start', async () => {
    await page.goto(`${url}/dashboard/`);
    const row = page.locator(`#jumissa tr[data-case-id="${stalledCaseId}"]`);
    await row.waitFor();
    expect(await page.locator('#jumissa-heading').textContent()).to.equal('Polku ei käynnisty (1)');
    expect(await row.textContent())
      .to.include('Turku')
      .and.to.include('Turun keskusta')
      .and.to.include('could not be looked up');
    await screenshot(page, 'dashboard-stalled-intakes');
  });
});
