import { expect } from 'chai';
import { NO_WAIT } from '../../src/camunda-client.js';
import type { Page } from 'playwright-core';
import { caseWithIncident } from '../support/case-with-incident.js';
import { eventually } from '../support/eventually.js';
import { startTestService, type TestService } from '../support/service.js';
import { newPage, screenshot, signInAt } from './browser.js';

describe('browser: the case page shows where the pathway stopped, and the team lead retries it', () => {
  let t: TestService;
  let page: Page;
  let caseId: string;
  let jobKey: string;

  before(async () => {
    t = await startTestService();
    ({ caseId, jobKey } = await caseWithIncident(t, 'Tiimin tietoja ei löytynyt'));
    page = await newPage();
  });

  after(async () => {
    await page?.context().close();
    await t?.close();
  });

  it('shows the incident with its message, and "Yritä uudelleen" gives the failed step another try', async () => {
    // given
    await signInAt(page, `${t.service.url}/case/${caseId}`, 'minna.toivonen');
    const panel = page.locator('section.incidents');
    await panel.waitFor();
    expect(await panel.locator('h2').textContent()).to.equal('Polku on pysähtynyt (1)');
    expect(await panel.textContent())
      .to.include('Vaiheen kirjaaminen epäonnistui')
      .and.to.include('Tiimin tietoja ei löytynyt');
    await screenshot(page, 'case-incident');

    // when
    await panel.getByRole('button', { name: 'Yritä uudelleen' }).click();

    // then the panel goes, and the job can be taken again
    await panel.waitFor({ state: 'detached' });
    const job = await eventually('the job with its retry back', async () => {
      const { items } = await t.client.searchJobs({ filter: { jobKey: jobKey as never } }, NO_WAIT);
      return items[0]?.retries === 1 ? items[0] : undefined;
    });
    expect(job.state).to.not.equal('FAILED');
  });
});
