import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findResources } from '../../src/deploy/deploy-resources.js';
import { allFlowElements, loadDiagrams, processApplicationDir, root } from '../../kit/pathway/model.js';

/** Every file under a folder, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Files Camunda Modeler deploys from a process application. */
const DEPLOYABLE = /\.(bpmn|dmn|form)$/;

describe('pathway model: the process application folder', () => {
  it('should mark process-application/ for Camunda Modeler with a JSON .process-application file', () => {
    const marker = readFileSync(join(processApplicationDir, '.process-application'), 'utf8');
    expect(JSON.parse(marker)).to.be.an('object');
  });

  it('should hold only deployable files besides its marker and README', () => {
    const others = filesUnder(processApplicationDir).filter((f) => !DEPLOYABLE.test(f));
    expect(others).to.deep.equal(['.process-application', 'README.md']);
  });

  it('should deploy with npm run deploy exactly what Modeler deploys from the folder', async () => {
    const modeler = filesUnder(processApplicationDir)
      .filter((f) => DEPLOYABLE.test(f))
      .map((f) => f.split('/').pop());
    const deployed = (await findResources(root)).map((r) => r.name);
    expect(deployed.slice().sort()).to.deep.equal(modeler.sort());
    expect(deployed.length).to.be.above(10);
  });

  it('should be the only process application of the repository, so no test fixture is deployed with it', () => {
    const markers = filesUnder(root)
      .filter((f) => !f.startsWith('node_modules/') && !f.startsWith('.git/'))
      .filter((f) => f.endsWith('.process-application'));
    expect(markers).to.deep.equal(['process-application/.process-application']);
  });

  it("should give in the README's coverage block each diagram's number of sequence flows", async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = readme.slice(
      readme.indexOf('BPMN sequence-flow coverage'),
      readme.indexOf('total', readme.indexOf('BPMN sequence-flow coverage')),
    );
    const documented = [...block.matchAll(/^ {2}(\S+) +(\d+)\/(\d+) sequence flows$/gm)].map((m) => [m[1], Number(m[3])]);
    const counted = (await loadDiagrams()).map((d) => [
      d.processes[0].id,
      allFlowElements(d.processes[0]).filter((e) => e.$type === 'bpmn:SequenceFlow').length,
    ]);
    expect(documented).to.deep.equal(counted.sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  });
});
