import { expect } from 'chai';
import {
  type Bounds,
  type Diagram,
  type El,
  type Point,
  allFlowElements,
  arr,
  boundsOf,
  diIndex,
  ext,
  isFlowNode,
  loadDiagrams,
} from '../../kit/pathway/model.js';

/** What the embedded engine runs (design.md, engine-notes.md): anything else is a modelling error. */
const ALLOWED_TYPES = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:ServiceTask',
  'bpmn:UserTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:SubProcess',
  'bpmn:CallActivity',
  'bpmn:BoundaryEvent',
  'bpmn:IntermediateCatchEvent',
  'bpmn:SequenceFlow',
]);
const ALLOWED_EVENT_DEFINITIONS: Record<string, string[]> = {
  'bpmn:StartEvent': ['bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition'], // only in event subprocesses
  'bpmn:EndEvent': ['bpmn:TerminateEventDefinition'],
  'bpmn:BoundaryEvent': ['bpmn:TimerEventDefinition', 'bpmn:ErrorEventDefinition', 'bpmn:MessageEventDefinition'],
  'bpmn:IntermediateCatchEvent': ['bpmn:TimerEventDefinition'],
};
/** English words that would betray an untranslated name. */
const ENGLISH = /\b(the|and|task|case|start|end|gateway|check|process|yes|no|new|done|event|flow|review|service)\b/i;

const inside = (c: Bounds, p: Bounds) => c.x >= p.x && c.y >= p.y && c.x + c.width <= p.x + p.width && c.y + c.height <= p.y + p.height;
const overlaps = (a: Bounds, b: Bounds) => a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
const onBorder = (p: Point, b: Bounds, tol = 1) => {
  const withinX = p.x >= b.x - tol && p.x <= b.x + b.width + tol;
  const withinY = p.y >= b.y - tol && p.y <= b.y + b.height + tol;
  const onVertical = Math.abs(p.x - b.x) <= tol || Math.abs(p.x - (b.x + b.width)) <= tol;
  const onHorizontal = Math.abs(p.y - b.y) <= tol || Math.abs(p.y - (b.y + b.height)) <= tol;
  return (onVertical && withinY) || (onHorizontal && withinX);
};
/** Does the segment a→b (horizontal or vertical) pass through the interior of the box? */
const crosses = (a: Point, b: Point, box: Bounds) => {
  const x1 = Math.min(a.x, b.x),
    x2 = Math.max(a.x, b.x),
    y1 = Math.min(a.y, b.y),
    y2 = Math.max(a.y, b.y);
  return x1 < box.x + box.width - 1 && x2 > box.x + 1 && y1 < box.y + box.height - 1 && y2 > box.y + 1;
};
/** The container an element is drawn in: boundary events live in their host's container. */
const containerOf = (el: El): El | undefined => (el.$type === 'bpmn:BoundaryEvent' ? (el.attachedToRef as El).$parent : el.$parent);
const ancestors = (el: El): El[] => {
  const out: El[] = [];
  for (let p = containerOf(el); p && p.$type === 'bpmn:SubProcess'; p = p.$parent) out.push(p);
  return out;
};

describe('pathway model: diagrams', () => {
  let diagrams: Diagram[];

  before(async () => {
    diagrams = await loadDiagrams();
  });

  it('should have the four diagrams, each with one executable process', () => {
    expect(diagrams.map((d) => d.file)).to.have.members([
      'sote-tyoparipolku.bpmn',
      'tyoryhmakasittely.bpmn',
      'tiimikonsultaatio.bpmn',
      'vastuusosiaalityontekija.bpmn',
    ]);
    for (const d of diagrams) {
      expect(d.processes, d.file).to.have.length(1);
      expect(d.processes[0].isExecutable, d.file).to.equal(true);
      expect(`${d.processes[0].id}.bpmn`).to.equal(d.file);
    }
  });

  it('should parse without moddle warnings (no unknown elements or attributes)', () => {
    for (const d of diagrams) expect(d.warnings, d.file).to.deep.equal([]);
  });

  it('should be marked for Camunda 8.9 as Camunda Modeler writes it', () => {
    for (const d of diagrams) {
      const attrs = d.definitions.$attrs as Record<string, string>;
      expect(attrs['xmlns:zeebe'], d.file).to.equal('http://camunda.org/schema/zeebe/1.0');
      expect(attrs['xmlns:modeler'], d.file).to.equal('http://camunda.org/schema/modeler/1.0');
      expect(attrs['modeler:executionPlatform'], d.file).to.equal('Camunda Cloud');
      expect(attrs['modeler:executionPlatformVersion'], d.file).to.equal('8.9.0');
    }
  });

  it('should use only the element types the embedded engine supports', () => {
    for (const d of diagrams) {
      for (const el of allFlowElements(d.processes[0])) {
        expect(ALLOWED_TYPES.has(el.$type), `${d.file}: ${el.id} is ${el.$type}`).to.equal(true);
        const defs = arr(el.eventDefinitions);
        expect(defs.length, `${el.id} has several event definitions`).to.be.at.most(1);
        for (const def of defs) {
          expect(ALLOWED_EVENT_DEFINITIONS[el.$type] ?? [], `${el.id}: ${def.$type}`).to.include(def.$type);
        }
        // A process may start at a message (the pathway's idempotent intake); any other typed start belongs to an event subprocess.
        const processLevelMessageStart = el.$parent === d.processes[0] && defs[0]?.$type === 'bpmn:MessageEventDefinition';
        if (el.$type === 'bpmn:StartEvent' && defs.length && !processLevelMessageStart) {
          expect((el.$parent as El).triggeredByEvent, `${el.id}: typed start outside an event subprocess`).to.equal(true);
        }
      }
    }
  });

  it('should give every element a meaningful id, not a Modeler-generated one', () => {
    for (const d of diagrams) {
      for (const el of allFlowElements(d.processes[0])) {
        expect(el.id, d.file).to.not.match(/^(Activity|Gateway|Event|Flow|StartEvent|EndEvent|Task)_/);
        expect(el.id, d.file).to.match(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      }
    }
  });

  it('should give every flow node and every gateway branch a Finnish name', () => {
    for (const d of diagrams) {
      const p = d.processes[0];
      expect(p.name, d.file).to.be.a('string').and.not.match(ENGLISH);
      for (const el of allFlowElements(p)) {
        const source = el.sourceRef as El | undefined;
        const isBranch = el.$type === 'bpmn:SequenceFlow' && source?.$type === 'bpmn:ExclusiveGateway' && arr(source.outgoing).length > 1;
        if (el.$type === 'bpmn:SequenceFlow' && !isBranch) {
          // bpmnlint's superfluous-label: unconditional flows carry no label
          expect(el.name, `${el.id} is a plain flow`).to.equal(undefined);
          continue;
        }
        expect(el.name, `${d.file}: ${el.id}`).to.be.a('string').and.have.length.above(1);
        expect(el.name, `${d.file}: ${el.id}`).to.not.match(ENGLISH);
        expect(el.name, `${d.file}: ${el.id}`).to.not.equal(el.id);
      }
    }
  });

  it('should list incoming and outgoing flows on every flow node, as Modeler writes them', () => {
    for (const d of diagrams) {
      const elements = allFlowElements(d.processes[0]);
      const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
      for (const node of elements.filter(isFlowNode)) {
        const incoming = arr(node.incoming)
          .map((f) => f.id)
          .sort();
        const outgoing = arr(node.outgoing)
          .map((f) => f.id)
          .sort();
        expect(incoming, `${node.id} incoming`).to.deep.equal(
          flows
            .filter((f) => (f.targetRef as El).id === node.id)
            .map((f) => f.id)
            .sort(),
        );
        expect(outgoing, `${node.id} outgoing`).to.deep.equal(
          flows
            .filter((f) => (f.sourceRef as El).id === node.id)
            .map((f) => f.id)
            .sort(),
        );
      }
      for (const f of flows) {
        expect(containerOf(f.sourceRef as El), `${f.id} crosses a subprocess border`).to.equal(containerOf(f.targetRef as El));
      }
    }
  });

  it('should document every user task in Finnish', () => {
    for (const d of diagrams) {
      for (const task of allFlowElements(d.processes[0]).filter((e) => e.$type === 'bpmn:UserTask')) {
        const text = arr<{ text: string }>(task.documentation)
          .map((x) => x.text)
          .join(' ');
        expect(text.length, `${task.id} documentation`).to.be.above(40);
        expect(text, task.id).to.match(/[äö]/);
      }
    }
  });

  it('should call only processes that exist, without propagating all child variables', () => {
    const ids = diagrams.map((d) => d.processes[0].id);
    for (const d of diagrams) {
      for (const call of allFlowElements(d.processes[0]).filter((e) => e.$type === 'bpmn:CallActivity')) {
        const called = ext(call, 'zeebe:CalledElement');
        expect(called, call.id).to.not.equal(undefined);
        expect(ids, call.id).to.include(called!.processId);
        expect(called!.propagateAllChildVariables, call.id).to.equal(false);
        const outputs = arr(ext(call, 'zeebe:IoMapping')?.outputParameters);
        expect(outputs.length, `${call.id} needs explicit output mappings`).to.be.above(0);
      }
    }
  });

  describe('diagram interchange (DI)', () => {
    it('should draw every flow node as a shape and every sequence flow as an edge', () => {
      for (const d of diagrams) {
        const { shapes, edges } = diIndex(d);
        for (const el of allFlowElements(d.processes[0])) {
          if (el.$type === 'bpmn:SequenceFlow') {
            expect(edges.has(el.id), `${d.file}: edge for ${el.id}`).to.equal(true);
            expect(arr(edges.get(el.id)!.waypoint).length, el.id).to.be.at.least(2);
          } else {
            expect(shapes.has(el.id), `${d.file}: shape for ${el.id}`).to.equal(true);
            const b = boundsOf(shapes.get(el.id)!);
            expect(b.width > 0 && b.height > 0, el.id).to.equal(true);
          }
        }
      }
    });

    it('should draw subprocesses expanded, with their children inside them', () => {
      for (const d of diagrams) {
        const { shapes } = diIndex(d);
        for (const el of allFlowElements(d.processes[0])) {
          if (el.$type === 'bpmn:SubProcess') expect(shapes.get(el.id)!.isExpanded, el.id).to.equal(true);
          const parent = containerOf(el);
          if (isFlowNode(el) && parent?.$type === 'bpmn:SubProcess') {
            expect(inside(boundsOf(shapes.get(el.id)!), boundsOf(shapes.get(parent.id)!)), `${el.id} inside ${parent.id}`).to.equal(true);
          }
        }
      }
    });

    it('should not overlap shapes that share a container', () => {
      for (const d of diagrams) {
        const { shapes } = diIndex(d);
        const nodes = allFlowElements(d.processes[0]).filter(isFlowNode);
        for (const a of nodes) {
          for (const b of nodes) {
            if (a.id >= b.id || containerOf(a) !== containerOf(b)) continue;
            if (a.attachedToRef === b || b.attachedToRef === a) continue;
            expect(overlaps(boundsOf(shapes.get(a.id)!), boundsOf(shapes.get(b.id)!)), `${d.file}: ${a.id} overlaps ${b.id}`).to.equal(
              false,
            );
          }
        }
      }
    });

    it('should put boundary events on their host border', () => {
      for (const d of diagrams) {
        const { shapes } = diIndex(d);
        for (const be of allFlowElements(d.processes[0]).filter((e) => e.$type === 'bpmn:BoundaryEvent')) {
          const b = boundsOf(shapes.get(be.id)!);
          const host = boundsOf(shapes.get((be.attachedToRef as El).id)!);
          expect(onBorder({ x: b.x + b.width / 2, y: b.y + b.height / 2 }, host), be.id).to.equal(true);
        }
      }
    });

    it('should start and end every edge on its shapes, with orthogonal segments that cross no other shape', () => {
      for (const d of diagrams) {
        const { shapes, edges } = diIndex(d);
        const nodes = allFlowElements(d.processes[0]).filter(isFlowNode);
        for (const f of allFlowElements(d.processes[0]).filter((e) => e.$type === 'bpmn:SequenceFlow')) {
          const pts = arr<Point>(edges.get(f.id)!.waypoint);
          const source = f.sourceRef as El,
            target = f.targetRef as El;
          expect(onBorder(pts[0], boundsOf(shapes.get(source.id)!)), `${f.id} starts on ${source.id}`).to.equal(true);
          expect(onBorder(pts[pts.length - 1], boundsOf(shapes.get(target.id)!)), `${f.id} ends on ${target.id}`).to.equal(true);
          const skip = new Set([source.id, target.id, ...ancestors(source).map((a) => a.id), ...ancestors(target).map((a) => a.id)]);
          for (let i = 1; i < pts.length; i++) {
            const a = pts[i - 1],
              b = pts[i];
            expect(a.x === b.x || a.y === b.y, `${f.id} segment ${i} is diagonal`).to.equal(true);
            for (const n of nodes) {
              if (skip.has(n.id)) continue;
              expect(crosses(a, b, boundsOf(shapes.get(n.id)!)), `${d.file}: ${f.id} crosses ${n.id}`).to.equal(false);
            }
          }
        }
      }
    });

    it('should place labels for named events, gateways and gateway branches', () => {
      for (const d of diagrams) {
        const { shapes, edges } = diIndex(d);
        for (const el of allFlowElements(d.processes[0])) {
          if (!el.name) continue;
          const external = /Event$|Gateway$/.test(el.$type);
          if (external) expect((shapes.get(el.id)!.label as El | undefined)?.bounds, `label of ${el.id}`).to.not.equal(undefined);
          if (el.$type === 'bpmn:SequenceFlow')
            expect((edges.get(el.id)!.label as El | undefined)?.bounds, `label of ${el.id}`).to.not.equal(undefined);
        }
      }
    });
  });
});
