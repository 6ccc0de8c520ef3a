import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startTestService, type TestService } from '../support/service.js';
import { newPage, screenshot, signInAt } from './browser.js';

describe('admin pages in the browser', () => {
  let t: TestService;
  let page: Page;

  before(async () => {
    t = await startTestService();
    page = await newPage();
  });

  after(async () => {
    await page?.context().close();
    await t?.close();
  });

  it('should let an admin change a professional’s capacity and show a refusal beside its field', async () => {
    // given
    await signInAt(page, `${t.service.url}/admin/tyontekijat/loimaa`, 'outi.kallio');
    const nurse = page.locator('tr[data-professional="p-loimaa-sh1"]');
    const lead = page.locator('tr[data-professional="p-loimaa-esihenkilo"]');

    // when
    await nurse.getByLabel('Kapasiteetti').fill('7');
    await nurse.getByRole('button', { name: 'Tallenna' }).click();
    await nurse.getByText('Tallennettu.').waitFor();
    await lead.getByLabel('Kapasiteetti').fill('5');
    await lead.getByRole('button', { name: 'Tallenna' }).click();

    // then
    await lead.locator('.field-error').waitFor();
    expect(await lead.locator('.field-error').textContent()).to.contain('kapasiteetin on oltava 0');
    expect(await lead.getByLabel('Kapasiteetti').getAttribute('aria-invalid')).to.equal('true');
    const stored = await t.service.database
      .knex('professionals')
      .whereIn('id', ['p-loimaa-sh1', 'p-loimaa-esihenkilo'])
      .orderBy('id')
      .pluck('capacity');
    expect(stored).to.deep.equal([0, 7]);
    await screenshot(page, 'admin-professionals');
  });

  it('should save a working group’s meeting calendar edited in the form', async () => {
    // given
    await page.goto(`${t.service.url}/admin/tyoryhmat`);
    const group = page.locator('form[data-region="vakka-suomi"]');

    // when
    await group.getByLabel('Kellonaika').fill('09:30');
    await group.getByRole('button', { name: 'Tallenna aikataulu' }).click();
    await page.locator('form[data-region="vakka-suomi"] .next-meetings').getByText('klo 09.30').first().waitFor();

    // then
    const region = await t.service.database.knex('regions').where({ id: 'vakka-suomi' }).first();
    expect(region.meeting_calendar).to.deep.equal([{ kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'MONDAY', time: '09:30', ordinals: [1] }]);
    await page.goto(`${t.service.url}/admin/`);
    await page.locator('form[data-team="loimaa"] summary').click();
    await screenshot(page, 'admin-teams');
  });
});
