import { expect } from 'chai';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deployResources, describeDeployment, findResources } from '../../src/deploy/deploy-resources.js';
import { startTestService, type TestService } from '../support/service.js';

const NOW = { consistency: { waitUpToMs: 0 } } as const;

/** A one-task process, its name varied to make a new version. */
function diagram(processId: string, taskName = 'Task'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="${processId}-defs" targetNamespace="http://sote-tyopari/test">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="task" name="${taskName}">
      <bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="${processId}-form" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** A project root holding process-application/ with the given files. */
function projectRoot(files: Record<string, string>): string {
  mkdirSync(resolve('.tmp'), { recursive: true });
  const root = mkdtempSync(join(resolve('.tmp'), 'deploy-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('deploy-resources', () => {
  describe('#findResources', () => {
    it('should find the diagrams and forms, in name order, and nothing else', async () => {
      // given
      const root = projectRoot({
        'process-application/bpmn/b.bpmn': diagram('b'),
        'process-application/bpmn/a.bpmn': diagram('a'),
        'process-application/README.md': '# not a diagram',
        'process-application/forms/a-form.form': '{"id":"a-form","components":[]}',
      });

      // when
      const found = await findResources(root);

      // then
      expect(found.map((f) => [f.name, f.type])).to.deep.equal([
        ['a.bpmn', 'application/xml'],
        ['b.bpmn', 'application/xml'],
        ['a-form.form', 'application/json'],
      ]);
    });

    it('should find nothing where the folders are missing', async () => {
      expect(await findResources(projectRoot({}))).to.deep.equal([]);
    });
  });

  describe('#deployResources', () => {
    let t: TestService;

    before(async () => {
      t = await startTestService();
    });

    after(async () => {
      await t?.close();
    });

    it('should deploy diagrams and forms in one deployment, and a changed diagram as a new version', async () => {
      // given
      const files = {
        'process-application/bpmn/deploy-probe.bpmn': diagram('deploy-probe'),
        'process-application/forms/deploy-probe-form.form': '{"id":"deploy-probe-form","components":[]}',
      };

      // when
      const first = await deployResources(t.client, projectRoot(files));
      const unchanged = await deployResources(t.client, projectRoot(files));
      const changed = await deployResources(
        t.client,
        projectRoot({ ...files, 'process-application/bpmn/deploy-probe.bpmn': diagram('deploy-probe', 'Renamed task') }),
      );

      // then
      expect(first?.processes.map((p) => [p.processDefinitionId, p.version, p.resourceName])).to.deep.equal([
        ['deploy-probe', 1, 'deploy-probe.bpmn'],
      ]);
      expect(first?.forms.map((f) => [f.formId, f.version])).to.deep.equal([['deploy-probe-form', 1]]);
      expect(unchanged?.processes[0].version).to.equal(1);
      expect(changed?.processes[0].version).to.equal(2);
      expect(changed?.forms[0].version).to.equal(1);
      expect(describeDeployment(first!)).to.deep.equal([
        `process deploy-probe version 1 (key ${first!.processes[0].processDefinitionKey}) from deploy-probe.bpmn`,
        `form deploy-probe-form version 1 (key ${first!.forms[0].formKey}) from deploy-probe-form.form`,
      ]);
    });

    it('should deploy nothing, and say so, when there is nothing to deploy', async () => {
      expect(await deployResources(t.client, projectRoot({}))).to.equal(null);
    });

    it('should have deployed the project’s diagrams when the service started', async () => {
      // when
      const found = await t.client.searchProcessDefinitions({ filter: { isLatestVersion: true } }, NOW);

      // then
      expect(found.items.map((d) => String(d.processDefinitionId))).to.include.members([
        'sote-tyoparipolku',
        'tyoryhmakasittely',
        'tiimikonsultaatio',
      ]);
    });
  });
});
