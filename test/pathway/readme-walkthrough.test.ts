import { UserTaskKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/deploy/deploy-resources.js';
import { allFlowElements, ext, loadDiagrams } from '../../kit/pathway/model.js';
import { PathwayDriver } from './pathway-driver.js';

interface WalkthroughRow {
  elementId: string | null;
  formId: string | null;
  variables: Record<string, unknown> | null;
}

/** The table of README.md's walk-through: one row per user task in order, and the clock's row. */
function walkthroughRows(): WalkthroughRow[] {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Walk-through'), readme.indexOf('## Security and privacy'));
  return [...section.matchAll(/^\| (`[^`]+`|\(no task[^|]*) \|\s*(`[^`]+`)?\s*\| (.*) \|$/gm)].map((m) => ({
    elementId: m[1].startsWith('`') ? m[1].slice(1, -1) : null,
    formId: m[2] ? m[2].slice(1, -1) : null,
    variables: m[3].startsWith('`{') ? (JSON.parse(m[3].slice(1, -1)) as Record<string, unknown>) : null,
  }));
}

describe('README walk-through', function () {
  this.timeout(60_000);
  let d: PathwayDriver;

  before(async () => {
    d = await PathwayDriver.start();
  });

  after(async () => {
    await d?.resetClock();
    await d?.close();
  });

  it('should name each task’s form as the diagram links it', async () => {
    // given
    const main = (await loadDiagrams()).find((diagram) => diagram.processes[0].id === 'sote-tyoparipolku')!.processes[0];
    const formOf = new Map(
      allFlowElements(main)
        .filter((e) => e.$type === 'bpmn:UserTask')
        .map((task) => [task.id, ext(task, 'zeebe:FormDefinition')!.formId as string]),
    );

    // when
    const all = walkthroughRows();
    const rows = all.filter((row) => row.elementId !== null);

    // then the tasks in order, the clock's row between implementation and monitoring
    expect(all.map((row) => row.elementId)).to.deep.equal([
      'screening-task',
      'assessment-task',
      'plan-task',
      'implementation-followup',
      null,
      'monitoring-review',
      'evaluation-task',
    ]);
    for (const row of rows) expect(row.formId, row.elementId!).to.equal(formOf.get(row.elementId!));
  });

  it('should close the case as the walk-through says, with exactly the variables it gives', async () => {
    // given
    const caseId = await d.openCase();

    // when each row is done as written
    for (const row of walkthroughRows()) {
      if (row.elementId === null) {
        await d.waitForTimer(caseId, 'next-monitoring');
        await d.advanceClock(15);
        continue;
      }
      const view = await d.waitForTask(caseId, row.elementId);
      const task = view.openTasks.find((t) => t.elementId === row.elementId)!;
      await d.test.client.completeUserTask({ userTaskKey: UserTaskKey.assumeExists(String(task.key)), variables: row.variables ?? {} });
    }

    // then
    const closed = await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
    expect(closed.outcome).to.equal('COMPLETED');
    expect(closed.team?.id).to.equal('turku-keskusta');
    expect(closed.stages.map((s) => s.stage)).to.deep.equal([
      'TUEN_TARVE',
      'TYOPARIN_MUODOSTUS',
      'ARVIOINTI',
      'SUUNNITELMA',
      'TOTEUTUS',
      'LOPPUARVIOINTI',
      'PAATTYMINEN',
    ]);
    const met = Object.fromEntries(closed.deadlines.map((x) => [x.ruleId, x.metAt !== null]));
    expect(met).to.deep.include({ 'tervhl-51-hoidon-tarpeen-arvio': true, 'shl-36-arvioinnin-aloitus-tavoite': true });
    expect(closed.deadlines.map((x) => x.ruleId)).to.include('potilasasiakirjat-5-vrk');
  });
});
