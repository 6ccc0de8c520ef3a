import { ProcessDefinitionId } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { resolve } from 'node:path';
import { startTestService, type TestService } from '../support/service.js';
import { scanVariables } from './variable-scan.js';

describe('variable scan', () => {
  let t: TestService;

  before(async () => {
    t = await startTestService();
    await t.client.deployResourcesFromFiles([resolve('test/fixtures/waiting.bpmn')]);
  });

  after(async () => {
    await t?.close();
  });

  it('should find a henkilötunnus, a client’s name and an identity-named variable, and nothing in clean variables', async () => {
    // given one instance that leaks identity three ways and one that does not
    const start = (variables: Record<string, unknown>) =>
      t.client.createProcessInstance({ processDefinitionId: ProcessDefinitionId.assumeExists('waiting'), variables });
    const leaky = await start({
      note: { text: `soitti, tunnus 131052-308T`.padStart(300, ' ') },
      memo: 'Matti Meikäläinen otti yhteyttä',
      hetu: 'x',
    });
    await start({ caseId: '0b6f3c6e-4f0e-4d0b-9d3c-2f7e9a1b2c3d', municipality: '853', urgent: false });

    // when
    const { scanned, leaks } = await scanVariables(t.client, ['Matti Meikäläinen']);

    // then
    expect(scanned).to.equal(6);
    expect(leaks.map((l) => [l.processInstanceKey, l.name, l.why])).to.have.deep.members([
      [String(leaky.processInstanceKey), 'note', 'a henkilötunnus in the value'],
      [String(leaky.processInstanceKey), 'memo', 'a client’s name in the value'],
      [String(leaky.processInstanceKey), 'hetu', 'an identity field by its name'],
    ]);
  });
});
