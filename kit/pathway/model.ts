/**
 * Loads the diagrams in process-application/bpmn/ and the forms in process-application/forms/ for the
 * pathway model tests: bpmn-moddle with the zeebe extension (as Camunda Modeler and the engine read
 * them), plus small helpers over the parsed tree.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const processApplicationDir = join(root, 'process-application');
export const bpmnDir = join(processApplicationDir, 'bpmn');
export const formsDir = join(processApplicationDir, 'forms');
export const projectRequire = createRequire(join(root, 'package.json'));
const zeebeDescriptor = projectRequire('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;

/** A parsed BPMN or DI element, loosely typed: moddle gives plain objects with `$type`. */
export interface El {
  $type: string;
  id: string;
  name?: string;
  $parent?: El;
  [key: string]: unknown;
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Point {
  x: number;
  y: number;
}

export interface Diagram {
  file: string;
  xml: string;
  definitions: El;
  processes: El[];
  warnings: string[];
}

export const arr = <T = El>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** Every .bpmn file in process-application/bpmn/, parsed. */
export async function loadDiagrams(): Promise<Diagram[]> {
  const files = readdirSync(bpmnDir)
    .filter((f) => f.endsWith('.bpmn'))
    .sort();
  const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });
  const out: Diagram[] = [];
  for (const file of files) {
    const xml = readFileSync(join(bpmnDir, file), 'utf8');
    const { rootElement, warnings } = await moddle.fromXML(xml);
    const definitions = rootElement as El;
    out.push({
      file,
      xml,
      definitions,
      processes: arr(definitions.rootElements).filter((e) => e.$type === 'bpmn:Process'),
      warnings: warnings.map((w) => w.message),
    });
  }
  return out;
}

/** Flow elements of a process or subprocess, recursively (subprocess children included). */
export function allFlowElements(container: El): El[] {
  const out: El[] = [];
  for (const el of arr(container.flowElements)) {
    out.push(el);
    if (el.$type === 'bpmn:SubProcess') out.push(...allFlowElements(el));
  }
  return out;
}

export const isFlowNode = (el: El) =>
  el.$type !== 'bpmn:SequenceFlow' && el.$type !== 'bpmn:DataObject' && el.$type !== 'bpmn:DataObjectReference';

/** The extension element of a zeebe type, e.g. `zeebe:UserTask`, or undefined. */
export function ext(el: El, type: string): El | undefined {
  const ee = el.extensionElements as El | undefined;
  return arr(ee?.values).find((v) => v.$type === type);
}
export function exts(el: El, type: string): El[] {
  const ee = el.extensionElements as El | undefined;
  return arr(ee?.values).filter((v) => v.$type === type);
}

/** Stage subprocesses: embedded subprocesses whose input mappings set the local variable `stage`. */
export function stageInput(el: El): string | undefined {
  const io = ext(el, 'zeebe:IoMapping');
  const input = arr(io?.inputParameters).find((p) => p.target === 'stage');
  return input?.source as string | undefined;
}

/** DI shapes and edges by the id of their BPMN element. */
export function diIndex(d: Diagram): { shapes: Map<string, El>; edges: Map<string, El> } {
  const shapes = new Map<string, El>();
  const edges = new Map<string, El>();
  for (const diagram of arr(d.definitions.diagrams)) {
    const plane = diagram.plane as El;
    for (const pe of arr(plane.planeElement)) {
      const target = pe.bpmnElement as El | undefined;
      if (!target) continue;
      if (pe.$type === 'bpmndi:BPMNShape') shapes.set(target.id, pe);
      if (pe.$type === 'bpmndi:BPMNEdge') edges.set(target.id, pe);
    }
  }
  return { shapes, edges };
}

export const boundsOf = (shape: El) => shape.bounds as Bounds;

export interface FormField {
  key?: string;
  label?: string;
  type: string;
  id: string;
  values?: { label: string; value: string }[];
  validate?: Record<string, unknown>;
  components?: FormField[];
  [k: string]: unknown;
}
export interface Form {
  file: string;
  schema: {
    id: string;
    type: string;
    schemaVersion: number;
    executionPlatform: string;
    executionPlatformVersion: string;
    exporter: { name: string; version: string };
    components: FormField[];
  };
}

/** Every .form file in process-application/forms/, parsed. */
export function loadForms(): Form[] {
  return readdirSync(formsDir)
    .filter((f) => f.endsWith('.form'))
    .sort()
    .map((file) => ({ file, schema: JSON.parse(readFileSync(join(formsDir, file), 'utf8')) }));
}

/** All fields of a form, groups flattened. */
export function formFields(form: Form): FormField[] {
  const out: FormField[] = [];
  const walk = (cs: FormField[]) => {
    for (const c of cs) {
      out.push(c);
      if (c.components) walk(c.components);
    }
  };
  walk(form.schema.components);
  return out;
}

/**
 * The values a field may submit: a choice field's options, or for an `expression` field the options of the fields
 * its result takes (`=requestedService`, `=if … then serviceToPresent else proposedService`), so a gateway on a
 * computed variable is checked against what the forms let a caseworker choose.
 */
export function fieldValues(forms: Form[], field: FormField, seen: ReadonlySet<string> = new Set()): string[] {
  if (field.type !== 'expression') return arr<{ value: string }>(field.values).map((v) => v.value);
  const body = String(field.expression).replace(/^=/, '');
  const results = body.includes(' then ') ? [...body.matchAll(/\b(?:then|else)\s+([A-Za-z_]\w*)/g)].map((m) => m[1]!) : [body.trim()];
  const sources = results.filter((name) => !FEEL_WORDS.has(name) && !seen.has(name));
  const next = new Set([...seen, field.key ?? '']);
  const values = sources.flatMap((name) =>
    forms
      .flatMap((f) => formFields(f))
      .filter((c) => c.key === name)
      .flatMap((c) => fieldValues(forms, c, next)),
  );
  return [...new Set(values)];
}

const FEEL_WORDS = new Set([
  'true',
  'false',
  'null',
  'and',
  'or',
  'not',
  'if',
  'then',
  'else',
  'in',
  'some',
  'every',
  'satisfies',
  'for',
  'return',
  'between',
  'instance',
  'of',
]);

/** Variable names read by a FEEL expression (string literals and keywords removed). */
export function feelVariables(expression: string): string[] {
  const body = expression.replace(/^=/, '').replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const names = new Set<string>();
  for (const m of body.matchAll(/[A-Za-z_][A-Za-z0-9_]*(\s*\()?/g)) {
    if (m[1]) continue; // a function call
    if (!FEEL_WORDS.has(m[0])) names.add(m[0]);
  }
  return [...names];
}

/**
 * Variables a gateway decides on that no form sets, with what sets them and the values they take:
 * the screening's work-pair decision, which record-screening derives from the form's answers
 * (process-application/README.md, "The work-pair criteria"), and whether a team request is
 * urgent, which the request's message carries; and the responsible social worker (SHL 42 §) a
 * case has already, which assign-responsible-social-worker answers (null until then).
 */
export const DECIDED_ELSEWHERE: Readonly<Record<string, { setBy: { jobType: string } | { message: string }; values: readonly unknown[] }>> =
  {
    meetsPairCriteria: { setBy: { jobType: 'record-screening' }, values: [true, false] },
    urgentTeamRequest: { setBy: { message: 'tiimikasittely-pyydetty' }, values: [true, false] },
    responsibleSocialWorkerId: { setBy: { jobType: 'assign-responsible-social-worker' }, values: [null, 'p-turku-keskusta-st1'] },
  };
