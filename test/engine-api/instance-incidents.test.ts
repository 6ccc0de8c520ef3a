import { BatchOperationKey, ElementInstanceKey, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { elementInstances, expectProblem, incidents, NOW, useEngineSuite, waitForChild, waitForJob } from '../engine/helpers.js';

/**
 * The incident searches of one instance and of one element, and resolving an instance's incidents
 * as a batch operation, as Operate's instance view does: a parent whose call activity's child has a
 * job out of retries.
 */
describe('/v2 incidents of an instance and of an element; incident resolution as a batch', () => {
  const t = useEngineSuite('call-parent.bpmn', 'call-child.bpmn');

  /** A parent instance whose child's job failed without retries left: one incident, in the child. */
  async function parentWithChildIncident() {
    const parent = await t.instances.start('call-parent');
    const child = await waitForChild(t.client, parent);
    const job = await waitForJob(t.client, 'call-child-task', { processInstanceKey: child.processInstanceKey });
    await t.client.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'the registry did not answer' });
    const callActivity = (await elementInstances(t.client, parent)).find((e) => e.elementId === 'callChild')!;
    return { parent, child: child.processInstanceKey, job, callActivity };
  }

  it('should find the incident of a called child through the parent instance and through its call activity', async () => {
    // given
    const { parent, child, callActivity } = await parentWithChildIncident();
    await parentWithChildIncident(); // another family's incident, which none of the searches may find

    // when
    const byParent = await t.client.searchProcessInstanceIncidents({ processInstanceKey: ProcessInstanceKey.assumeExists(parent) }, NOW);
    const byCallActivity = await t.client.searchElementInstanceIncidents(
      { elementInstanceKey: ElementInstanceKey.assumeExists(callActivity.elementInstanceKey) },
      NOW,
    );
    const byChild = await t.client.searchProcessInstanceIncidents({ processInstanceKey: ProcessInstanceKey.assumeExists(child) }, NOW);

    // then
    for (const found of [byParent, byCallActivity, byChild]) {
      expect(found.items.map((i) => [i.processInstanceKey, i.elementId, i.errorType])).to.deep.equal([
        [child, 'childTask', 'JOB_NO_RETRIES'],
      ]);
      expect(found.page.totalItems).to.equal(1);
    }
    expect(byParent.items[0]!.rootProcessInstanceKey).to.equal(parent);
  });

  it('should narrow an instance’s incidents with the incident filter', async () => {
    // given
    const { parent } = await parentWithChildIncident();

    // when
    const resolvedOnly = await t.client.searchProcessInstanceIncidents(
      { processInstanceKey: ProcessInstanceKey.assumeExists(parent), filter: { state: 'RESOLVED' } },
      NOW,
    );

    // then
    expect(resolvedOnly.items).to.deep.equal([]);
  });

  it('should find no incidents for an element beside the one that failed', async () => {
    // given
    const { parent } = await parentWithChildIncident();
    const start = (await elementInstances(t.client, parent)).find((e) => e.elementId === 'start')!;

    // when
    const found = await t.client.searchElementInstanceIncidents(
      { elementInstanceKey: ElementInstanceKey.assumeExists(start.elementInstanceKey) },
      NOW,
    );

    // then
    expect(found.items).to.deep.equal([]);
  });

  it('should resolve every active incident below an instance as a RESOLVE_INCIDENT batch and report it done', async () => {
    // given
    const { parent, child, job } = await parentWithChildIncident();
    await t.client.updateJob({ jobKey: job.jobKey, changeset: { retries: 1 } });

    // when
    const batch = await t.client.resolveProcessInstanceIncidents({ processInstanceKey: ProcessInstanceKey.assumeExists(parent) });

    // then
    expect(batch.batchOperationType).to.equal('RESOLVE_INCIDENT');
    const done = await t.client.getBatchOperation({ batchOperationKey: BatchOperationKey.assumeExists(batch.batchOperationKey) }, NOW);
    expect(done).to.include({
      batchOperationKey: batch.batchOperationKey,
      batchOperationType: 'RESOLVE_INCIDENT',
      state: 'COMPLETED',
      operationsTotalCount: 1,
      operationsCompletedCount: 1,
      operationsFailedCount: 0,
    });
    expect(done.endDate).to.be.a('string');
    expect((await incidents(t.client, child)).map((i) => i.state)).to.deep.equal(['RESOLVED']);
    const retried = await waitForJob(t.client, 'call-child-task', { processInstanceKey: child });
    expect(retried.jobKey).to.equal(job.jobKey);
  });

  it('should answer 404 for the incidents of an unknown instance or element, and for an unknown batch', async () => {
    await expectProblem(
      t.client.searchProcessInstanceIncidents({ processInstanceKey: ProcessInstanceKey.assumeExists('2251799813999999') }, NOW),
      404,
    );
    await expectProblem(
      t.client.searchElementInstanceIncidents({ elementInstanceKey: ElementInstanceKey.assumeExists('2251799813999999') }, NOW),
      404,
    );
    await expectProblem(
      t.client.resolveProcessInstanceIncidents({ processInstanceKey: ProcessInstanceKey.assumeExists('2251799813999999') }),
      404,
    );
    await expectProblem(t.client.getBatchOperation({ batchOperationKey: BatchOperationKey.assumeExists('2251799813999999') }, NOW), 404);
  });
});
