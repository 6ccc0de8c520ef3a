import { ProcessDefinitionId } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { deploy, MINUTE, NOW, waitForJob, waitForState } from '../engine/helpers.js';
import { useRestartableService } from './restartable-service.js';

describe('message start lock across restarts', function () {
  this.timeout(60_000);
  const service = useRestartableService('start_lock');

  it('should keep a buffered start message waiting through restarts until the instance holding its correlation key ends', async () => {
    // given: an instance started by a message with key 'order-durable', then a restart
    let client = await service.restart();
    await deploy(client, 'msg-start.bpmn');
    const first = await client.correlateMessage({ name: 'msg-order-placed', correlationKey: 'order-durable', variables: { attempt: 1 } });
    client = await service.restart();
    const instances = async () =>
      (await client.searchProcessInstances({ filter: { processDefinitionId: ProcessDefinitionId.assumeExists('msg-start') } }, NOW)).items;

    // when: a second message with the same key is published, and the service restarts again
    await client.publishMessage({
      name: 'msg-order-placed',
      correlationKey: 'order-durable',
      timeToLive: 10 * MINUTE,
      variables: { attempt: 2 },
    });
    client = await service.restart();

    // then: still one instance
    expect((await instances()).map((i) => i.processInstanceKey)).to.deep.equal([first.processInstanceKey]);

    // when: the first instance ends
    const firstJob = await waitForJob(client, 'msg-handle-order', { processInstanceKey: first.processInstanceKey });
    await client.completeJob({ jobKey: firstJob.jobKey });
    await waitForState(client, first.processInstanceKey, 'COMPLETED');

    // then: the buffered message starts the next instance
    const second = await waitForJob(client, 'msg-handle-order');
    expect(second.processInstanceKey).to.not.equal(first.processInstanceKey);
    expect(second.variables).to.deep.equal({ attempt: 2 });
    expect(await instances()).to.have.length(2);
  });
});
