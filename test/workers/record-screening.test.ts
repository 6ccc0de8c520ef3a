import { expect } from 'chai';
import type { Knex } from 'knex';
import { getCase } from '../../src/store/case-repository.js';
import { hasConsent, listConsents } from '../../src/store/consent-repository.js';
import { listScreenings } from '../../src/store/screening-repository.js';
import { handle, Input } from '../../workers/record-screening.js';
import { depsAt, jobContext, NOW, openTestCase, workerKnex } from './fixtures.js';

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
        { caseId, meetsPairCriteria: true, consentScope: 'BOTH', consentDate: '2026-03-09', specialSupportNeed: true },
        depsAt(knex),
        jobContext(),
      );

      // then
      expect(output).to.deep.equal({});
      const [screening] = await listScreenings(knex, caseId);
      expect(screening).to.include({ meetsPairCriteria: true, consentScope: 'BOTH', consentDate: '2026-03-09', specialSupportNeed: true, register: 'SOCIAL' });
      expect(screening.screenedAt.toISOString()).to.equal(NOW.toISOString());
      const consents = await listConsents(knex, caseId);
      expect(consents.map((c) => [c.scope, c.givenAt.toISOString(), c.recordedBy])).to.deep.equal([['BOTH', '2026-03-08T22:00:00.000Z', 'alkuselvitys']]);
      expect(await hasConsent(knex, { caseId, from: 'HEALTH', to: 'SOCIAL', at: NOW })).to.equal(true);
      expect((await getCase(knex, caseId))?.specialSupportNeed).to.equal(true);
    });

    it('should record no consent when the client gave none', async () => {
      // given
      const { caseId } = await openTestCase(knex, { specialSupportNeed: true });

      // when
      await handle({ caseId, meetsPairCriteria: false, consentScope: 'NONE', specialSupportNeed: false }, depsAt(knex), jobContext());

      // then
      expect((await listScreenings(knex, caseId)).map((s) => [s.consentScope, s.consentDate])).to.deep.equal([['NONE', null]]);
      expect(await listConsents(knex, caseId)).to.deep.equal([]);
      expect(await hasConsent(knex, { caseId, from: 'HEALTH', to: 'SOCIAL', at: NOW })).to.equal(false);
      expect((await getCase(knex, caseId))?.specialSupportNeed).to.equal(false);
    });

    it('should count a consent without a date from the day of the screening', async () => {
      // given a task completed outside the form, with a scope but no date
      const { caseId } = await openTestCase(knex);

      // when
      await handle({ caseId, meetsPairCriteria: true, consentScope: 'HEALTH_TO_SOCIAL', specialSupportNeed: false }, depsAt(knex), jobContext());

      // then
      expect((await listScreenings(knex, caseId)).map((s) => s.consentDate)).to.deep.equal(['2026-03-10']);
      expect((await listConsents(knex, caseId)).map((c) => [c.scope, c.givenAt.toISOString()])).to.deep.equal([['HEALTH_TO_SOCIAL', '2026-03-09T22:00:00.000Z']]);
    });

    it('should record no consent when the task was completed without a consent scope', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      await handle(Input.parse({ caseId, meetsPairCriteria: true, specialSupportNeed: false }), depsAt(knex), jobContext());

      // then
      expect((await listScreenings(knex, caseId)).map((s) => s.consentScope)).to.deep.equal(['NONE']);
      expect(await listConsents(knex, caseId)).to.deep.equal([]);
    });

    it('should record once when the same job is delivered twice', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      const job = jobContext();
      const input: Input = { caseId, meetsPairCriteria: true, consentScope: 'SOCIAL_TO_HEALTH', consentDate: '2026-03-10', specialSupportNeed: false };

      // when
      await handle(input, depsAt(knex), job);
      await handle(input, depsAt(knex, new Date(NOW.getTime() + 60_000)), job);

      // then
      expect(await listScreenings(knex, caseId)).to.have.length(1);
      expect(await listConsents(knex, caseId)).to.have.length(1);
    });
  });

  describe('Input', () => {
    it('should refuse a consent scope the form does not offer, naming the field', () => {
      // when
      const parsed = Input.safeParse({ caseId: '0b6f3c6e-4f0e-4d0b-9d3c-2f7e9a1b2c3d', meetsPairCriteria: true, consentScope: 'ALL', consentDate: '2026-03-10', specialSupportNeed: false });

      // then
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).to.deep.equal(['consentScope']);
    });
  });
});
