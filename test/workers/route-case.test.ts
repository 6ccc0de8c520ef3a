import { expect } from 'chai';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { BusinessError, InvalidInputError } from '../../src/jobs/definition.js';
import { getCase } from '../../src/store/case-repository.js';
import { listDeadlines } from '../../src/store/deadline-repository.js';
import { routingHistory } from '../../src/store/routing-repository.js';
import { handle, Input } from '../../workers/route-case.js';
import { countRows, depsAt, jobContext, openTestCase, rejectionOf, workerKnex } from './fixtures.js';

describe('worker route-case', () => {
  let knex: Knex;

  before(async () => {
    knex = await workerKnex('workers_route_case');
  });

  after(async () => {
    await knex.destroy();
  });

  describe('#handle', () => {
    it('should route a Turku case to its default team and region and start its deadlines', async () => {
      // given a case opened on Tuesday 10 March 2026
      const { caseId } = await openTestCase(knex);
      const job = jobContext();

      // when
      const output = await handle({ caseId, municipality: 'Turku' }, depsAt(knex), job);

      // then the assessment is due by the proposed target: 7 weekdays after the contact day
      expect(output).to.deep.equal({
        teamId: 'turku-keskusta',
        regionId: 'turun-seutu',
        consultantId: 'p-turku-keskusta-konsultti',
        assessmentDueDate: '2026-03-19T23:59:59+02:00',
      });
      expect(await getCase(knex, caseId)).to.include({ teamId: 'turku-keskusta', regionId: 'turun-seutu' });
      const [routing] = await routingHistory(knex, caseId);
      expect(routing).to.include({ teamId: 'turku-keskusta', manual: false, jobKey: job.jobKey });
      expect((await listDeadlines(knex, caseId)).map((d) => d.ruleId)).to.have.members([
        'shl-36-arvioinnin-aloitus-tavoite',
        'tervhl-51-hoidon-tarpeen-arvio',
      ]);
    });

    it('should accept the municipality as its code and follow a team hint', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      const output = await handle({ caseId, municipality: 853, teamHint: 'turku-ita' }, depsAt(knex), jobContext());

      // then
      expect(output).to.include({ teamId: 'turku-ita', regionId: 'turun-seutu' });
    });

    it('should make an urgent case’s assessment due the same day', async () => {
      // given
      const { caseId } = await openTestCase(knex, { attributes: { urgent: true } });

      // when
      const output = await handle({ caseId, municipality: '853' }, depsAt(knex), jobContext());

      // then
      expect(output.assessmentDueDate).to.equal('2026-03-10T23:59:59+02:00');
    });

    it('should count the deadlines from the day the case was opened, not from the day the job runs', async () => {
      // given a case opened on Thursday 2 April 2026, before Easter, routed a week later
      const { caseId } = await openTestCase(knex, { openedAt: new Date('2026-04-02T10:00:00Z'), attributes: { ageOver75: true } });

      // when
      const output = await handle({ caseId, municipality: '853' }, depsAt(knex, new Date('2026-04-09T10:00:00Z')), jobContext());

      // then Good Friday and Easter Monday are not weekdays
      expect(output.assessmentDueDate).to.equal('2026-04-15T23:59:59+03:00');
      expect((await listDeadlines(knex, caseId)).map((d) => d.ruleId)).to.include('shl-36-seitseman-arkipaivaa');
    });

    it('should write one routing and one set of deadlines when the same job is delivered twice', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      const job = jobContext();

      // when
      const first = await handle({ caseId, municipality: 'Turku' }, depsAt(knex), job);
      const second = await handle({ caseId, municipality: 'Turku', teamHint: 'turku-lansi' }, depsAt(knex), job);

      // then the redelivery answers what the first delivery stored
      expect(second).to.deep.equal(first);
      expect(await countRows(knex, 'case_routings', caseId)).to.equal(1);
      expect(await countRows(knex, 'deadlines', caseId)).to.equal(2);
    });

    it('should raise UNKNOWN_MUNICIPALITY for a municipality no team serves', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      const error = await rejectionOf(handle({ caseId, municipality: 'Tampere' }, depsAt(knex), jobContext()));

      // then
      expect(error).to.be.instanceOf(BusinessError).and.include({ code: 'UNKNOWN_MUNICIPALITY' });
      expect(await countRows(knex, 'case_routings', caseId)).to.equal(0);
    });

    it('should raise UNKNOWN_MUNICIPALITY for a case without a municipality', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when the variable is missing, or an empty form field, as the runtime parses them
      const missing = await rejectionOf(handle(Input.parse({ caseId }), depsAt(knex), jobContext()));
      const empty = await rejectionOf(handle(Input.parse({ caseId, municipality: ' ' }), depsAt(knex), jobContext()));

      // then
      for (const error of [missing, empty]) {
        expect(error).to.be.instanceOf(BusinessError).and.include({ code: 'UNKNOWN_MUNICIPALITY' });
        expect(error.message).to.equal('The case has no municipality; route the case by hand');
      }
    });

    it('should route to the team named by hand, without starting the deadlines again', async () => {
      // given a case already routed once
      const { caseId } = await openTestCase(knex);
      await handle({ caseId, municipality: 'Turku' }, depsAt(knex), jobContext());

      // when the coordinator names a team
      const output = await handle({ caseId, municipality: '', manualTeamId: 'salo-somero' }, depsAt(knex), jobContext());

      // then
      expect(output).to.include({ teamId: 'salo-somero', regionId: 'salon-seutu', consultantId: 'p-salo-somero-konsultti' });
      expect((await routingHistory(knex, caseId)).map((r) => [r.teamId, r.manual])).to.deep.equal([
        ['turku-keskusta', false],
        ['salo-somero', true],
      ]);
      expect(await countRows(knex, 'deadlines', caseId)).to.equal(2);
    });

    it('should refuse a manual team that does not exist, naming the field', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      const error = await rejectionOf(handle({ caseId, municipality: 'Tampere', manualTeamId: 'tampere' }, depsAt(knex), jobContext()));

      // then
      expect(error).to.be.instanceOf(InvalidInputError);
      expect(error.message).to.match(/^manualTeamId: no team 'tampere'/);
    });

    it('should refuse a case that is not in the read model', async () => {
      // when
      const error = await rejectionOf(handle({ caseId: randomUUID(), municipality: 'Turku' }, depsAt(knex), jobContext()));

      // then
      expect(error).to.be.instanceOf(InvalidInputError);
      expect(error.message).to.match(/^caseId: no case/);
    });
  });

  describe('Input', () => {
    it('should name the field of a bad variable', () => {
      // when
      const parsed = Input.safeParse({ caseId: 'case-1', municipality: 'Turku' });

      // then
      expect(parsed.success).to.equal(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).to.deep.equal(['caseId']);
    });
  });
});
