import { expect } from 'chai';
import { deploy, start, variables, waitForJob, waitForState } from '../engine/helpers.js';
import { useRestartableService } from './restartable-service.js';

describe('signal subscriptions across restarts', function () {
  this.timeout(60_000);
  const service = useRestartableService('signal_subscriptions');

  it('should reach a catch event and a boundary event that waited through a restart, whose trees are loaded from the database', async () => {
    // given: an instance at a signal catch event and one at a task with signal boundary events, then a restart
    let client = await service.restart();
    await deploy(client, 'signal-catch.bpmn', 'signal-boundary.bpmn');
    const waiting = await start(client, 'signal-catch', { signalName: 'sig-durable' });
    const working = await start(client, 'signal-boundary');
    await waitForJob(client, 'signal-work', { processInstanceKey: working });
    client = await service.restart();

    // when
    await client.broadcastSignal({ signalName: 'sig-durable', variables: { after: 'restart' } });
    await client.broadcastSignal({ signalName: 'sig-cancel', variables: {} });

    // then
    await waitForState(client, waiting, 'COMPLETED');
    expect(await variables(client, waiting)).to.deep.equal({ signalName: 'sig-durable', after: 'restart' });
    await waitForState(client, working, 'COMPLETED');
  });
});
