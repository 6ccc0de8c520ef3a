import { expect } from 'chai';
import { evaluate } from 'feelin';
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

/** Every FEEL expression (`=…`) in a diagram, with where it is. */
function expressions(d: Diagram): { where: string; expression: string }[] {
  const out: { where: string; expression: string }[] = [];
  const add = (where: string, value: unknown) => {
    if (typeof value === 'string' && value.startsWith('=')) out.push({ where, expression: value });
  };
  for (const el of allFlowElements(d.processes[0])) {
    add(`${el.id} condition`, (el.conditionExpression as El | undefined)?.body);
    for (const def of arr(el.eventDefinitions)) {
      for (const p of ['timeDate', 'timeDuration', 'timeCycle']) add(`${el.id} ${p}`, (def[p] as El | undefined)?.body);
    }
    const io = ext(el, 'zeebe:IoMapping');
    for (const p of [...arr(io?.inputParameters), ...arr(io?.outputParameters)]) add(`${el.id} ${p.target}`, p.source);
    const a = ext(el, 'zeebe:AssignmentDefinition');
    add(`${el.id} candidateGroups`, a?.candidateGroups);
    add(`${el.id} candidateUsers`, a?.candidateUsers);
    add(`${el.id} dueDate`, ext(el, 'zeebe:TaskSchedule')?.dueDate);
  }
  for (const m of arr(d.definitions.rootElements).filter((e) => e.$type === 'bpmn:Message')) {
    add(`message ${m.name}`, ext(m, 'zeebe:Subscription')?.correlationKey);
  }
  return out;
}

/** Possible values of a variable, from the forms (or the worker or message that sets it): booleans for checkboxes, the options of enums, two days for a date. */
function domain(forms: Form[], variable: string): unknown[] {
  if (Object.hasOwn(DECIDED_ELSEWHERE, variable)) return [...DECIDED_ELSEWHERE[variable].values];
  const fields = forms.flatMap((f) => formFields(f)).filter((c) => c.key === variable);
  if (fields.some((c) => c.type === 'checkbox')) return [true, false];
  if (fields.some((c) => c.type === 'datetime')) return ['2026-12-20', '2027-01-31'];
  return [...new Set(fields.flatMap((c) => fieldValues(forms, c)))];
}

function combinations(vars: string[], domains: Map<string, unknown[]>): Record<string, unknown>[] {
  return vars.reduce<Record<string, unknown>[]>(
    (acc, v) => acc.flatMap((ctx) => [...domains.get(v)!, null].map((value) => ({ ...ctx, [v]: value }))),
    [{}],
  );
}

describe('pathway model: FEEL expressions', () => {
  let diagrams: Diagram[];
  let forms: Form[];

  before(async () => {
    diagrams = await loadDiagrams();
    forms = loadForms();
  });

  it('should parse every FEEL expression', () => {
    let count = 0;
    for (const d of diagrams) {
      for (const { where, expression } of expressions(d)) {
        expect(() => evaluate(expression.slice(1), {}), `${d.file}: ${where}: ${expression}`).to.not.throw();
        count++;
      }
    }
    expect(count).to.be.above(30);
  });

  it('should take exactly one branch at every deciding gateway for every value the forms allow', () => {
    let gateways = 0;
    for (const d of diagrams) {
      for (const gw of allFlowElements(d.processes[0]).filter((e) => e.$type === 'bpmn:ExclusiveGateway' && arr(e.outgoing).length > 1)) {
        gateways++;
        expect(gw.default, `${gw.id} has a default flow`).to.equal(undefined);
        const branches = arr(gw.outgoing).map((f) => ({
          id: f.id,
          condition: ((f.conditionExpression as El | undefined)?.body ?? '') as string,
        }));
        for (const b of branches) expect(b.condition, `${b.id} has no condition`).to.match(/^=/);
        const vars = [...new Set(branches.flatMap((b) => feelVariables(b.condition)))];
        const domains = new Map(vars.map((v) => [v, domain(forms, v)] as const));
        for (const [v, values] of domains) expect(values.length, `${gw.id}: no form values for ${v}`).to.be.at.least(2);
        for (const ctx of combinations(vars, domains)) {
          const taken = branches.filter((b) => evaluate(b.condition.slice(1), ctx).value === true).map((b) => b.id);
          const complete = Object.values(ctx).every((v) => v !== null);
          if (complete) expect(taken, `${gw.id} with ${JSON.stringify(ctx)}`).to.have.length(1);
          else expect(taken.length, `${gw.id} with ${JSON.stringify(ctx)}`).to.be.at.most(1);
        }
      }
    }
    expect(gateways).to.equal(19);
  });

  it('should ask an official’s decision only for a social welfare service applied for or recommended', () => {
    const group = diagrams.find((d) => d.processes[0].id === 'tyoryhmakasittely')!;
    const gw = allFlowElements(group.processes[0]).find((e) => e.id === 'decision-due-gateway')!;
    const toDecision = arr(gw.outgoing).find((f) => (f.targetRef as El).id === 'official-decision-task')!;
    const condition = ((toDecision.conditionExpression as El).body as string).slice(1);
    const cases: [Record<string, unknown>, boolean][] = [
      [{ requestedService: 'LAITOSKUNTOUTUS', recommendedService: null }, true],
      [{ requestedService: 'ASUMISPALVELU', recommendedService: 'KATKAISUHOITO' }, true],
      [{ requestedService: 'EI', recommendedService: 'ASUMISPALVELU' }, true],
      [{ requestedService: 'KATKAISUHOITO', recommendedService: 'KATKAISUHOITO' }, false],
      [{ requestedService: 'RIIPPUVUUSPSYKIATRIA', recommendedService: null }, false],
      [{ requestedService: 'EI', recommendedService: 'MUU' }, false],
    ];
    for (const [context, expected] of cases) {
      expect(evaluate(condition, context).value, JSON.stringify(context)).to.equal(expected);
    }
  });

  it('should send a case to the working group when it is demanding or institutional care is proposed', () => {
    const main = diagrams.find((d) => d.processes[0].id === 'sote-tyoparipolku')!;
    const gw = allFlowElements(main.processes[0]).find((e) => e.id === 'group-needed-gateway')!;
    const yes = arr(gw.outgoing).find((f) => (f.targetRef as El).id === 'group-merge')!;
    const condition = ((yes.conditionExpression as El).body as string).slice(1);
    const cases: [Record<string, unknown>, boolean][] = [
      [{ demandingCase: false, proposedService: 'EI' }, false],
      [{ demandingCase: true, proposedService: 'EI' }, true],
      [{ demandingCase: false, proposedService: 'LAITOSKUNTOUTUS' }, true],
      [{ demandingCase: false, proposedService: 'ASUMISPALVELU' }, true],
      [{ proposedService: 'ASUMISPALVELU' }, true],
    ];
    for (const [ctx, expected] of cases) expect(evaluate(condition, ctx).value, JSON.stringify(ctx)).to.equal(expected);
  });

  it('should default the monitoring interval to 30 days and keep a chosen one', () => {
    const main = diagrams.find((d) => d.processes[0].id === 'sote-tyoparipolku')!;
    const stage = allFlowElements(main.processes[0]).find((e) => e.id === 'stage-toteutus')!;
    const input = arr(ext(stage, 'zeebe:IoMapping')!.inputParameters).find((p) => p.target === 'monitoringInterval')!;
    const source = (input.source as string).slice(1);
    expect(evaluate(source, {}).value).to.equal('P30D');
    expect(evaluate(source, { monitoringInterval: 'P14D' }).value).to.equal('P14D');
    for (const value of domain(forms, 'monitoringInterval')) expect(value).to.match(/^P\d+D$/);
  });

  it('should build candidate lists from team, region and professional ids, as Zeebe requires', () => {
    // Zeebe evaluates candidateGroups and candidateUsers as lists of strings: a plain string is an incident
    const ctx = { teamId: 'turku-1', regionId: 'turun-seutu', pairNurseId: 'p-a1', pairSocialWorkerId: 'p-b2', consultantId: 'p-c3' };
    const candidates = () => diagrams.flatMap((d) => expressions(d)).filter((x) => / candidate/.test(x.where));
    const results = new Map<string, unknown>();
    for (const { where, expression } of candidates()) results.set(where, evaluate(expression.slice(1), ctx).value);
    expect(results.get('screening-task candidateGroups')).to.deep.equal(['tiimi-turku-1']);
    expect(results.get('manual-nurse-task candidateGroups')).to.deep.equal(['tiimi-turku-1-vetaja-terveys']);
    expect(results.get('manual-social-worker-task candidateGroups')).to.deep.equal(['tiimi-turku-1-vetaja-sosiaali']);
    expect(results.get('special-support-confirmation-task candidateGroups')).to.deep.equal(['tiimi-turku-1-sosiaalityontekijat']);
    expect(results.get('manual-responsible-social-worker-task candidateGroups')).to.deep.equal(['tiimi-turku-1-vetaja-sosiaali']);
    expect(results.get('assessment-task candidateUsers')).to.deep.equal(['p-a1', 'p-b2']);
    expect(results.get('group-task candidateGroups')).to.deep.equal(['tyoryhma-turun-seutu']);
    expect(results.get('official-decision-task candidateGroups')).to.deep.equal(['viranhaltija-turun-seutu']);
    expect(results.get('psychiatry-consultation-task candidateUsers')).to.deep.equal(['p-c3']);
    for (const [where, value] of results) {
      expect(value, where).to.be.an('array').with.length.above(0);
      for (const v of value as unknown[]) expect(v, where).to.be.a('string');
    }
    // a team without a consultant (route-case gives consultantId null): the team lead still gets the task
    const { consultantId: _none, ...noConsultant } = ctx;
    for (const { where, expression } of candidates()) {
      const value = evaluate(expression.slice(1), { ...noConsultant, consultantId: null }).value;
      expect(value, where).to.be.an('array');
      for (const v of value as unknown[]) expect(v, where).to.be.a('string');
    }
  });

  it('should keep process variables free of identity data', () => {
    const identity =
      /(^|[a-z])(Name|Ssn|Hetu|Henkilotunnus|Address|Phone|Email)([A-Z]|$)|^(name|ssn|hetu|henkilotunnus|address|phone|email)/;
    for (const d of diagrams) {
      for (const { where, expression } of expressions(d)) {
        for (const v of feelVariables(expression)) expect(v, `${d.file}: ${where}`).to.not.match(identity);
      }
      for (const el of allFlowElements(d.processes[0])) {
        const io = ext(el, 'zeebe:IoMapping');
        for (const p of [...arr(io?.inputParameters), ...arr(io?.outputParameters)])
          expect(p.target as string, el.id).to.not.match(identity);
      }
    }
  });
});
