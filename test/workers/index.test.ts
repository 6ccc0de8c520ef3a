import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PROCESS_APPLICATION, PROJECT_ROOT } from '../../src/deploy/deploy-resources.js';
import { retiredJobTypes, workers } from '../../workers/index.js';

const BPMN_DIR = join(PROJECT_ROOT, PROCESS_APPLICATION, 'bpmn');

/** Every job type the diagrams use, in service tasks and execution listeners. */
function jobTypesInDiagrams(): Set<string> {
  const types = new Set<string>();
  for (const file of readdirSync(BPMN_DIR).filter((f) => f.endsWith('.bpmn'))) {
    const xml = readFileSync(join(BPMN_DIR, file), 'utf8');
    for (const match of xml.matchAll(/<zeebe:(?:taskDefinition|executionListener)\b[^>]*\btype="([^"]+)"/g)) types.add(match[1]);
  }
  return types;
}

/** The job types table of process-application/README.md: job type → the variables its "writes" column names. */
function documentedJobTypes(): Map<string, string> {
  const readme = readFileSync(join(PROJECT_ROOT, PROCESS_APPLICATION, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Job types\n'), readme.indexOf('\n## Messages\n'));
  return new Map([...section.matchAll(/^\| `([^`]+)` \|(?:[^|]*\|){2}([^|]*)\|/gm)].map((m) => [m[1], m[2]]));
}

describe('workers/index', () => {
  it('should have exactly one worker for every job type of process-application/bpmn/ and for every retired one', () => {
    // given
    const used = jobTypesInDiagrams();

    // when
    const served = workers.map((w) => w.jobType);

    // then
    expect(new Set(served).size, 'one worker per job type').to.equal(served.length);
    expect(served).to.have.members([...used, ...retiredJobTypes]);
    for (const retired of retiredJobTypes) expect(used.has(retired), `${retired} is retired`).to.equal(false);
  });

  it('should write the variables process-application/README.md documents for each job type', () => {
    // given
    const documented = documentedJobTypes();

    for (const worker of workers) {
      // when
      const writes = documented.get(worker.jobType) ?? '';
      const output = Object.keys((worker.Output as z.ZodObject).shape);

      // then every output variable is named in the "writes" column, as `name`
      expect(documented.has(worker.jobType), `${worker.jobType} is documented`).to.equal(true);
      for (const variable of output) expect(writes, `${worker.jobType} writes ${variable}`).to.include(`\`${variable}\``);
    }
  });

  it('should describe every worker and take its input and output as object schemas', () => {
    for (const worker of workers) {
      expect(worker.description, worker.jobType).to.be.a('string').and.not.equal('');
      expect(worker.Input, worker.jobType).to.be.instanceOf(z.ZodObject);
      expect(worker.Output, worker.jobType).to.be.instanceOf(z.ZodObject);
    }
  });
});
