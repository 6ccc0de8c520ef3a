import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { listConsents } from '../../../src/store/consent-repository.js';
import { getReferral } from '../../../src/store/referral-repository.js';
import { listScreenings } from '../../../src/store/screening-repository.js';
import { answers } from '../../../kit/pathway/answers.js';
import type { PathwayDriver } from '../pathway-driver.js';
import { expectStageHistory } from '../stage-history.js';

/** The paths through TUEN_TARVE: the criteria not met, and routing by hand. */
export function intakePaths(driver: () => PathwayDriver): void {
  it('should refer a case that does not meet the work-pair criteria to single-sector services', async () => {
    // given a case from Salo
    const d = driver();
    const caseId = await d.openCase({ municipality: 'Salo' });

    // when the screening finds the criteria not met and no consent
    const screening = await d.complete(caseId, 'screening-task', answers.screening(false, 'NONE'));

    // then the case ends in TUEN_TARVE, referred to single-sector services, with no pair
    expect(screening.candidateGroups).to.deep.equal(['tiimi-salo-somero']);
    const closed = await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
    expect(closed).to.deep.include({ outcome: 'SINGLE_SECTOR_REFERRAL', pair: null, openTasks: [] });
    expect(closed.team?.id).to.equal('salo-somero');
    expect(closed.region?.id).to.equal('salon-seutu');
    expectStageHistory(closed, ['TUEN_TARVE']);
    expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');

    // and the read model holds the referral and the screening, and no consent
    expect(await getReferral(d.knex, caseId)).to.include({ source: 'Terveysasema', reason: 'Alkoholin käyttö ja asumisen vaikeudet' });
    expect((await listScreenings(d.knex, caseId)).map((x) => [x.meetsPairCriteria, x.consentScope])).to.deep.equal([[false, 'NONE']]);
    expect(await listConsents(d.knex, caseId)).to.deep.equal([]);
    // and the screening is no health professional's assessment of care need (TervHL 51 §): that deadline stays unmet
    expect(closed.deadlines.find((x) => x.ruleId === 'tervhl-51-hoidon-tarpeen-arvio')).to.include({ metAt: null });
  });

  it('should refer a case to single-sector services against the criteria only with the reason recorded', async () => {
    // given a case considered for institutional rehabilitation, which the model always gives a pair
    const d = driver();
    const caseId = await d.openCase({ municipality: 'Turku' });

    // when the team member overrides the criteria because the client declines the pair
    await d.complete(caseId, 'screening-task', {
      ...answers.screening(false, 'NONE'),
      institutionalRehabOrHousingConsidered: true,
      pairCriteriaOverride: true,
      pairCriteriaOverrideReason: 'CLIENT_DECLINES_PAIR',
    });

    // then the case ends in TUEN_TARVE, and the screening keeps what the criteria said and why it went otherwise
    const closed = await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
    expect(closed).to.deep.include({ outcome: 'SINGLE_SECTOR_REFERRAL', pair: null, openTasks: [] });
    expectStageHistory(closed, ['TUEN_TARVE']);
    expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');
    const [screening] = await listScreenings(d.knex, caseId);
    expect(screening).to.include({ meetsPairCriteria: false, criteriaIndicated: true, criteriaOverrideReason: 'CLIENT_DECLINES_PAIR' });
  });

  it('should route a case by hand when its municipality is unknown, and close it when the client moves away', async () => {
    // given a pathway started by another system with a municipality code no team serves
    const d = driver();
    const caseId = randomUUID();
    await d.openCaseStartedElsewhere(caseId, '999');

    // when the area coordinator routes it to Turku's eastern team and the screening finds the criteria met
    const routing = await d.complete(caseId, 'manual-routing-task', answers.manualRouting('turku-ita'));
    const screening = await d.complete(caseId, 'screening-task', answers.screening(true));
    const assessing = await d.waitForTask(caseId, 'assessment-task');

    // then the case is the team's and its pair is formed from the team
    expect(routing.candidateGroups).to.deep.equal(['alueen-koordinaattori']);
    expect(screening.candidateGroups).to.deep.equal(['tiimi-turku-ita']);
    expect(assessing.team?.id).to.equal('turku-ita');
    expect(assessing.pair).to.deep.include({ manual: false });
    expect(assessing.pair?.nurse).to.include({ id: 'p-turku-ita-sh1', role: 'NURSE' });
    expect(assessing.pair?.socialWorker).to.include({ id: 'p-turku-ita-so1', role: 'SOCIAL_COUNSELLOR' });
    expectStageHistory(assessing, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI']);
    expect((await listConsents(d.knex, caseId)).map((x) => x.scope)).to.deep.equal(['BOTH']);

    // when the client moves away during the assessment
    await d.clientLeaves(caseId, 'MOVED_AWAY');

    // then the case closes from ARVIOINTI and the pair is released
    const closed = await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
    expect(closed).to.deep.include({ outcome: 'MOVED_AWAY', openTasks: [] });
    // the closed case still names its pair, released at the close
    expect(closed.pair?.releasedAt).to.be.a('string');
    expectStageHistory(closed, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI']);
    expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');
  });
}
