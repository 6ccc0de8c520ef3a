import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startAppWithoutEngine, type AppWithoutEngine } from '../support/app-without-engine.js';
import { recordTeamCases, TEAM_CASES } from '../support/team-cases.js';
import { newPage, screenshot, signInAt } from './browser.js';

describe('browser: the case list of the team and the pair', () => {
  let app: AppWithoutEngine;
  let page: Page;
  const listed = () => page.$$eval('table.case-list tbody tr', (rows) => rows.map((r) => r.getAttribute('data-case-id')));

  before(async () => {
    app = await startAppWithoutEngine('browser_case_list', { pages: true });
    await recordTeamCases(app.knex);
    page = await newPage();
    await signInAt(page, `${app.url}/cases/`, 'minna.toivonen');
    await page.getByText('2 asiaa.').waitFor();
  });

  after(async () => {
    await page?.context().close();
    await app?.close();
  });

  it('lists the team’s open cases with stage, pair and a deadline past due marked', async () => {
    expect(await listed()).to.deep.equal([TEAM_CASES.screening, TEAM_CASES.assessing]);
    const assessing = page.locator(`tr[data-case-id="${TEAM_CASES.assessing}"]`);
    expect(await assessing.textContent())
      .to.include('Aino Virtanen ja Juha Laitinen')
      .and.to.include('(ylittynyt)');
    await screenshot(page, 'case-list');
  });

  it('narrows to the cases with a deadline past due, and shows the closed ones on request', async () => {
    await page.getByLabel('Vain ne, joilla on ylittynyt määräaika').check();
    await page.getByRole('button', { name: 'Näytä' }).click();
    await page.getByText('1 asiaa.').waitFor();
    expect(await listed()).to.deep.equal([TEAM_CASES.assessing]);

    await page.getByLabel('Vain ne, joilla on ylittynyt määräaika').uncheck();
    await page.getByLabel('Tila').selectOption('closed');
    await page.getByRole('button', { name: 'Näytä' }).click();
    await page.locator(`tr[data-case-id="${TEAM_CASES.closed}"]`).waitFor();
    expect(await listed()).to.deep.equal([TEAM_CASES.closed]);
    expect(await page.locator(`tr[data-case-id="${TEAM_CASES.closed}"]`).textContent()).to.include('Päättynyt');
  });

  it('opens a case from its link', async () => {
    await page.getByRole('link', { name: TEAM_CASES.closed.slice(0, 8) }).click();
    await page.waitForURL(`**/case/${TEAM_CASES.closed}`);
  });
});
