import { expect } from 'chai';
import type { Knex } from 'knex';
import { consentInForce, listConsents, recordConsent, withdrawConsents } from '../../src/store/consent-repository.js';
import { migratedKnex, minutes, openTestCase } from './fixtures.js';

describe('consent repository', () => {
  let knex: Knex;
  let caseId: string;

  before(async () => {
    knex = await migratedKnex('store_consents');
  });

  beforeEach(async () => {
    caseId = (await openTestCase(knex)).caseId;
  });

  after(async () => {
    await knex.destroy();
  });

  it('should record a consent once per job key', async () => {
    // given
    const input = {
      caseId,
      scope: 'BOTH' as const,
      givenAt: minutes(0),
      recordedBy: 'p-turku-keskusta-so1',
      register: 'SOCIAL' as const,
      jobKey: `${caseId}-c`,
    };

    // when
    const first = await recordConsent(knex, input);
    const replay = await recordConsent(knex, input);

    // then
    expect(replay).to.deep.equal(first);
    expect(await listConsents(knex, caseId)).to.have.length(1);
  });

  it('should allow a read only in the consented direction and only while in force', async () => {
    // given a consent to pass social data to health care, withdrawn later
    await recordConsent(knex, {
      caseId,
      scope: 'SOCIAL_TO_HEALTH',
      givenAt: minutes(0),
      recordedBy: 'p-turku-keskusta-so1',
      register: 'SOCIAL',
      jobKey: null,
    });
    await withdrawConsents(knex, { caseId, at: minutes(60) });

    // when
    const [socialToHealth, healthToSocial, beforeGiven, afterWithdrawal] = await Promise.all([
      consentInForce(knex, { caseId, from: 'SOCIAL', to: 'HEALTH', at: minutes(30) }).then(Boolean),
      consentInForce(knex, { caseId, from: 'HEALTH', to: 'SOCIAL', at: minutes(30) }).then(Boolean),
      consentInForce(knex, { caseId, from: 'SOCIAL', to: 'HEALTH', at: minutes(-1) }).then(Boolean),
      consentInForce(knex, { caseId, from: 'SOCIAL', to: 'HEALTH', at: minutes(61) }).then(Boolean),
    ]);

    // then
    expect([socialToHealth, healthToSocial, beforeGiven, afterWithdrawal]).to.deep.equal([true, false, false, false]);
  });

  it('should keep the first withdrawal time', async () => {
    // given
    const consent = await recordConsent(knex, {
      caseId,
      scope: 'BOTH',
      givenAt: minutes(0),
      recordedBy: 'p-turku-keskusta-sh1',
      register: 'HEALTH',
      jobKey: null,
    });
    const first = await withdrawConsents(knex, { caseId, at: minutes(10) });

    // when
    const again = await withdrawConsents(knex, { caseId, at: minutes(20) });

    // then
    expect(first.map((row) => row.id)).to.deep.equal([consent.id]);
    expect(again).to.deep.equal([]);
    const [kept] = await listConsents(knex, caseId);
    expect(kept?.withdrawnAt?.toISOString()).to.equal(minutes(10).toISOString());
  });
});
