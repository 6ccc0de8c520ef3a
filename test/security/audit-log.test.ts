import { expect } from 'chai';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { auditTrail, logReads, withAuditActor } from '../../src/store/audit-repository.js';
import { openCase } from '../../src/store/case-repository.js';
import { countRows, migratedKnex, openTestCase } from '../store/fixtures.js';

describe('audit log', () => {
  let knex: Knex;

  before(async () => {
    knex = await migratedKnex('security_audit_log');
  });

  after(async () => {
    await knex.destroy();
  });

  it('should log every write of case data by the database itself, as the system when nobody is named', async () => {
    // when a worker-style write opens a case with its identity
    const opened = await openTestCase(knex, { identity: { fullName: 'Testi Asiakas', henkilotunnus: '131052-308T' } });

    // then
    const trail = await auditTrail(knex, { caseIds: [opened.caseId], since: new Date(0) });
    expect(trail.map((e) => [e.action, e.resource, e.actorId, e.basis, e.register])).to.deep.equal([
      ['INSERT', 'cases', 'system', 'WORK_TASK', 'SOCIAL'],
      ['INSERT', 'case_identities', 'system', 'WORK_TASK', 'SOCIAL'],
    ]);
  });

  it('should log a write as the named actor on the named basis', async () => {
    // when
    const opened = await withAuditActor(knex, { id: 'u-hoitaja', role: 'NURSE' }, 'OWN_CASE', (trx) =>
      openCase(trx, { caseId: randomUUID(), municipalityCode: '853', openedAt: new Date(), register: 'SOCIAL' }),
    );

    // then
    const [entry] = await auditTrail(knex, { caseIds: [opened.caseId], since: new Date(0) });
    expect(entry).to.include({ actorId: 'u-hoitaja', actorRole: 'NURSE', basis: 'OWN_CASE', action: 'INSERT', resource: 'cases' });
  });

  it('should append reads and give them back oldest first, limited to the period', async () => {
    // given
    const opened = await openTestCase(knex);
    const actor = { id: 'u-ohjaaja', role: 'SOCIAL_COUNSELLOR' };

    // when
    await logReads(knex, [
      { actor, caseId: opened.caseId, resource: 'case', register: 'SOCIAL', basis: 'OWN_CASE' },
      { actor, caseId: opened.caseId, resource: 'case_identities', register: 'SOCIAL', basis: 'CONSENT', basisDetail: 'consent 7' },
    ]);

    // then
    const reads = (await auditTrail(knex, { caseIds: [opened.caseId], since: new Date(0) })).filter((e) => e.action === 'READ');
    expect(reads.map((e) => [e.resource, e.basis, e.basisDetail])).to.deep.equal([
      ['case', 'OWN_CASE', null],
      ['case_identities', 'CONSENT', 'consent 7'],
    ]);
    expect(await auditTrail(knex, { caseIds: [opened.caseId], since: new Date(Date.now() + 60_000) })).to.deep.equal([]);
  });

  it('should refuse to update, delete or truncate the log', async () => {
    // given
    await openTestCase(knex);
    const before = await countRows(knex, 'audit_log');

    // when
    const update = await knex('audit_log')
      .update({ actor_id: 'someone-else' })
      .catch((e: Error) => e);
    const remove = await knex('audit_log')
      .delete()
      .catch((e: Error) => e);
    const truncate = await knex.raw('TRUNCATE audit_log').catch((e: Error) => e);

    // then
    for (const refused of [update, remove, truncate]) expect(String(refused)).to.match(/audit_log is append-only/);
    expect(await countRows(knex, 'audit_log')).to.equal(before);
    expect(await knex('audit_log').where({ actor_id: 'someone-else' })).to.deep.equal([]);
  });

  it('should refuse an unknown basis', async () => {
    const refused = await knex('audit_log')
      .insert({ actor_id: 'x', actor_role: 'NURSE', action: 'READ', resource: 'case', register: 'SOCIAL', basis: 'CURIOSITY' })
      .catch((e: Error) => e);
    expect(String(refused)).to.match(/audit_log_basis_check/);
  });
});
