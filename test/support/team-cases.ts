import type { Knex } from 'knex';
import { openCase, closeCase } from '../../src/store/case-repository.js';
import { recordConsent } from '../../src/store/consent-repository.js';
import { recordDeadlines } from '../../src/store/deadline-repository.js';
import { assignPair } from '../../src/store/pair-repository.js';
import { recordRouting } from '../../src/store/routing-repository.js';
import { enterStage } from '../../src/store/stage-repository.js';

const DAY_MS = 86_400_000;

/** Four cases as the workers would have written them: three of turku-keskusta, one of salo-somero. */
export const TEAM_CASES = {
  /** In its assessment, paired with Aino Virtanen and Juha Laitinen, consent to share, a deadline past due. */
  assessing: 'a0000000-0000-4000-8000-000000000001',
  /** At its screening, no pair yet, no consent, a deadline still open. */
  screening: 'a0000000-0000-4000-8000-000000000002',
  /** Closed: the client withdrew. */
  closed: 'a0000000-0000-4000-8000-000000000003',
  /** Another team's. */
  otherTeam: 'a0000000-0000-4000-8000-000000000004',
} as const;

export async function recordTeamCases(knex: Knex, now = new Date()): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const cases = [
    { caseId: TEAM_CASES.assessing, openedAt: ago(30), teamId: 'turku-keskusta', regionId: 'turun-seutu', municipalityCode: '853' },
    { caseId: TEAM_CASES.screening, openedAt: ago(20), teamId: 'turku-keskusta', regionId: 'turun-seutu', municipalityCode: '853' },
    { caseId: TEAM_CASES.closed, openedAt: ago(10), teamId: 'turku-keskusta', regionId: 'turun-seutu', municipalityCode: '853' },
    { caseId: TEAM_CASES.otherTeam, openedAt: ago(5), teamId: 'salo-somero', regionId: 'salon-seutu', municipalityCode: '734' },
  ];
  for (const c of cases) {
    await openCase(knex, { caseId: c.caseId, municipalityCode: c.municipalityCode, openedAt: c.openedAt, register: 'SOCIAL' });
    await recordRouting(knex, {
      caseId: c.caseId,
      teamId: c.teamId,
      regionId: c.regionId,
      at: c.openedAt,
      manual: false,
      jobKey: `route-${c.caseId}`,
    });
    await enterStage(knex, { caseId: c.caseId, stage: 'TUEN_TARVE', at: c.openedAt, jobKey: `enter-1-${c.caseId}` });
  }
  const { assessing, screening, closed } = TEAM_CASES;
  await recordConsent(knex, {
    caseId: assessing,
    scope: 'BOTH',
    givenAt: ago(29),
    recordedBy: 'p-turku-keskusta-so1',
    register: 'SOCIAL',
    jobKey: `consent-${assessing}`,
  });
  await assignPair(knex, {
    caseId: assessing,
    nurseId: 'p-turku-keskusta-sh1',
    socialWorkerId: 'p-turku-keskusta-so1',
    at: ago(28),
    jobKey: `pair-${assessing}`,
    manual: false,
  });
  await enterStage(knex, { caseId: assessing, stage: 'ARVIOINTI', at: ago(28), jobKey: `enter-2-${assessing}` });
  await recordDeadlines(knex, {
    caseId: assessing,
    jobKey: `deadlines-${assessing}`,
    deadlines: [{ ruleId: 'shl-39-suunnitelman-tarkistus', dueAt: ago(2).toISOString(), register: 'SOCIAL' }],
  });
  await recordDeadlines(knex, {
    caseId: screening,
    jobKey: `deadlines-${screening}`,
    deadlines: [{ ruleId: 'shl-36-seitseman-arkipaivaa', dueAt: new Date(now.getTime() + 3 * DAY_MS).toISOString(), register: 'SOCIAL' }],
  });
  await closeCase(knex, { caseId: closed, outcome: 'CLIENT_WITHDREW', at: ago(9), jobKey: `close-${closed}` });
}
