import { ElementId, ProcessDefinitionId } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { eventually } from '../../kit/eventually.js';
import { NO_WAIT } from '../../src/camunda-client.js';
import { nextMeeting, type MeetingCalendar } from '../../src/domain/meetings.js';
import { STAGE_CODES, type StageCode } from '../../src/domain/stages.js';
import { type CaseStory, recordStory } from '../dashboard/pathway-rows.js';
import { startTestService, type TestService } from '../support/service.js';
import { newPage, screenshot, signInAt } from './browser.js';

const DAY = 86_400_000;
const D0 = Date.parse('2026-09-01T07:00:00Z');
const TEAMS = [
  { teamId: 'turku-keskusta', regionId: 'turun-seutu' },
  { teamId: 'turku-ita', regionId: 'turun-seutu' },
  { teamId: 'kaarina-paimio-sauvo', regionId: 'turun-seutu' },
  { teamId: 'salo-somero', regionId: 'salon-seutu' },
  { teamId: 'loimaa', regionId: 'loimaan-seutu' },
  { teamId: 'uusikaupunki-vakka', regionId: 'vakka-suomi' },
];
const PATH: StageCode[] = STAGE_CODES.filter((s) => s !== 'PAATTYMINEN');
const regions: { id: string; meetingCalendar: MeetingCalendar }[] = JSON.parse(readFileSync('seed/regions.json', 'utf8'));
const people: { id: string; teamId: string; role: string }[] = JSON.parse(readFileSync('seed/professionals.json', 'utf8'));

/** Three dozen cases spread over teams and stages, some late, some closed, some waiting for a group. */
function stories(): CaseStory[] {
  return Array.from({ length: 36 }, (_, i) => {
    const team = TEAMS[i % TEAMS.length];
    const length = (i % PATH.length) + 1;
    const stages = PATH.slice(0, length).map((stage, k) => ({ stage, at: new Date(D0 + i * DAY * 0.7 + k * ((i % 5) + 2) * DAY) }));
    const nurses = people.filter((p) => p.teamId === team.teamId && p.role === 'NURSE');
    const social = people.filter((p) => p.teamId === team.teamId && p.role === 'SOCIAL_COUNSELLOR');
    const last = stages.at(-1)!;
    return {
      ...team,
      stages,
      ...(length > 1 ? { pair: { nurseId: nurses[i % nurses.length].id, socialWorkerId: social[i % social.length].id } } : {}),
      ...(last.stage === 'TYORYHMAKASITTELY'
        ? {
            groupBooking: {
              regionId: team.regionId,
              meetingAt: new Date(nextMeeting(regions.find((r) => r.id === team.regionId)!.meetingCalendar, new Date())!.startsAt),
            },
          }
        : {}),
      deadline: {
        ruleId: 'shl-36-arvioinnin-aloitus-tavoite',
        dueAt: new Date(stages[0].at.getTime() + 7 * DAY),
        ...(i % 4 === 0 ? {} : { metAt: new Date(stages[0].at.getTime() + (i % 3 === 0 ? 9 : 3) * DAY) }),
      },
      ...(i % 9 === 4 ? { closed: { at: new Date(last.at.getTime() + 2 * DAY), outcome: 'CLIENT_WITHDREW' as const } } : {}),
    };
  });
}

async function tableRows(page: Page, section: string, key: string): Promise<Record<string, string[]>> {
  return page.$$eval(
    `#${section} tbody tr`,
    (rows, attr) =>
      Object.fromEntries(
        rows.map((r) => [
          attr
            .split(',')
            .map((a) => r.getAttribute(a))
            .join('|'),
          [...r.children].map((c) => c.textContent ?? ''),
        ]),
      ),
    key,
  );
}

describe('manager dashboard in the browser', () => {
  let t: TestService;
  let page: Page;

  /** Open cases per team and current stage in the region, straight from the read model. */
  async function readModelActive(regionId: string, teamId?: string): Promise<Record<string, number>> {
    const rows: { team_id: string; stage: string; n: number }[] = await t.service.database
      .knex('cases as c')
      .join('stage_history as s', (j) => j.on('s.case_id', 'c.case_id').andOnNull('s.left_at'))
      .whereNull('c.closed_at')
      .where('c.region_id', regionId)
      .modify((q) => {
        if (teamId) q.where('c.team_id', teamId);
      })
      .groupBy('c.team_id', 's.stage')
      .select('c.team_id', 's.stage', t.service.database.knex.raw('count(*)::int as n'));
    return Object.fromEntries(rows.map((r) => [`${r.team_id}|${r.stage}`, r.n]));
  }

  before(async () => {
    t = await startTestService();
    const knex = t.service.database.knex;
    for (const story of stories()) await recordStory(knex, story);
    for (let i = 0; i < 4; i++) {
      const created = await t.client.createProcessInstance({
        processDefinitionId: ProcessDefinitionId.assumeExists('sote-tyoparipolku'),
        variables: { caseId: randomUUID(), municipality: '853', assessmentDueDate: '2099-12-31T23:59:59+02:00' },
      });
      await recordStory(knex, {
        ...TEAMS[0],
        stages: [{ stage: 'TUEN_TARVE', at: new Date() }],
        processInstanceKey: String(created.processInstanceKey),
      });
    }
    // Search is eventually consistent (a cluster's lags behind its commands): the diagram's badges read it.
    await eventually('the four instances waiting in the first stage, as search sees them', async () => {
      const waiting = await t.client.searchElementInstances(
        { filter: { elementId: ElementId.assumeExists('stage-tuen-tarve'), state: 'ACTIVE' } },
        NO_WAIT,
      );
      return waiting.items.length === 4;
    });
    page = await newPage();
  });

  after(async () => {
    await page?.context().close();
    await t?.close();
  });

  it('should show a manager their region’s figures from the read model, as charts and tables, with the diagram', async () => {
    // given: the Turku region's manager signs in
    await signInAt(page, `${t.service.url}/dashboard/`, 'anne.lehtonen');

    // when
    await page.waitForSelector('#aktiiviset tbody tr', { state: 'attached' });
    await page.waitForSelector('.count-badge');

    // then: every open case of the region per team and stage, as the read model has it
    const expected = await readModelActive('turun-seutu');
    const shown = await tableRows(page, 'aktiiviset', 'data-team,data-stage');
    expect(Object.fromEntries(Object.entries(shown).map(([key, cells]) => [key, Number(cells[2])]))).to.deep.equal(expected);
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(await page.textContent('[data-figure=avoimet] strong')).to.equal(String(total));
    expect(await page.locator('#aktiiviset svg.bar-chart rect.bar').count()).to.be.greaterThan(0);

    // and each pair member's caseload in the region
    const loads: { professional_id: string; n: number }[] = await t.service.database.knex
      .from(
        t.service.database
          .knex('pair_assignments')
          .whereNull('released_at')
          .select('nurse_id as professional_id')
          .unionAll((q) => q.from('pair_assignments').whereNull('released_at').select('social_worker_id'))
          .as('m'),
      )
      .groupBy('professional_id')
      .select('professional_id', t.service.database.knex.raw('count(*)::int as n'));
    const caseloads = await tableRows(page, 'kuormitus', 'data-professional');
    const regionPeople = new Set(
      people.filter((p) => TEAMS.some((team) => team.teamId === p.teamId && team.regionId === 'turun-seutu')).map((p) => p.id),
    );
    const regionLoads = loads.filter((load) => regionPeople.has(load.professional_id));
    expect(regionLoads).to.have.length.above(0);
    for (const load of regionLoads) expect(Number(caseloads[load.professional_id][3]), load.professional_id).to.equal(load.n);

    // and the diagram's badges: the four started instances wait in the first stage
    expect(await page.textContent('.count-badge[data-element=stage-tuen-tarve]')).to.equal('4');
    await screenshot(page, 'dashboard');
  });

  it('should narrow the figures to one team with the filter', async () => {
    // when
    await page.getByLabel('Tiimi').selectOption('turku-ita');
    await page.getByRole('button', { name: 'Näytä' }).click();
    await page.waitForURL(/teamId=turku-ita/);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#aktiiviset tbody tr')].every((r) => r.getAttribute('data-team') === 'turku-ita'),
    );

    // then
    const shown = await tableRows(page, 'aktiiviset', 'data-team,data-stage');
    expect(Object.fromEntries(Object.entries(shown).map(([key, cells]) => [key, Number(cells[2])]))).to.deep.equal(
      await readModelActive('turun-seutu', 'turku-ita'),
    );
    expect(await page.getByLabel('Alue').isDisabled()).to.equal(true);
    await screenshot(page, 'dashboard-team');
  });

  it('should say reversed dates beside the fields and keep the figures shown', async () => {
    // given the figures of the team
    const shownBefore = await tableRows(page, 'aktiiviset', 'data-team,data-stage');

    // when
    await page.getByLabel('Alkaen').fill('2026-11-30');
    await page.getByLabel('Päättyen').fill('2026-11-01');
    await page.getByRole('button', { name: 'Näytä' }).click();

    // then
    const problem = page.getByRole('alert').filter({ hasText: 'Päättymispäivä on ennen alkamispäivää' });
    await problem.waitFor();
    expect(await page.getByLabel('Päättyen').getAttribute('aria-invalid')).to.equal('true');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('f-to');
    expect(page.url()).not.to.include('from=2026-11-30');
    expect(await tableRows(page, 'aktiiviset', 'data-team,data-stage')).to.deep.equal(shownBefore);
    await screenshot(page, 'dashboard-reversed-dates');

    // and when the dates are put right, the problem goes
    await page.getByLabel('Päättyen').fill('2026-12-31');
    await page.getByRole('button', { name: 'Näytä' }).click();
    await page.waitForURL(/to=2026-12-31/);
    expect(await problem.isHidden()).to.equal(true);
  });
});
