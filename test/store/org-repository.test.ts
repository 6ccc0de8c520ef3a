import { expect } from 'chai';
import type { Knex } from 'knex';
import { routeCase } from '../../src/domain/routing.js';
import { getRegion, getTeam, listProfessionals, listRegions, loadRoutingData, pairingCandidates } from '../../src/store/org-repository.js';
import { migratedKnex } from './fixtures.js';

describe('org repository', () => {
  let knex: Knex;

  before(async () => {
    knex = await migratedKnex('store_org');
  });

  after(async () => {
    await knex.destroy();
  });

  it('should list the five regions with their meeting calendars', async () => {
    // given the seeded organisation

    // when
    const regions = await listRegions(knex);

    // then
    expect(regions.map((r) => r.id)).to.deep.equal(['aboland-turunmaa', 'loimaan-seutu', 'salon-seutu', 'turun-seutu', 'vakka-suomi']);
    expect((await getRegion(knex, 'turun-seutu'))?.meetingCalendar).to.deep.equal([
      { kind: 'EVERY_N_WEEKS', weekday: 'TUESDAY', time: '13:00', intervalWeeks: 1, anchorDate: '2026-01-13' },
      { kind: 'EVERY_N_WEEKS', weekday: 'THURSDAY', time: '13:00', intervalWeeks: 1, anchorDate: '2026-01-15' },
    ]);
  });

  it('should give a team with its consultant', async () => {
    // given

    // when
    const team = await getTeam(knex, 'turku-ita');

    // then
    expect(team).to.include({ name: 'Itä-Turku', regionId: 'turun-seutu', consultantId: 'p-turku-ita-konsultti' });
  });

  it('should route from the database’s data, with Turku’s alternative teams', async () => {
    // given
    const data = await loadRoutingData(knex);

    // when
    const byDefault = routeCase('Åbo', data);
    const byHint = routeCase('853', data, { teamHint: 'turku-pohjoinen' });

    // then
    expect(byDefault).to.include({ teamId: 'turku-keskusta', regionId: 'turun-seutu' });
    expect(byHint).to.include({ teamId: 'turku-pohjoinen', byHint: true });
    expect(data.municipalities.find((m) => m.code === '734')?.alsoServedByTeamIds).to.deep.equal([]);
  });

  it('should read an absence as a calendar date and inactive people as they are', async () => {
    // given an administrator marks a nurse absent and a counsellor inactive
    await knex('professionals').where({ id: 'p-loimaa-sh2' }).update({ absent_until: '2026-04-30' });
    await knex('professionals').where({ id: 'p-loimaa-so2' }).update({ active: false });

    // when
    const candidates = await pairingCandidates(knex, 'loimaa');

    // then
    expect(candidates.find((c) => c.id === 'p-loimaa-sh2')).to.include({ absentUntil: '2026-04-30', active: true, activeCases: 0 });
    expect(candidates.find((c) => c.id === 'p-loimaa-so2')).to.include({ absentUntil: null, active: false });
    expect(candidates.map((c) => c.role).sort()).to.deep.equal([
      'NURSE',
      'NURSE',
      'NURSE',
      'SOCIAL_COUNSELLOR',
      'SOCIAL_COUNSELLOR',
      'SOCIAL_WORKER',
    ]);
    expect(await listProfessionals(knex, 'loimaa')).to.have.length(8);
  });

  it('should fail loudly when an edited meeting calendar is invalid', async () => {
    // given an administrator's bad edit
    await knex('teams')
      .where({ id: 'loimaa' })
      .update({ meeting_calendar: JSON.stringify([{ kind: 'WEEKLY' }]) });

    // when
    const failure = await getTeam(knex, 'loimaa').catch((e: Error) => e);

    // then
    expect(failure).to.be.instanceOf(Error);
    expect((failure as Error).message).to.match(/kind/);
  });
});
