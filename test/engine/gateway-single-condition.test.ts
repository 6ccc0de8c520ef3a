import { expect } from 'chai';
import { deployText, incidents, trail, useEngineSuite, waitForState } from './helpers.js';

/** An exclusive gateway whose only outgoing flow has a condition and no default flow beside it. */
const SINGLE_CONDITION = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="gw-single-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="gw-single-condition" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="route"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>toYes</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="yes"><bpmn:incoming>toYes</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="route" />
    <bpmn:sequenceFlow id="toYes" sourceRef="route" targetRef="yes">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=answer = "yes"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
  </bpmn:process>
</bpmn:definitions>`;

describe('exclusive gateway with a single conditional flow', () => {
  const t = useEngineSuite();

  before(async () => {
    await deployText(t.client, { 'gw-single-condition.bpmn': SINGLE_CONDITION });
  });

  it('should take the flow when its condition holds', async () => {
    // when
    const key = await t.instances.start('gw-single-condition', { answer: 'yes' });

    // then
    await waitForState(t.client, key, 'COMPLETED');
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'route:COMPLETED', 'yes:COMPLETED']);
  });

  it('should raise Zeebe’s incident when its condition is false and there is no default flow', async () => {
    // when
    const key = await t.instances.start('gw-single-condition', { answer: 'no' });

    // then
    const found = await incidents(t.client, key);
    expect(found.map((i) => [i.errorType, i.elementId, i.state])).to.deep.equal([['CONDITION_ERROR', 'route', 'ACTIVE']]);
    expect(found[0].errorMessage).to.include('Expected at least one condition to evaluate to true, or to have a default flow');
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'route:ACTIVE']);
  });
});
