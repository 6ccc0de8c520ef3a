import { ElementId, ProcessDefinitionId, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { PATHWAY_REGISTER } from '../../src/domain/registers.js';
import { lockCaseStart } from '../../src/store/case-start-lock.js';
import { readCaseToStart } from '../../src/intake/pathway-variables.js';
import { PATHWAY_PROCESS_ID, startPathwayInstance } from '../../src/intake/pathway-engine.js';
import { reconcileIntake } from '../../src/intake/reconcile-pass.js';
import { attachProcessInstance, getCase, openCase } from '../../src/store/case-repository.js';
import { stageHistory } from '../../src/store/stage-repository.js';
import { eventually } from '../support/eventually.js';
import { camundaClientFor, startTestService, type TestService } from '../support/service.js';

const NOW = { consistency: { waitUpToMs: 0 } } as const;

/**
 * The intake records a case, then starts its pathway, then attaches the instance's key. A process
 * that stops between those steps leaves a case the reconciler must finish: exactly one pathway per
 * case, whatever stopped where, and however many reconcilers run.
 */
describe('intake reconciler', () => {
  let t: TestService;
  let knex: Knex;
  const silent = pino({ level: 'silent' });
  /** The service's grace period on the embedded engine is 30 s; stranded cases are older. */
  const GRACE_MS = 30_000;

  before(async () => {
    // The periodic pass stays out of the way: each test runs its passes itself.
    t = await startTestService({ WORKERS: 'in-process', INTAKE_RECONCILE_INTERVAL_MS: '86400000' });
    knex = t.service.database.knex;
  });

  after(async () => {
    await t.close();
  });

  /** A case as the intake records it, left by a process that stopped before attaching a key. */
  async function recordedCase(options: { minutesAgo: number; teamHint?: string }): Promise<string> {
    const caseId = randomUUID();
    await openCase(knex, {
      caseId,
      municipalityCode: '853',
      openedAt: new Date(),
      register: PATHWAY_REGISTER,
      attributes: { urgent: true },
      referral: { source: 'Terveysasema', reason: 'Päihteiden käyttö' },
      teamHint: options.teamHint,
    });
    await knex('cases')
      .where({ case_id: caseId })
      .update({ pathway_requested_at: knex.raw('now() - make_interval(mins => ?)', [options.minutesAgo]) });
    return caseId;
  }

  /** The pathway instances the engine has for the case, found as the reconciler finds them. */
  async function instancesOf(caseId: string): Promise<string[]> {
    const page = await t.client.searchProcessInstances(
      {
        filter: {
          processDefinitionId: ProcessDefinitionId.assumeExists(PATHWAY_PROCESS_ID),
          variables: [{ name: 'caseId', value: JSON.stringify(caseId) }],
        },
      },
      NOW,
    );
    return page.items.map((item) => String(item.processInstanceKey));
  }

  /**
   * The instances the search shows once it shows `count` of them: on a cluster (and with
   * ENGINE_SEARCH_LAG_MS) search sees an instance a moment after it was started.
   */
  const searchedInstances = (caseId: string, count: number) =>
    eventually(`${count} pathway instance(s) of ${caseId} in search`, async () => {
      const keys = await instancesOf(caseId);
      return keys.length === count ? keys : undefined;
    });

  const pass = () => reconcileIntake({ knex, camunda: t.client, logger: silent }, { graceMs: GRACE_MS });

  describe('startPathwayInstance', () => {
    it('should start one pathway however often, and however concurrently, the case’s start message is published', async () => {
      // given a recorded case and its start variables
      const caseId = await recordedCase({ minutesAgo: 0 });
      const { variables } = (await readCaseToStart(knex, caseId))!;

      // when the intake's message (id and correlation key: the caseId) is published three times, two at once
      const first = await startPathwayInstance(t.client, variables);
      const again = await Promise.all([startPathwayInstance(t.client, variables), startPathwayInstance(t.client, variables)]);

      // then the engine started one instance, from the message start event, and every publication answers it
      expect(again).to.deep.equal([first, first]);
      expect(await searchedInstances(caseId, 1)).to.deep.equal([first]);
      const { items } = await t.client.searchElementInstances(
        {
          filter: { processInstanceKey: ProcessInstanceKey.assumeExists(first), elementId: ElementId.assumeExists('case-opened-message') },
        },
        { consistency: { waitUpToMs: 10_000, predicate: (found) => found.items.length > 0 } },
      );
      expect(items).to.have.length(1);
      await attachProcessInstance(knex, caseId, first);
    });
  });

  describe('#runOnce', () => {
    it('should start exactly one pathway for a case recorded without one, as the intake would', async () => {
      // given a case recorded ten minutes ago whose process never started
      const caseId = await recordedCase({ minutesAgo: 10, teamHint: 'turku-ita' });

      // when
      const report = await t.service.intakeReconciler.runOnce();

      // then the case runs in one new instance, attached to it
      const started = report.started.find((link) => link.caseId === caseId);
      expect(started, 'started').to.not.equal(undefined);
      expect(report.attached.map((link) => link.caseId)).to.not.include(caseId);
      expect(await searchedInstances(caseId, 1)).to.deep.equal([started?.processInstanceKey]);
      expect((await getCase(knex, caseId))?.processInstanceKey).to.equal(started?.processInstanceKey);

      // and its pathway runs: the workers route it by the referral's team hint and record its first stage
      const history = await eventually('the first stage', async () => {
        const stays = await stageHistory(knex, caseId);
        return stays.length > 0 ? stays : undefined;
      });
      expect(history[0].stage).to.equal('TUEN_TARVE');
      const routed = await eventually('the routing', async () => (await getCase(knex, caseId))?.teamId ?? undefined);
      expect(routed).to.equal('turku-ita');
    });

    it('should attach the pathway already started for a case, and start none', async () => {
      // given a case whose process started but whose key was never attached
      const caseId = await recordedCase({ minutesAgo: 10 });
      const { variables } = (await readCaseToStart(knex, caseId)) ?? {};
      const created = await t.client.createProcessInstance({
        processDefinitionId: ProcessDefinitionId.assumeExists(PATHWAY_PROCESS_ID),
        variables,
      });
      const key = String(created.processInstanceKey);
      await searchedInstances(caseId, 1);

      // when
      const report = await t.service.intakeReconciler.runOnce();

      // then
      expect(report.attached).to.deep.include({ caseId, processInstanceKey: key });
      expect(report.started.map((link) => link.caseId)).to.not.include(caseId);
      expect((await getCase(knex, caseId))?.processInstanceKey).to.equal(key);
      expect(await searchedInstances(caseId, 1)).to.deep.equal([key]);
    });

    it('should leave alone a case younger than the grace period', async () => {
      // given a case recorded just now: its intake may still be starting the pathway
      const caseId = await recordedCase({ minutesAgo: 0 });

      // when
      const report = await t.service.intakeReconciler.runOnce();

      // then
      expect([...report.started, ...report.attached].map((link) => link.caseId)).to.not.include(caseId);
      expect((await getCase(knex, caseId))?.processInstanceKey).to.equal(null);
      expect(await instancesOf(caseId)).to.deep.equal([]);
    });
  });

  describe('#reconcileIntake', () => {
    it('should start nothing more when a pass runs again', async () => {
      // given a stranded case, reconciled once
      const caseId = await recordedCase({ minutesAgo: 10 });
      const first = await pass();
      expect(first.started.map((link) => link.caseId)).to.include(caseId);

      // when
      const second = await pass();

      // then
      expect([...second.started, ...second.attached, ...second.failed]).to.deep.equal([]);
      await searchedInstances(caseId, 1);
    });

    it('should start each case once when two passes run at the same time', async () => {
      // given stranded cases, and two passes on separate database sessions, as two app processes run them
      const caseIds = [
        await recordedCase({ minutesAgo: 12 }),
        await recordedCase({ minutesAgo: 11 }),
        await recordedCase({ minutesAgo: 10 }),
      ];

      // when
      const reports = await Promise.all([pass(), pass()]);

      // then every case was started by one pass and runs in one instance
      const started = reports.flatMap((report) => report.started.map((link) => link.caseId)).filter((id) => caseIds.includes(id));
      expect(started.sort()).to.deep.equal([...caseIds].sort());
      expect(reports.flatMap((report) => report.failed)).to.deep.equal([]);
      for (const caseId of caseIds) await searchedInstances(caseId, 1);
    });

    it('should try a case the engine failed on again only after the grace period', async () => {
      // given a stranded case, and a pass that cannot reach the engine
      const caseId = await recordedCase({ minutesAgo: 10 });
      const unreachable = camundaClientFor('http://127.0.0.1:9');
      const failed = await reconcileIntake({ knex, camunda: unreachable, logger: silent }, { graceMs: GRACE_MS });
      expect(failed.failed).to.include(caseId);

      // when the engine answers again
      const soon = await pass();

      // then the case waits out the grace period from the failed attempt, as its start may yet show up in a search
      expect(soon.started.map((link) => link.caseId)).to.not.include(caseId);
      expect(await instancesOf(caseId)).to.deep.equal([]);

      // and once the grace and the back-off have passed it gets its pathway
      await knex('cases')
        .where({ case_id: caseId })
        .update({
          pathway_requested_at: knex.raw("now() - interval '1 minute'"),
          pathway_retry_at: knex.raw("now() - interval '1 second'"),
        });
      const later = await pass();
      expect(later.started.map((link) => link.caseId)).to.include(caseId);
      await searchedInstances(caseId, 1);
    });

    it('should skip a case whose start lock is held, as while the intake starts it', async () => {
      // given a stranded case whose start lock another session holds
      const caseId = await recordedCase({ minutesAgo: 10 });
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked = () => {};
      const holding = new Promise<void>((resolve) => (locked = resolve));
      const holder = knex.transaction(async (trx) => {
        await lockCaseStart(trx, caseId);
        locked();
        await released;
      });
      await holding;

      // when
      const report = await pass().finally(release);
      await holder;

      // then
      expect(report.busy).to.include(caseId);
      expect(await instancesOf(caseId)).to.deep.equal([]);
      expect((await getCase(knex, caseId))?.processInstanceKey).to.equal(null);
    });
  });
});
