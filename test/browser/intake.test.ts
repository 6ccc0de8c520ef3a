import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { getCase } from '../../src/store/case-repository.js';
import { eventually } from '../support/eventually.js';
import { startTestService, type TestService } from '../support/service.js';
import { newPage, screenshot, signInAt } from './browser.js';

describe('browser: a team opens a case from a referral on the intake page', () => {
  let t: TestService;
  let page: Page;

  before(async () => {
    t = await startTestService({ WORKERS: 'in-process' });
    page = await newPage();
    await signInAt(page, `${t.service.url}/intake/`, 'minna.toivonen');
    await page.getByLabel('Asiakkaan kotikunta').waitFor();
  });

  after(async () => {
    await page?.context().close();
    await t?.close();
  });

  it('names what is missing or wrong beside each field before anything is sent', async () => {
    // when the form is sent with a henkilötunnus whose check character is wrong and nothing else
    await page.getByLabel('Henkilötunnus').fill('131052-308U');
    await page.getByRole('button', { name: 'Avaa asia' }).click();

    // then
    await page.getByRole('alert').filter({ hasText: 'Tarkista merkityt kentät.' }).waitFor();
    expect(await page.locator('.field-error').allTextContents()).to.deep.equal([
      'Valitse kunta.',
      'Kerro, mistä yhteydenotto tuli.',
      'Kerro yhteydenoton syy.',
      'Anna asiakkaan nimi.',
      'Henkilötunnus ei ole kelvollinen: tarkista syntymäaika, välimerkki ja tarkistusmerkki.',
    ]);
    expect(await page.evaluate(() => document.activeElement?.id), 'focus on the first field to fix').to.equal('i-municipality');
    expect(await t.service.database.knex('cases').count<{ count: string }[]>('* as count')).to.deep.equal([{ count: '0' }]);
    await screenshot(page, 'intake-refused');
  });

  it('opens the case for the municipality’s team, with the referral and the facts the deadlines need', async () => {
    // when
    expect(await page.getByLabel('Tiimi', { exact: true }).isVisible(), 'no team to choose before the municipality').to.equal(false);
    await page.getByLabel('Asiakkaan kotikunta').selectOption({ label: 'Turku – Åbo' });
    expect(await page.getByLabel('Tiimi', { exact: true }).isVisible(), 'Turku has other teams to choose from').to.equal(true);
    await page.getByLabel('Mistä yhteydenotto tuli').fill('Terveysasema');
    await page.getByLabel('Yhteydenoton syy').fill('Alkoholin käyttö ja asumisen vaikeudet');
    await page.getByLabel('Kiireellinen avun tarve').check();
    await page.getByLabel('Nimi', { exact: true }).fill('Maija Meikäläinen');
    await page.getByLabel('Henkilötunnus').fill('131052-308t');
    await page.getByRole('button', { name: 'Avaa asia' }).click();

    // then
    const link = page.getByRole('link', { name: 'Avaa asian sivu' });
    await link.waitFor();
    await screenshot(page, 'intake-opened');
    const caseId = (await link.getAttribute('href'))!.replace('/case/', '');
    const opened = await getCase(t.service.database.knex, caseId);
    expect(opened).to.deep.include({ municipalityCode: '853', teamHint: null, specialSupportNeed: false });
    expect(opened!.attributes).to.include({ urgent: true, pregnant: false });
    const referral = await t.service.database.knex('case_referrals').where({ case_id: caseId }).first();
    expect(referral).to.include({ source: 'Terveysasema', reason: 'Alkoholin käyttö ja asumisen vaikeudet' });

    // and once routed, the case page shows the case at its team
    await eventually('the routing', async () => (await getCase(t.service.database.knex, caseId))?.teamId === 'turku-keskusta');
    await link.click();
    await page.getByText('Turun keskusta').first().waitFor();
    expect(await page.locator('.identity').textContent()).to.include('131052-308T');
  });
});
