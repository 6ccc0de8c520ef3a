import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../kit/http-session.js';
import { startTestService, type TestService } from '../support/service.js';
import { newPage, screenshot, signInAt } from './browser.js';
import { caseAtAssessment, openTask, usernameOf } from './case-at-assessment.js';

const NOW = { consistency: { waitUpToMs: 0 } } as const;
const ASSESSMENT = 'Yhteinen palvelutarpeen arviointi (sote-asiakaskartoitus)';
const PLAN = 'Yhteinen hoito- ja asiakassuunnitelma';

describe('browser: inbox, task form and case view', () => {
  let t: TestService;
  let caseId: string;
  let pair: { nurse_id: string; social_worker_id: string };

  before(async () => {
    t = await startTestService({ WORKERS: 'in-process' });
    ({ caseId, pair } = await caseAtAssessment(t));
  });
  after(async () => {
    await t?.close();
  });

  it('a nurse of the pair signs in, fills the client survey of the assessment task and sees the next task', async () => {
    const page = await newPage();
    // given the pair's nurse in the inbox
    await signInAt(page, `${t.service.url}/`, usernameOf(pair.nurse_id));
    const row = page.locator('tr', { hasText: ASSESSMENT }).filter({ has: page.locator(`a[href="/case/${caseId}"]`) });
    await row.waitFor();
    expect(await row.textContent())
      .to.include('Yhteinen hoidon ja palvelutarpeen arviointi')
      .and.to.include('Turun keskusta')
      .and.to.include('Vapaa');
    await screenshot(page, 'inbox');
    await page.getByRole('button', { name: 'Päivitä lista' }).click();
    await row.waitFor();
    // when she opens the task, claims it, fills the survey and submits
    const taskHref = await row.getByRole('link', { name: ASSESSMENT }).getAttribute('href');
    await row.getByRole('link', { name: ASSESSMENT }).click();
    await page.locator('.fjs-form').waitFor();
    await page.getByRole('button', { name: 'Ota työn alle' }).click();
    await page.getByRole('button', { name: 'Vapauta tehtävä' }).waitFor();
    // the form's heading has the focus, and no field says it is missing before anything is typed
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('task-form-heading');
    expect(await page.locator('.fjs-form-field-error').count()).to.equal(0);
    await page.getByRole('button', { name: 'Merkitse valmiiksi' }).click();
    await page.getByText('Lomakkeessa on puutteita').waitFor();
    expect(await page.locator('.fjs-form-field-error').first().textContent()).to.include('Kenttä on pakollinen.');
    // and a failed submit takes the focus to the first field to put right
    expect(await page.evaluate(() => document.activeElement?.closest('.fjs-has-errors') !== null)).to.equal(true);
    await fillClientSurvey(page);
    await screenshot(page, 'form');
    await page.getByRole('button', { name: 'Merkitse valmiiksi' }).click();
    // then the inbox says it is done and links the case's next task, the plan
    await page.waitForURL(/\/\?valmis=/);
    const notice = page.locator('.notice', { hasText: 'Asian seuraava tehtävä' });
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.getByRole('link').textContent()).to.equal(PLAN);
    await screenshot(page, 'inbox-after-completion');
    // and the done task, opened again, is shown read-only
    await page.goto(`${t.service.url}${taskHref}`);
    await page.getByText('Tehtävä on jo käsitelty.').waitFor();
    expect(await page.getByRole('button', { name: 'Merkitse valmiiksi' }).count()).to.equal(0);
    const survey = await t.client.searchVariables({ filter: { name: 'stageOfChange' } }, NOW);
    expect(survey.items.map((v) => JSON.parse(v.value))).to.include('HARKINTA');
    await page.context().close();
  });

  it('the pair’s other member sees the case: its stages, the pair and the client', async () => {
    const page = await newPage();
    await signInAt(page, `${t.service.url}/case/${caseId}`, usernameOf(pair.social_worker_id));
    await page.locator('.djs-container').waitFor();
    const timeline = page.locator('#case-timeline').locator('..');
    expect(await timeline.textContent())
      .to.include('Yhteinen hoidon ja palvelutarpeen arviointi')
      .and.to.include('Yhteinen hoito- ja asiakassuunnitelma');
    expect(await page.locator('.timeline li[aria-current="step"]').textContent()).to.include('Yhteinen hoito- ja asiakassuunnitelma');
    expect(await page.locator('.identity').textContent())
      .to.include('Maija Meikäläinen')
      .and.to.include('131052-308T');
    expect(await page.locator('.djs-element.case-active').count()).to.be.greaterThan(0);
    await screenshot(page, 'case-view');
    await page.context().close();
  });

  it('a user of another team cannot open the case or its task', async () => {
    const page = await newPage();
    const plan = await openTask(t, caseId, 'plan-task');
    // signing in with the keyboard alone: the username field has focus, Tab moves on, Enter submits
    await page.goto(`${t.service.url}/case/${caseId}`);
    await page.getByLabel('Käyttäjätunnus').waitFor();
    await page.keyboard.type(usernameOf('p-salo-somero-sh1'));
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByText('Sinulla ei ole oikeutta tähän. Asia').waitFor();
    expect(await page.getByRole('alert').first().textContent(), 'the page says why').to.include(
      'ei ole tiimisi, työparisi eikä alueellisen työryhmäsi asia',
    );
    expect(await page.locator('.identity').count()).to.equal(0);
    await page.goto(`${t.service.url}/task/${plan.userTaskKey}`);
    await page.getByText('Sinulla ei ole oikeutta tähän.').waitFor();
    expect(await page.locator('.fjs-form').count()).to.equal(0);
    await page.context().close();
  });
});

/** What the nurse types into the asiakaskartoitus form (process-application/forms/asiakaskartoitus.form). */
async function fillClientSurvey(page: Page): Promise<void> {
  const field = (key: string) => page.locator(`[id$="-asiakaskartoitus-${key}"]`);
  const scores = {
    housingScore: 4,
    livelihoodScore: 3,
    substanceUseScore: 5,
    mentalHealthScore: 3,
    physicalHealthScore: 2,
    relationshipsScore: 3,
    dailyActivityScore: 4,
  };
  for (const [key, score] of Object.entries(scores)) await field(key).fill(String(score));
  await field('auditScore').fill('24');
  await field('substanceUseNote').fill('Päivittäistä alkoholin käyttöä.');
  await page.getByLabel('Harkinta – muutos mahdollinen puolen vuoden sisällä').click();
  await page.getByLabel('Yhteistyöasiakkuus – hyvät voimavarat, monimutkainen tilanne').click();
  await field('clientGoals').fill('Päihteettömyys ja oma asunto');
  await page.getByLabel('Asiakas ei pelaa rahapelejä').click();
  await field('clientOwnView').fill('Haluan lopettaa juomisen ja saada oman asunnon.');
  await field('clientStrengths').fill('Sisar tukee, aiempi raitis jakso.');
  await page.getByLabel('Hyvät voimavarat: pärjään pääosin itse').click();
  await page.getByLabel('Monimutkainen tilanne: useita palveluja ja toimijoita yhteensovitettavana').click();
  await page.getByLabel('Ei alaikäisiä lapsia').click();
  await page.getByLabel('Läheisten tuen tarve arvioitu: ei tarvetta').click();
  await field('situationSummary').fill('Runsas alkoholinkäyttö, asunto vaarassa.');
  await page.getByLabel('Edellytykset täyttyvät: asiakkuus jatkuu suunnitelmaan').click();
  await page.getByLabel('Päihdesairaanhoitaja vahvistaa terveydenhuollon osuuden (kirjattu potilasrekisteriin)').check();
  await page
    .getByLabel('Työparin sosiaalihuollon jäsen vahvistaa sosiaalihuollon osuuden (kirjattu sosiaalihuollon asiakasrekisteriin)')
    .check();
}
