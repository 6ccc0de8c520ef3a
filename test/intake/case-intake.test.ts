import { ProcessDefinitionId, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { pino } from 'pino';
import { PATHWAY_PROCESS_ID } from '../../src/intake/pathway-engine.js';
import { reconcileIntake } from '../../src/intake/reconcile-pass.js';
import { getCase } from '../../src/store/case-repository.js';
import { HttpSession } from '../../kit/http-session.js';
import { eventually } from '../support/eventually.js';
import { startTestService, type TestService } from '../support/service.js';

const NOW = { consistency: { waitUpToMs: 0 } } as const;

/** POST /api/cases starts the pathway from what it recorded, the variables the reconciler would send. */
describe('intake through POST /api/cases', () => {
  let t: TestService;

  before(async () => {
    t = await startTestService();
  });

  after(async () => {
    await t.close();
  });

  it('should start the pathway with the recorded facts and team hint, and leave the reconciler nothing to do', async () => {
    // given
    const intake = new HttpSession(t.service.url);
    await intake.signIn('minna.toivonen');

    // when
    const { status, body } = await intake.call<{ caseId: string; processInstanceKey: string }>('POST', '/api/cases', {
      municipality: 'Turku',
      referral: { source: 'Terveysasema', reason: 'Päihteiden käyttö' },
      attributes: { urgent: true },
      teamHint: 'turku-ita',
      identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' },
    });

    // then the case is recorded with its hint and linked to the one instance started for it
    expect(status).to.equal(201);
    const { caseId, processInstanceKey } = body;
    const recorded = await getCase(t.service.database.knex, caseId);
    expect(recorded).to.deep.include({ processInstanceKey, teamHint: 'turku-ita' });
    // (search sees the instance a moment after it started, as on a cluster)
    const instances = await eventually('the pathway instance in search', async () => {
      const page = await t.client.searchProcessInstances(
        {
          filter: {
            processDefinitionId: ProcessDefinitionId.assumeExists(PATHWAY_PROCESS_ID),
            variables: [{ name: 'caseId', value: JSON.stringify(caseId) }],
          },
        },
        NOW,
      );
      return page.items.length > 0 ? page.items : undefined;
    });
    expect(instances.map((i) => String(i.processInstanceKey))).to.deep.equal([processInstanceKey]);

    // and the instance holds the pseudonymous start variables, the hint among them
    const variables = await eventually('the start variables in search', async () => {
      const page = await t.client.searchVariables(
        { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) }, page: { limit: 100 } },
        NOW,
      );
      return page.items.length > 0 ? page.items : undefined;
    });
    const byName = Object.fromEntries(variables.map((v) => [v.name, JSON.parse(v.value) as unknown]));
    expect(byName).to.deep.include({
      caseId,
      municipality: '853',
      teamHint: 'turku-ita',
      urgent: true,
      pregnant: false,
      specialSupportNeed: false,
    });

    // and a pass with no grace at all leaves the linked case alone
    const report = await reconcileIntake(
      { knex: t.service.database.knex, camunda: t.client, logger: pino({ level: 'silent' }) },
      { graceMs: 0 },
    );
    expect([...report.started, ...report.attached].map((link) => link.caseId)).to.not.include(caseId);
  });
});
