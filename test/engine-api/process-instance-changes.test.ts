import { ProcessDefinitionId, ProcessDefinitionKey, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { expectProblem } from '../support/problem.js';
import { raw } from '../support/raw.js';
import { type ApiHarness, startApi } from './harness.js';

describe('/v2 router: migration, modification and start instructions', () => {
  let api: ApiHarness;

  before(async () => {
    api = await startApi('api_instance_changes');
  });

  beforeEach(() => {
    api.commands.calls.length = 0;
  });

  after(async () => {
    await api.close();
  });

  it('should hand a migration plan to the engine and answer 204', async () => {
    // when
    await api.client.migrateProcessInstance({
      processInstanceKey: ProcessInstanceKey.assumeExists('2251799813685251'),
      targetProcessDefinitionKey: ProcessDefinitionKey.assumeExists('2251799813685299'),
      mappingInstructions: [{ sourceElementId: 'a' as never, targetElementId: 'b' as never }],
    });

    // then
    expect(api.commands.last('migrateProcessInstance')).to.deep.equal([
      '2251799813685251',
      { targetProcessDefinitionKey: '2251799813685299', mappingInstructions: [{ sourceElementId: 'a', targetElementId: 'b' }] },
    ]);
  });

  it('should answer 400 naming the field for a migration without a target', async () => {
    // when
    const response = await raw(api, 'POST', '/v2/process-instances/2251799813685251/migration', { json: { mappingInstructions: [] } });

    // then
    expectProblem(response, 400, { detail: /targetProcessDefinitionKey/ });
    expect(api.commands.calls).to.deep.equal([]);
  });

  it('should read every kind of modification instruction, -1 leaving the ancestor to the engine', async () => {
    // when
    await api.client.modifyProcessInstance({
      processInstanceKey: ProcessInstanceKey.assumeExists('2251799813685251'),
      activateInstructions: [
        {
          elementId: 'a' as never,
          ancestorElementInstanceKey: '-1' as never,
          variableInstructions: [{ variables: { x: 1 }, scopeId: 'sub' }],
        },
      ],
      moveInstructions: [
        {
          sourceElementInstruction: { sourceType: 'byKey', sourceElementInstanceKey: '2251799813685260' as never },
          targetElementId: 'b' as never,
        },
        {
          sourceElementInstruction: { sourceType: 'byId', sourceElementId: 'c' as never },
          targetElementId: 'd' as never,
          ancestorScopeInstruction: { ancestorScopeType: 'inferred' },
        },
      ],
      terminateInstructions: [{ elementInstanceKey: '2251799813685261' as never }, { elementId: 'e' as never }],
    });

    // then
    expect(api.commands.last('modifyProcessInstance')).to.deep.equal([
      '2251799813685251',
      {
        activateInstructions: [
          { elementId: 'a', ancestorElementInstanceKey: undefined, variableInstructions: [{ variables: { x: 1 }, scopeId: 'sub' }] },
        ],
        moveInstructions: [
          {
            source: { sourceElementInstanceKey: '2251799813685260' },
            targetElementId: 'b',
            ancestor: { type: 'direct', ancestorElementInstanceKey: undefined },
            variableInstructions: [],
          },
          { source: { sourceElementId: 'c' }, targetElementId: 'd', ancestor: { type: 'inferred' }, variableInstructions: [] },
        ],
        terminateInstructions: [{ elementInstanceKey: '2251799813685261' }, { elementId: 'e' }],
      },
    ]);
  });

  it('should hand start instructions to the engine with the creation', async () => {
    // when
    await api.client.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('order'),
      startInstructions: [{ elementId: 'pack' as never }],
    });

    // then
    const [request] = api.commands.last('createProcessInstance') as [{ startInstructions?: string[] }];
    expect(request.startInstructions).to.deep.equal(['pack']);
  });
});
