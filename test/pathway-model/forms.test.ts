import { expect } from 'chai';
import { REGISTER_CODES } from '../../src/domain/registers.js';
import { workers } from '../../workers/index.js';
import {
  type Diagram,
  type El,
  type Form,
  allFlowElements,
  arr,
  ext,
  feelVariables,
  fieldValues,
  formFields,
  loadDiagrams,
  loadForms,
  DECIDED_ELSEWHERE,
} from '../../kit/pathway/model.js';

/** Field types that hold a value under `key`. */
const INPUT_TYPES = new Set(['textfield', 'textarea', 'number', 'checkbox', 'checklist', 'radio', 'select', 'taglist', 'datetime']);
/** Where a form field is recorded (issue 12 point 1): one of the two registers, or both for the pair's joint facts. */
const FIELD_REGISTERS: readonly string[] = [...REGISTER_CODES, 'JOINT'];
/** Keys and labels that would put personal identity data into engine variables (design.md "Data rules"). */
const IDENTITY_KEY_TOKENS = new Set([
  'name',
  'names',
  'firstname',
  'lastname',
  'surname',
  'nimi',
  'etunimi',
  'sukunimi',
  'hetu',
  'ssn',
  'henkilotunnus',
  'socialsecurity',
  'birthdate',
  'address',
  'osoite',
  'phone',
  'puhelin',
  'email',
]);
const IDENTITY_LABEL =
  /\b(nimi|nimet|etunimi|sukunimi|henkilötunnus|hetu|name|ssn|syntymäaika|osoite|puhelinnumero|sähköposti)\b|henkilötun/i;

const keyTokens = (key: string) =>
  key
    .split(/(?=[A-Z])|[_-]/)
    .map((t) => t.toLowerCase())
    .filter(Boolean);

describe('pathway model: user tasks and forms', () => {
  let diagrams: Diagram[];
  let forms: Form[];
  let userTasks: { diagram: Diagram; task: El }[];
  const formById = (id: string) => forms.find((f) => f.schema.id === id);

  before(async () => {
    diagrams = await loadDiagrams();
    forms = loadForms();
    userTasks = diagrams.flatMap((diagram) =>
      allFlowElements(diagram.processes[0])
        .filter((e) => e.$type === 'bpmn:UserTask')
        .map((task) => ({ diagram, task })),
    );
  });

  it('should make every user task a Camunda user task with a linked form', () => {
    expect(userTasks.length).to.be.above(10);
    for (const { task } of userTasks) {
      expect(ext(task, 'zeebe:UserTask'), `${task.id}: zeebe:userTask`).to.not.equal(undefined);
      expect(ext(task, 'zeebe:TaskDefinition'), `${task.id} is job-based`).to.equal(undefined);
      const formId = ext(task, 'zeebe:FormDefinition')?.formId as string | undefined;
      expect(formId, `${task.id}: formDefinition formId`).to.be.a('string');
      expect(formById(formId!), `${task.id}: process-application/forms/${formId}.form`).to.not.equal(undefined);
    }
  });

  it('should assign every user task to candidates (FEEL lists: see expressions.test.ts)', () => {
    for (const { task } of userTasks) {
      const assignment = ext(task, 'zeebe:AssignmentDefinition');
      expect(assignment, `${task.id}: assignment`).to.not.equal(undefined);
      const groups = assignment!.candidateGroups as string | undefined;
      const users = assignment!.candidateUsers as string | undefined;
      expect(groups ?? users, `${task.id}: candidates`).to.be.a('string');
    }
  });

  it('should use every form from a user task', () => {
    const used = new Set(userTasks.map(({ task }) => ext(task, 'zeebe:FormDefinition')!.formId));
    for (const f of forms) expect(used.has(f.schema.id), `${f.file} is not used`).to.equal(true);
  });

  it('should be Camunda Forms for Camunda 8.9, named after their id', () => {
    for (const f of forms) {
      const s = f.schema;
      expect(f.file).to.equal(`${s.id}.form`);
      expect(s.type, f.file).to.equal('default');
      expect(s.schemaVersion, f.file).to.be.a('number').and.at.least(16);
      expect(s.executionPlatform, f.file).to.equal('Camunda Cloud');
      expect(s.executionPlatformVersion, f.file).to.equal('8.9.0');
      expect(s.exporter.name, f.file).to.equal('Camunda Modeler');
      expect(s.exporter.version, f.file).to.match(/^5\./);
    }
  });

  it('should have unique field ids and keys, Finnish labels and validation', () => {
    for (const f of forms) {
      const fields = formFields(f);
      const ids = fields.map((c) => c.id);
      expect(new Set(ids).size, `${f.file}: duplicate ids`).to.equal(ids.length);
      const inputs = fields.filter((c) => INPUT_TYPES.has(c.type));
      const keys = inputs.map((c) => c.key);
      expect(new Set(keys).size, `${f.file}: duplicate keys`).to.equal(keys.length);
      for (const c of inputs) {
        const where = `${f.file}: ${c.key}`;
        expect(c.key, where).to.match(/^[a-z][A-Za-z0-9]*$/);
        const label = (c.type === 'datetime' ? c.dateLabel : c.label) as string | undefined;
        expect(label, `${where} label`).to.be.a('string').and.have.length.above(2);
        if (['radio', 'select', 'checklist', 'taglist'].includes(c.type) && c.valuesKey !== undefined) {
          expect(c.values, `${where}: options from ${String(c.valuesKey)} or its own, not both`).to.equal(undefined);
        } else if (['radio', 'select', 'checklist', 'taglist'].includes(c.type)) {
          const values = arr<{ value: string; label: string }>(c.values);
          expect(values.length, `${where} values`).to.be.at.least(2);
          expect(new Set(values.map((v) => v.value)).size, `${where} duplicate values`).to.equal(values.length);
          for (const v of values) expect(v.label, `${where} value label`).to.be.a('string').and.have.length.above(1);
        }
        if (c.type === 'number') {
          expect(c.validate?.min, `${where} min`).to.be.a('number');
          expect(c.validate?.max, `${where} max`).to.be.a('number');
        }
        if (c.type === 'textarea' || c.type === 'textfield') expect(c.validate?.maxLength, `${where} maxLength`).to.be.a('number');
        if (c.type === 'radio' || c.type === 'select') expect(c.validate?.required, `${where} required`).to.equal(true);
      }
      expect(
        inputs.some((c) => c.validate?.required === true),
        `${f.file} validates nothing`,
      ).to.equal(true);
    }
  });

  it('should name the register of every field that records a value: social, health, or both (JOINT)', () => {
    const untagged = forms.flatMap((f) =>
      formFields(f)
        .filter((c) => (INPUT_TYPES.has(c.type) || c.type === 'expression') && c.key)
        .filter((c) => !FIELD_REGISTERS.includes((c.properties as { register?: string } | undefined)?.register ?? ''))
        .map((c) => `${f.file}: ${c.key}`),
    );
    expect(untagged, `fields without properties.register of ${FIELD_REGISTERS.join(', ')}`).to.deep.equal([]);
  });

  it('should have no field whose key or label suggests identity data', () => {
    for (const f of forms) {
      for (const c of formFields(f).filter((x) => INPUT_TYPES.has(x.type))) {
        const tokens = keyTokens(c.key ?? '');
        expect(
          tokens.filter((t) => IDENTITY_KEY_TOKENS.has(t)),
          `${f.file}: key ${c.key}`,
        ).to.deep.equal([]);
        expect(c.key ?? '', `${f.file}: key ${c.key}`).to.not.match(/hetu|ssn|henkilotunnus/i);
        const label = String(c.type === 'datetime' ? c.dateLabel : c.label);
        expect(label, `${f.file}: label of ${c.key}`).to.not.match(IDENTITY_LABEL);
      }
    }
  });

  it('should have the pair and the responsible social worker chosen from the people the workers offer, not typed', () => {
    const offered: [string, string, string][] = [
      ['tyoparin-nimeaminen-hoitaja', 'manualNurseId', 'pairNurseOptions'],
      ['tyoparin-nimeaminen-sosiaali', 'manualSocialWorkerId', 'pairSocialWorkerOptions'],
      ['vastuusosiaalityontekijan-nimeaminen', 'manualResponsibleSocialWorkerId', 'responsibleSocialWorkerOptions'],
    ];
    for (const [formId, key, valuesKey] of offered) {
      const field = formFields(formById(formId)!).find((c) => c.key === key)!;
      expect([field.type, field.valuesKey], key).to.deep.equal(['select', valuesKey]);
      expect(field.validate?.required, key).to.equal(true);
    }
  });

  it('should have form fields for every variable that a gateway decides on, with the compared values', () => {
    // variables a gateway reads must come from a form of that process or of a process it calls, or a worker's answer
    const formsOf = (d: Diagram): Form[] => {
      const own = allFlowElements(d.processes[0])
        .filter((e) => e.$type === 'bpmn:UserTask')
        .map((t) => formById(ext(t, 'zeebe:FormDefinition')!.formId as string)!);
      const called = allFlowElements(d.processes[0])
        .filter((e) => e.$type === 'bpmn:CallActivity')
        .map((c) => diagrams.find((x) => x.processes[0].id === ext(c, 'zeebe:CalledElement')!.processId)!)
        .flatMap((x) => formsOf(x));
      return [...own, ...called];
    };
    let checked = 0;
    for (const d of diagrams) {
      const available = formsOf(d);
      for (const flow of allFlowElements(d.processes[0]).filter((e) => e.$type === 'bpmn:SequenceFlow' && e.conditionExpression)) {
        const condition = (flow.conditionExpression as El).body as string;
        for (const variable of feelVariables(condition)) {
          if (Object.hasOwn(DECIDED_ELSEWHERE, variable)) {
            const { setBy } = DECIDED_ELSEWHERE[variable];
            if ('jobType' in setBy) {
              const worker = workers.find((w) => w.jobType === setBy.jobType)!;
              expect(Object.keys((worker.Output as unknown as { shape: object }).shape), `${setBy.jobType} answers ${variable}`).to.include(
                variable,
              );
            } else {
              const names = arr(d.definitions.rootElements)
                .filter((e) => e.$type === 'bpmn:Message')
                .map((m) => m.name);
              const called = diagrams.find((x) => x.processes[0].id === 'sote-tyoparipolku')!;
              const callerNames = arr(called.definitions.rootElements)
                .filter((e) => e.$type === 'bpmn:Message')
                .map((m) => m.name);
              expect([...names, ...callerNames], `message ${setBy.message}`).to.include(setBy.message);
            }
            checked++;
            continue;
          }
          const fields = available.flatMap((f) => formFields(f)).filter((c) => c.key === variable);
          expect(fields.length, `${d.file}: ${flow.id} reads ${variable}, which no form sets`).to.be.above(0);
          checked++;
          for (const m of condition.matchAll(new RegExp(`\\b${variable}\\s*!?=\\s*"([^"]+)"`, 'g'))) {
            const values = fields.flatMap((c) => fieldValues(forms, c));
            expect(values, `${flow.id}: "${m[1]}" is not a value of ${variable}`).to.include(m[1]);
          }
          if (new RegExp(`\\b${variable}\\s*!?=\\s*(true|false)\\b`).test(condition)) {
            expect(
              fields.some((c) => c.type === 'checkbox'),
              `${variable} should be a checkbox`,
            ).to.equal(true);
          }
        }
      }
    }
    expect(checked).to.be.above(8);
  });
});
