import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from 'feelin';
import {
  type Diagram,
  type El,
  allFlowElements,
  arr,
  processApplicationDir,
  exts,
  ext,
  loadDiagrams,
  stageInput,
} from '../../kit/pathway/model.js';
import { retiredJobTypes } from '../../workers/index.js';

const STAGES: [string, string][] = [
  ['stage-tuen-tarve', 'TUEN_TARVE'],
  ['stage-tyoparin-muodostus', 'TYOPARIN_MUODOSTUS'],
  ['stage-arviointi', 'ARVIOINTI'],
  ['stage-suunnitelma', 'SUUNNITELMA'],
  ['stage-tyoryhmakasittely', 'TYORYHMAKASITTELY'],
  ['stage-toteutus', 'TOTEUTUS'],
  ['stage-loppuarviointi', 'LOPPUARVIOINTI'],
  ['stage-paattyminen', 'PAATTYMINEN'],
];

/** Backticked names in the first column of the tables under a `## heading` of process-application/README.md. */
function documented(heading: string): string[] {
  const readme = readFileSync(join(processApplicationDir, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, `README section ${heading}`).to.be.above(-1);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
}

describe('pathway model: stages and contract', () => {
  let diagrams: Diagram[];
  let main: El;
  const all = () => diagrams.flatMap((d) => allFlowElements(d.processes[0]));

  before(async () => {
    diagrams = await loadDiagrams();
    main = diagrams.find((d) => d.processes[0].id === 'sote-tyoparipolku')!.processes[0];
  });

  it('should be the process sote-tyoparipolku, "Sote-työparipolku"', () => {
    expect(main.name).to.equal('Sote-työparipolku');
  });

  it('should model each stage as an embedded subprocess with its stage code', () => {
    const stages = allFlowElements(main).filter((e) => e.$type === 'bpmn:SubProcess' && stageInput(e));
    expect(stages.map((s) => s.id)).to.have.members(STAGES.map(([id]) => id));
    for (const [id, code] of STAGES) {
      const stage = stages.find((s) => s.id === id)!;
      expect(stage.triggeredByEvent, id).to.not.equal(true);
      expect(stage.$parent, `${id} is at process level`).to.equal(main);
      expect(stageInput(stage), id).to.equal(`="${code}"`);
      expect(evaluate(stageInput(stage)!.slice(1), {}).value, id).to.equal(code);
    }
  });

  it('should record the start and the end of every stage with listeners whose job type names the event', () => {
    for (const [id] of STAGES) {
      const stage = allFlowElements(main).find((e) => e.id === id)!;
      const listeners = exts(stage, 'zeebe:ExecutionListeners').flatMap((l) => arr(l.listeners));
      const summary = listeners.map((l) => `${l.eventType}:${l.type}:${l.retries}`).sort();
      expect(summary, id).to.deep.equal(['end:pathway-stage-leave:3', 'start:pathway-stage-enter:3']);
    }
  });

  it('should use the stage input and the listeners only on stages', () => {
    for (const el of all()) {
      if (STAGES.some(([id]) => id === el.id)) continue;
      expect(stageInput(el), `${el.id} sets stage`).to.equal(undefined);
      expect(exts(el, 'zeebe:ExecutionListeners'), `${el.id} has listeners`).to.deep.equal([]);
    }
  });

  it('should reach the stages in pathway order from the start event', () => {
    const start = arr(main.flowElements).find((e) => e.$type === 'bpmn:StartEvent')!;
    const order: string[] = [];
    const seen = new Set<string>([start.id]);
    const queue: El[] = [start];
    while (queue.length) {
      const node = queue.shift()!;
      if (STAGES.some(([id]) => id === node.id)) order.push(node.id);
      for (const flow of arr(node.outgoing)) {
        const next = flow.targetRef as El;
        if (!seen.has(next.id)) {
          seen.add(next.id);
          queue.push(next);
        }
      }
    }
    expect(order).to.deep.equal(STAGES.map(([id]) => id));
  });

  it('should route the case by municipality with a manual fallback on UNKNOWN_MUNICIPALITY', () => {
    const els = allFlowElements(main);
    const boundary = els.find((e) => e.id === 'unknown-municipality')!;
    expect((boundary.attachedToRef as El).id).to.equal('route-case');
    expect((arr(boundary.eventDefinitions)[0].errorRef as El).errorCode).to.equal('UNKNOWN_MUNICIPALITY');
    const manual = arr(boundary.outgoing)[0].targetRef as El;
    expect(manual.id).to.equal('manual-routing-task');
    // manual routing loops back to the same service task (worker reads manualTeamId)
    const merge = arr(manual.outgoing)[0].targetRef as El;
    expect(arr(merge.outgoing).map((f) => (f.targetRef as El).id)).to.deep.equal(['route-case']);
  });

  it('should form the pair with a manual fallback on NO_PAIR_AVAILABLE, each line’s lead naming its own member', () => {
    const els = allFlowElements(main);
    const boundary = els.find((e) => e.id === 'no-pair-available')!;
    expect((boundary.attachedToRef as El).id).to.equal('form-work-pair');
    expect((arr(boundary.eventDefinitions)[0].errorRef as El).errorCode).to.equal('NO_PAIR_AVAILABLE');
    const fork = arr(boundary.outgoing)[0].targetRef as El;
    expect(fork.$type).to.equal('bpmn:ParallelGateway');
    const tasks = arr(fork.outgoing).map((f) => f.targetRef as El);
    const naming = tasks.map((t) => [t.id, ext(t, 'zeebe:AssignmentDefinition')!.candidateGroups]);
    expect(naming).to.have.deep.members([
      ['manual-nurse-task', '=["tiimi-" + teamId + "-vetaja-terveys"]'],
      ['manual-social-worker-task', '=["tiimi-" + teamId + "-vetaja-sosiaali"]'],
    ]);
    const joins = new Set(tasks.map((t) => (arr(t.outgoing)[0].targetRef as El).id));
    expect([...joins]).to.deep.equal(['manual-pair-join']);
    const join = els.find((e) => e.id === 'manual-pair-join')!;
    const merge = arr(join.outgoing)[0].targetRef as El;
    expect(arr(merge.outgoing).map((f) => (f.targetRef as El).id)).to.deep.equal(['form-work-pair']);
  });

  it('should add the responsible social worker beside the pair where a special need for support is found, at pairing, at the assessment or at a monitoring visit, without re-pairing', () => {
    const calls = allFlowElements(main).filter(
      (e) => e.$type === 'bpmn:CallActivity' && ext(e, 'zeebe:CalledElement')!.processId === 'vastuusosiaalityontekija',
    );
    expect(calls.map((c) => [c.id, (c.$parent as El).id])).to.have.deep.members([
      ['special-support-at-pairing', 'stage-tyoparin-muodostus'],
      ['special-support-at-assessment', 'stage-arviointi'],
      ['special-support-at-monitoring', 'stage-toteutus'],
    ]);
    for (const call of calls) {
      const reachable = new Set<string>();
      const queue = [call];
      while (queue.length) {
        for (const f of arr(queue.shift()!.outgoing)) {
          const next = f.targetRef as El;
          if (reachable.has(next.id)) continue;
          reachable.add(next.id);
          queue.push(next);
        }
      }
      expect([...reachable], `${call.id} leads to no pairing`).to.not.include('form-work-pair');
    }
    const called = diagrams.find((d) => d.processes[0].id === 'vastuusosiaalityontekija')!.processes[0];
    const confirm = allFlowElements(called).find((e) => e.id === 'special-support-confirmation-task')!;
    expect(ext(confirm, 'zeebe:AssignmentDefinition')!.candidateGroups, 'confirmed by a sosiaalityöntekijä').to.equal(
      '=["tiimi-" + teamId + "-sosiaalityontekijat"]',
    );
  });

  it('should escalate the assessment deadline from the case’s opening, whatever stage the case is in, without interrupting it', () => {
    const timer = allFlowElements(main).find((e) => e.id === 'assessment-deadline')!;
    const subprocess = timer.$parent as El;
    expect(subprocess).to.include({ id: 'assessment-deadline-subprocess', triggeredByEvent: true });
    expect(subprocess.$parent, 'at the process level: screening and pairing included').to.equal(main);
    expect(timer.isInterrupting).to.equal(false);
    expect((arr(timer.eventDefinitions)[0].timeDate as El).body).to.equal('=assessmentDueDate');
    const task = allFlowElements(main).find((e) => e.id === 'assessment-task')!;
    expect(ext(task, 'zeebe:TaskSchedule')!.dueDate).to.equal('=assessmentDueDate');
    const notice = arr(timer.outgoing)[0].targetRef as El;
    expect(ext(notice, 'zeebe:TaskDefinition')!.type).to.equal('deadline-notice');
  });

  it('should catch the messages where the design says', () => {
    const starts = allFlowElements(main).filter((e) => e.$type === 'bpmn:StartEvent' && arr(e.eventDefinitions)[0]?.messageRef);
    const byMessage = new Map(starts.map((s) => [(arr(s.eventDefinitions)[0].messageRef as El).name as string, s] as const));
    const exit = byMessage.get('asiakkuus-paattyy')!;
    expect(exit.isInterrupting).to.not.equal(false);
    expect((exit.$parent as El).$parent).to.equal(main);
    const team = byMessage.get('tiimikasittely-pyydetty')!;
    expect(team.isInterrupting).to.equal(false);
    expect((team.$parent as El).$parent, 'team handling from any stage').to.equal(main);
    const boundaries = allFlowElements(main).filter((e) => e.$type === 'bpmn:BoundaryEvent' && arr(e.eventDefinitions)[0]?.messageRef);
    const caught = boundaries.map((b) => [
      (arr(b.eventDefinitions)[0].messageRef as El).name,
      (b.attachedToRef as El).id,
      b.cancelActivity,
    ]);
    expect(caught).to.have.deep.members([
      ['suunnitelma-paivitettava', 'stage-toteutus', true],
      ['tyoryhmaan-ohjattava', 'stage-toteutus', true],
      ['suunnitelma-paivitettava', 'stage-loppuarviointi', true],
      ['tyoryhmaan-ohjattava', 'stage-loppuarviointi', true],
    ]);
    for (const message of arr(main.$parent?.rootElements).filter((e) => e.$type === 'bpmn:Message' && e.name !== 'asia-vireille')) {
      expect(ext(message, 'zeebe:Subscription')!.correlationKey, message.name).to.equal('=caseId');
    }
  });

  it('should start the pathway from the intake’s message, or at the none start for another system, both into TUEN_TARVE', () => {
    const starts = arr<El>(main.flowElements).filter((e) => e.$type === 'bpmn:StartEvent');
    expect(starts.map((s) => [s.id, (arr(s.eventDefinitions)[0]?.messageRef as El | undefined)?.name ?? null])).to.deep.equal([
      ['case-opened-message', 'asia-vireille'],
      ['start-case', null],
    ]);
    const message = arr(starts[0].eventDefinitions)[0].messageRef as El;
    expect(ext(message, 'zeebe:Subscription'), 'a start event takes the published correlation key').to.equal(undefined);
    for (const start of starts) {
      const merge = arr(start.outgoing)[0].targetRef as El;
      expect(merge.id).to.equal('intake-merge');
      expect(arr(merge.outgoing).map((f) => (f.targetRef as El).id)).to.deep.equal(['stage-tuen-tarve']);
    }
  });

  it('should let only the deciding official decide: the working group recommends', () => {
    const group = diagrams.find((d) => d.processes[0].id === 'tyoryhmakasittely')!.processes[0];
    const tasks = allFlowElements(group).filter((e) => e.$type === 'bpmn:UserTask');
    const formOf = (id: string) =>
      ext(
        tasks.find((t) => t.id === id)!,
        'zeebe:FormDefinition',
      )!.formId;
    expect(formOf('group-task')).to.equal('tyoryhma-suositus');
    expect(formOf('official-decision-task')).to.equal('viranhaltijapaatos');
    expect(
      ext(
        tasks.find((t) => t.id === 'official-decision-task')!,
        'zeebe:AssignmentDefinition',
      )!.candidateGroups,
    ).to.equal('=["viranhaltija-" + regionId]');
  });

  describe('the contract in process-application/README.md', () => {
    it('should list exactly the job types of the diagrams, and the retired ones still served', () => {
      const types = new Set<string>();
      for (const el of all()) {
        const td = ext(el, 'zeebe:TaskDefinition');
        if (td) types.add(td.type as string);
        for (const l of exts(el, 'zeebe:ExecutionListeners').flatMap((x) => arr(x.listeners))) types.add(l.type as string);
      }
      expect(documented('Job types')).to.have.members([...types, ...retiredJobTypes]);
    });

    it('should list exactly the message names', () => {
      const names = diagrams
        .flatMap((d) => arr(d.definitions.rootElements))
        .filter((e) => e.$type === 'bpmn:Message')
        .map((m) => m.name);
      expect(documented('Messages')).to.have.members(names);
    });

    it('should list exactly the error codes', () => {
      const codes = diagrams
        .flatMap((d) => arr(d.definitions.rootElements))
        .filter((e) => e.$type === 'bpmn:Error')
        .map((m) => m.errorCode);
      expect(documented('Error codes')).to.have.members(codes);
    });

    it('should list exactly the form ids', () => {
      const ids = all()
        .filter((e) => e.$type === 'bpmn:UserTask')
        .map((t) => ext(t, 'zeebe:FormDefinition')!.formId);
      expect(documented('Forms')).to.have.members([...new Set(ids)]);
    });

    it('should list every stage code', () => {
      expect(documented('Stages')).to.deep.equal(STAGES.map(([, code]) => code));
    });
  });
});
