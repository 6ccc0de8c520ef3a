import { expect } from 'chai';
import type { Knex } from 'knex';
import { InvalidInputError } from '../../src/jobs/definition.js';
import { getCase } from '../../src/store/case-repository.js';
import { consentInForce, listConsents } from '../../src/store/consent-repository.js';
import { listDeadlines } from '../../src/store/deadline-repository.js';
import { listScreenings } from '../../src/store/screening-repository.js';
import { handle, Input } from '../../workers/record-screening.js';
import * as routeCase from '../../workers/route-case.js';
import { depsAt, jobContext, NOW, openTestCase, rejectionOf, workerKnex } from './fixtures.js';

describe('worker record-screening', () => {
  let knex: Knex;

  before(async () => {
    knex = await workerKnex('workers_record_screening');
  });

  after(async () => {
    await knex.destroy();
  });

  describe('#handle', () => {
    it('should record the screening, the consent in force from its day and the special need for support', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      const output = await handle(
        {
          caseId,
          bothSubstanceTreatmentAndSpecialServices: true,
          consentScope: 'BOTH',
          consentDate: '2026-03-09',
          specialSupportNeed: true,
        },
        depsAt(knex),
        jobContext(),
      );

      // then the assessment stays due on the seventh weekday, as for any case without deadline attributes
      expect(output).to.deep.equal({ meetsPairCriteria: true, assessmentDueDate: '2026-03-19T23:59:59+02:00' });
      const [screening] = await listScreenings(knex, caseId);
      expect(screening).to.include({
        meetsPairCriteria: true,
        consentScope: 'BOTH',
        consentDate: '2026-03-09',
        specialSupportNeed: true,
        register: 'SOCIAL',
      });
      expect(screening.screenedAt.toISOString()).to.equal(NOW.toISOString());
      const consents = await listConsents(knex, caseId);
      expect(consents.map((c) => [c.scope, c.givenAt.toISOString(), c.recordedBy])).to.deep.equal([
        ['BOTH', '2026-03-08T22:00:00.000Z', 'alkuselvitys'],
      ]);
      expect(await consentInForce(knex, { caseId, from: 'HEALTH', to: 'SOCIAL', at: NOW }).then(Boolean)).to.equal(true);
      expect((await getCase(knex, caseId))?.specialSupportNeed).to.equal(true);
    });

    it('should record no consent when the client gave none', async () => {
      // given
      const { caseId } = await openTestCase(knex, { specialSupportNeed: true });

      // when
      await handle(
        { caseId, bothSubstanceTreatmentAndSpecialServices: false, consentScope: 'NONE', specialSupportNeed: false },
        depsAt(knex),
        jobContext(),
      );

      // then
      expect((await listScreenings(knex, caseId)).map((s) => [s.consentScope, s.consentDate])).to.deep.equal([['NONE', null]]);
      expect(await listConsents(knex, caseId)).to.deep.equal([]);
      expect(await consentInForce(knex, { caseId, from: 'HEALTH', to: 'SOCIAL', at: NOW }).then(Boolean)).to.equal(false);
      expect((await getCase(knex, caseId))?.specialSupportNeed).to.equal(false);
    });

    it('should count a consent without a date from the day of the screening', async () => {
      // given a task completed outside the form, with a scope but no date
      const { caseId } = await openTestCase(knex);

      // when
      await handle(
        { caseId, institutionalRehabOrHousingConsidered: true, consentScope: 'HEALTH_TO_SOCIAL', specialSupportNeed: false },
        depsAt(knex),
        jobContext(),
      );

      // then
      expect((await listScreenings(knex, caseId)).map((s) => s.consentDate)).to.deep.equal(['2026-03-10']);
      expect((await listConsents(knex, caseId)).map((c) => [c.scope, c.givenAt.toISOString()])).to.deep.equal([
        ['HEALTH_TO_SOCIAL', '2026-03-09T22:00:00.000Z'],
      ]);
    });

    it('should record no consent when the task was completed without a consent scope', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      await handle(
        Input.parse({ caseId, bothSubstanceTreatmentAndSpecialServices: true, specialSupportNeed: false }),
        depsAt(knex),
        jobContext(),
      );

      // then
      expect((await listScreenings(knex, caseId)).map((s) => s.consentScope)).to.deep.equal(['NONE']);
      expect(await listConsents(knex, caseId)).to.deep.equal([]);
    });

    it('should record once when the same job is delivered twice', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      const job = jobContext();
      const input: Input = {
        caseId,
        bothSubstanceTreatmentAndSpecialServices: true,
        consentScope: 'SOCIAL_TO_HEALTH',
        consentDate: '2026-03-10',
        specialSupportNeed: false,
      };

      // when
      await handle(input, depsAt(knex), job);
      await handle(input, depsAt(knex, new Date(NOW.getTime() + 60_000)), job);

      // then
      expect(await listScreenings(knex, caseId)).to.have.length(1);
      expect(await listConsents(knex, caseId)).to.have.length(1);
    });
  });

  describe('#handle: the work-pair criteria', () => {
    const screen = (caseId: string, answers: Partial<Input>) =>
      handle({ caseId, consentScope: 'NONE', specialSupportNeed: false, ...answers }, depsAt(knex), jobContext());

    it('should form a pair whenever substance treatment and special services are both to be assessed, or rehabilitation or housing is considered', async () => {
      // given
      const cases = await Promise.all([openTestCase(knex), openTestCase(knex), openTestCase(knex)]);

      // when
      const outputs = await Promise.all([
        screen(cases[0].caseId, { bothSubstanceTreatmentAndSpecialServices: true }),
        screen(cases[1].caseId, { institutionalRehabOrHousingConsidered: true }),
        screen(cases[2].caseId, { bothSubstanceTreatmentAndSpecialServices: false, institutionalRehabOrHousingConsidered: false }),
      ]);

      // then
      expect(outputs.map((o) => o.meetsPairCriteria)).to.deep.equal([true, true, false]);
      const screenings = await Promise.all(cases.map(async ({ caseId }) => (await listScreenings(knex, caseId))[0]));
      expect(screenings.map((s) => [s.meetsPairCriteria, s.criteriaIndicated, s.criteriaOverrideReason])).to.deep.equal([
        [true, true, null],
        [true, true, null],
        [false, false, null],
      ]);
    });

    it('should decide otherwise than the criteria only with the override, recording its reason', async () => {
      // given
      const declines = await openTestCase(knex);
      const coordinated = await openTestCase(knex);

      // when
      const outputs = [
        await screen(declines.caseId, {
          institutionalRehabOrHousingConsidered: true,
          pairCriteriaOverride: true,
          pairCriteriaOverrideReason: 'CLIENT_DECLINES_PAIR',
        }),
        await screen(coordinated.caseId, { pairCriteriaOverride: true, pairCriteriaOverrideReason: 'COORDINATION_NEEDED' }),
      ];

      // then
      expect(outputs.map((o) => o.meetsPairCriteria)).to.deep.equal([false, true]);
      const [declined] = await listScreenings(knex, declines.caseId);
      const [paired] = await listScreenings(knex, coordinated.caseId);
      expect(declined).to.include({ meetsPairCriteria: false, criteriaIndicated: true, criteriaOverrideReason: 'CLIENT_DECLINES_PAIR' });
      expect(paired).to.include({ meetsPairCriteria: true, criteriaIndicated: false, criteriaOverrideReason: 'COORDINATION_NEEDED' });
    });

    it('should ignore a reason given without the override', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      const output = await screen(caseId, {
        bothSubstanceTreatmentAndSpecialServices: true,
        pairCriteriaOverrideReason: 'CLIENT_DECLINES_PAIR',
      });

      // then
      expect(output.meetsPairCriteria).to.equal(true);
      expect((await listScreenings(knex, caseId))[0]).to.include({ criteriaOverrideReason: null });
    });

    it('should refuse an override without a reason, recording nothing', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      const error = await rejectionOf(screen(caseId, { bothSubstanceTreatmentAndSpecialServices: true, pairCriteriaOverride: true }));

      // then
      expect(error).to.be.instanceOf(InvalidInputError);
      expect((error as Error).message).to.match(/^pairCriteriaOverrideReason: required/);
      expect(await listScreenings(knex, caseId)).to.deep.equal([]);
    });
  });

  describe('#handle with deadline attributes', () => {
    const screened = (caseId: string, answers: Partial<Input> = {}): Input => ({
      caseId,
      bothSubstanceTreatmentAndSpecialServices: true,
      consentScope: 'NONE',
      specialSupportNeed: false,
      ...answers,
    });
    const deadlinesOf = async (caseId: string) => (await listDeadlines(knex, caseId)).map((d) => [d.ruleId, d.dueAt.toISOString()]).sort();

    it('should add the attributes the intake missed, start the deadlines they start from the opening, and answer the sooner assessment due date', async () => {
      // given a routed case the intake did not mark urgent or pregnant
      const { caseId } = await openTestCase(knex);
      const routed = await routeCase.handle({ caseId, municipality: 'Turku' }, depsAt(knex), jobContext());
      const beforeScreening = await deadlinesOf(caseId);

      // when the screening, a day later, finds both, and its job is delivered twice
      const job = jobContext();
      const dayLater = new Date(NOW.getTime() + 86_400_000);
      const output = await handle(screened(caseId, { urgent: true, pregnant: true }), depsAt(knex, dayLater), job);
      const replayed = await handle(screened(caseId, { urgent: true, pregnant: true }), depsAt(knex, dayLater), job);

      // then the assessment was due at once from the opening day, and the new deadlines run once each from it
      expect(routed.assessmentDueDate).to.equal('2026-03-19T23:59:59+02:00');
      expect(output).to.deep.equal({ meetsPairCriteria: true, assessmentDueDate: '2026-03-10T23:59:59+02:00' });
      expect(replayed).to.deep.equal(output);
      expect((await getCase(knex, caseId))?.attributes).to.deep.include({ urgent: true, pregnant: true, ageOver75: false });
      expect(await deadlinesOf(caseId)).to.deep.equal(
        [
          ...beforeScreening,
          ['shl-24-raskaana-oleva', '2026-03-10T21:59:59.000Z'],
          ['shl-36-kiireellinen', '2026-03-10T21:59:59.000Z'],
        ].sort(),
      );
    });

    it('should keep an attribute the intake recorded when the screening leaves it unchecked', async () => {
      // given a routed case the intake marked over 75
      const { caseId } = await openTestCase(knex, { attributes: { ageOver75: true } });
      const routed = await routeCase.handle({ caseId, municipality: 'Turku' }, depsAt(knex), jobContext());
      const beforeScreening = await deadlinesOf(caseId);

      // when
      const output = await handle(screened(caseId, { ageOver75: false, urgent: null }), depsAt(knex), jobContext());

      // then
      expect(output).to.deep.equal({ meetsPairCriteria: true, assessmentDueDate: routed.assessmentDueDate });
      expect((await getCase(knex, caseId))?.attributes).to.deep.include({ ageOver75: true, urgent: false });
      expect(await deadlinesOf(caseId)).to.deep.equal(beforeScreening);
    });

    it('should refuse a case the read model does not hold, naming the field', async () => {
      // when
      const error = await rejectionOf(handle(screened('0b6f3c6e-4f0e-4d0b-9d3c-2f7e9a1b2c3d'), depsAt(knex), jobContext()));

      // then
      expect(error).to.be.instanceOf(InvalidInputError);
      expect(error.message).to.match(/^caseId: no case '0b6f3c6e-/);
    });
  });

  describe('Input', () => {
    it('should refuse a consent scope the form does not offer, naming the field', () => {
      // when
      const parsed = Input.safeParse({
        caseId: '0b6f3c6e-4f0e-4d0b-9d3c-2f7e9a1b2c3d',
        bothSubstanceTreatmentAndSpecialServices: true,
        consentScope: 'ALL',
        consentDate: '2026-03-10',
        specialSupportNeed: false,
      });

      // then
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).to.deep.equal(['consentScope']);
    });
  });
});
