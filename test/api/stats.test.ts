import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { closeCase, openCase } from '../../src/store/case-repository.js';
import { recordRouting } from '../../src/store/routing-repository.js';
import { enterStage } from '../../src/store/stage-repository.js';
import type { StageCode } from '../../src/domain/stages.js';
import { HttpSession } from '../../kit/http-session.js';
import { startTestService, type TestService } from '../support/service.js';

const AT = new Date('2026-03-10T09:00:00Z');

describe('app API /api/stats', () => {
  let t: TestService;
  let jobKey = 1;

  /** A case of a team, in a stage, recorded as the workers would record it. */
  async function caseIn(teamId: string, regionId: string, stage: StageCode): Promise<string> {
    const knex = t.service.database.knex;
    const { caseId } = await openCase(knex, { caseId: randomUUID(), municipalityCode: '853', openedAt: AT, register: 'SOCIAL' });
    await recordRouting(knex, { caseId, teamId, regionId, at: AT, manual: false, jobKey: `route-${jobKey++}` });
    await enterStage(knex, { caseId, stage, at: AT, jobKey: `stage-${jobKey++}` });
    return caseId;
  }

  /** GET /api/stats/stages as a signed-in user. */
  async function statsAs(username: string): Promise<{ status: number; body: unknown }> {
    const session = new HttpSession(t.service.url);
    await session.signIn(username);
    const { status, body } = await session.call('GET', '/api/stats/stages');
    return { status, body };
  }

  before(async () => {
    t = await startTestService();
  });

  after(async () => {
    await t?.close();
  });

  describe('GET /api/stats/stages', () => {
    it('should count the open cases per current stage, per region and team', async () => {
      // given
      await caseIn('turku-keskusta', 'turun-seutu', 'ARVIOINTI');
      await caseIn('turku-keskusta', 'turun-seutu', 'ARVIOINTI');
      await caseIn('turku-keskusta', 'turun-seutu', 'TOTEUTUS');
      await caseIn('salo-somero', 'salon-seutu', 'ARVIOINTI');
      const closed = await caseIn('salo-somero', 'salon-seutu', 'SUUNNITELMA');
      await closeCase(t.service.database.knex, { caseId: closed, outcome: 'MOVED_AWAY', at: AT, jobKey: 'close-1' });

      // when the managers of the two regions ask
      const turku = await statsAs('anne.lehtonen');
      const salo = await statsAs('markku.rantanen');

      // then each sees their own region
      expect(turku).to.deep.equal({
        status: 200,
        body: {
          items: [
            {
              regionId: 'turun-seutu',
              teamId: 'turku-keskusta',
              stage: 'ARVIOINTI',
              stageLabel: 'Yhteinen hoidon ja palvelutarpeen arviointi',
              activeCases: 2,
            },
            { regionId: 'turun-seutu', teamId: 'turku-keskusta', stage: 'TOTEUTUS', stageLabel: 'Toteutus ja seuranta', activeCases: 1 },
          ],
        },
      });
      expect(salo).to.deep.equal({
        status: 200,
        body: {
          items: [
            {
              regionId: 'salon-seutu',
              teamId: 'salo-somero',
              stage: 'ARVIOINTI',
              stageLabel: 'Yhteinen hoidon ja palvelutarpeen arviointi',
              activeCases: 1,
            },
          ],
        },
      });
    });

    it('should show a team lead their own team only, and nothing to caseworkers or the anonymous', async () => {
      // given
      await caseIn('salo-somero', 'salon-seutu', 'TOTEUTUS');

      // when
      const lead = await statsAs('reetta.nieminen');
      const nurse = await statsAs('aino.virtanen');
      const anonymous = await fetch(`${t.service.url}/api/stats/stages`);

      // then
      expect(lead.status).to.equal(200);
      expect((lead.body as { items: Array<{ teamId: string }> }).items.map((i) => i.teamId)).to.have.members([
        'salo-somero',
        'salo-somero',
      ]);
      expect(nurse.status).to.equal(403);
      expect(anonymous.status).to.equal(401);
    });
  });
});
