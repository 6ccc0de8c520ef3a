import { expect } from 'chai';
import type { Knex } from 'knex';
import type { Page } from 'playwright-core';
import { openRoutedTurkuCase, startAppWithoutEngine, type AppWithoutEngine } from '../support/app-without-engine.js';
import { newPage, screenshot, signInAt } from './browser.js';

const DAY_MS = 86_400_000;

describe('browser: the case page tells a deadline met on time from one met late or missed', () => {
  let knex: Knex;
  let app: AppWithoutEngine;
  let page: Page;
  const caseId = '8e3f9b2a-0c65-4e77-9f2a-5d4c9e1a2b33';

  before(async () => {
    app = await startAppWithoutEngine('browser_case_deadlines', { pages: true });
    knex = app.knex;
    await openRoutedTurkuCase(knex, caseId);
    const ago = (days: number) => new Date(Date.now() - days * DAY_MS);
    const deadline = (ruleId: string, dueAt: Date, metAt: Date | null, breachedAt: Date | null) => ({
      case_id: caseId,
      rule_id: ruleId,
      due_at: dueAt,
      met_at: metAt,
      breached_at: breachedAt,
      created_job_key: `deadlines-${caseId}`,
      register: 'SOCIAL',
    });
    await knex('deadlines').insert([
      deadline('shl-36-seitseman-arkipaivaa', ago(20), ago(25), null),
      deadline('shl-36-arvioinnin-aloitus-tavoite', ago(20), ago(5), ago(19)),
      deadline('shl-39-suunnitelman-tarkistus', ago(2), null, ago(1)),
      deadline('hallintolaki-oikaisuvaatimus-30-pv', new Date(Date.now() + 10 * DAY_MS), null, null),
    ]);
    page = await newPage();
    await signInAt(page, `${app.url}/case/${caseId}`, 'minna.toivonen');
  });

  after(async () => {
    await page?.context().close();
    await app?.close();
  });

  it('shows each deadline as met on time, met late, past due or open', async () => {
    const table = page.locator('#case-deadlines').locator('..');
    await table.getByText('Täyttyi myöhässä').waitFor();
    const standingOf = async (ruleId: string) =>
      (await table.locator(`tr[data-rule-id="${ruleId}"] td`).last().textContent())?.replace(/\s[\d.]+$/, '');
    expect(await standingOf('shl-36-seitseman-arkipaivaa')).to.equal('Täyttyi ajallaan');
    expect(await standingOf('shl-36-arvioinnin-aloitus-tavoite')).to.equal('Täyttyi myöhässä');
    expect(await standingOf('shl-39-suunnitelman-tarkistus')).to.equal('Ylittynyt');
    expect(await standingOf('hallintolaki-oikaisuvaatimus-30-pv')).to.equal('Avoin');
    await screenshot(page, 'case-deadline-standings');
  });
});
