import { expect } from 'chai';
import { evaluate } from 'feelin';
import { APP_ROLES } from '../../src/auth/app-roles.js';
import { candidateGroupsFor } from '../../src/auth/candidate-groups.js';
import { REGISTER_CODES, type RegisterCode } from '../../src/domain/registers.js';
import { readerRegister } from '../../src/security/case-access.js';
import { type El, allFlowElements, arr, ext, loadDiagrams } from '../../kit/pathway/model.js';

/** A task's answers: in one register, or the pair's joint work across both, which needs the client's consent. */
const TASK_REGISTERS = [...REGISTER_CODES, 'JOINT'] as const;

/** A team and a region to evaluate the candidate expressions with, as expressions.test.ts does. */
const PLACEMENT = { teamId: 'turku-1', regionId: 'turun-seutu' };

/**
 * The register each candidate-user variable's person works in: the pair's nurse and social-side member, and the
 * team's addiction psychiatry consultant, a physician of the health side who has no app role of their own.
 */
const USER_REGISTER: Readonly<Record<string, RegisterCode>> = {
  'p-nurse': 'HEALTH',
  'p-social': 'SOCIAL',
  'p-consultant': 'HEALTH',
};

/** The registers of the people who may take the task: the groups' roles by the read model's READER_REGISTER, and the named users. */
function registersOfCandidates(task: El): Set<RegisterCode> {
  const assignment = ext(task, 'zeebe:AssignmentDefinition')!;
  const ctx = { ...PLACEMENT, pairNurseId: 'p-nurse', pairSocialWorkerId: 'p-social', consultantId: 'p-consultant' };
  const listOf = (expression: unknown): string[] =>
    typeof expression === 'string' ? (evaluate(expression.slice(1), ctx).value as string[]) : [];
  const groups = listOf(assignment.candidateGroups);
  const out = new Set<RegisterCode>();
  for (const role of APP_ROLES) {
    const register = readerRegister(role);
    if (register && candidateGroupsFor(role, PLACEMENT).some((g) => groups.includes(g))) out.add(register);
  }
  for (const user of listOf(assignment.candidateUsers)) out.add(USER_REGISTER[user]);
  return out;
}

/**
 * Tasks whose form asks organisation data only (the team a municipality's case goes to): the area coordinators
 * who take them read no case data in the read model, so no one's register is crossed.
 */
const ORGANISATION_DATA_ONLY = new Set(['manual-routing-task']);

function propertiesOf(task: El): Map<string, string> {
  const properties = arr(ext(task, 'zeebe:Properties')?.properties);
  return new Map(properties.map((p) => [p.name as string, p.value as string]));
}

describe('pathway model: registers of the user tasks (issue 12 point 1)', () => {
  let tasks: { process: string; task: El }[];

  before(async () => {
    tasks = (await loadDiagrams()).flatMap((d) =>
      allFlowElements(d.processes[0])
        .filter((e) => e.$type === 'bpmn:UserTask')
        .map((task) => ({ process: d.processes[0].id as string, task })),
    );
  });

  it('should name the register of every user task of process-application/bpmn/ in a zeebe:property', () => {
    expect(tasks.length).to.be.above(15);
    for (const { process, task } of tasks) {
      const register = propertiesOf(task).get('register');
      expect(TASK_REGISTERS as readonly string[], `${process}#${task.id} register`).to.include(register);
    }
  });

  it('should gate every joint task on the client’s consent both ways, and no other', () => {
    for (const { process, task } of tasks) {
      const properties = propertiesOf(task);
      const expected = properties.get('register') === 'JOINT' ? 'BOTH' : undefined;
      expect(properties.get('consentRequired'), `${process}#${task.id}`).to.equal(expected);
    }
  });

  it('should give each task to people who work in its register, as the read model places the roles (src/security/case-access.ts)', () => {
    for (const { process, task } of tasks) {
      const register = propertiesOf(task).get('register')!;
      const theirs = registersOfCandidates(task);
      const where = `${process}#${task.id} (${register}) goes to ${[...theirs].join(', ')}`;
      if (ORGANISATION_DATA_ONLY.has(task.id)) expect([...theirs], where).to.deep.equal([]);
      else if (register === 'JOINT') expect([...theirs], where).to.have.members(['SOCIAL', 'HEALTH']);
      else expect([...theirs], where).to.include(register);
    }
  });

  it('should keep the pair’s joint work joint: every task for both members of the pair is JOINT', () => {
    for (const { process, task } of tasks) {
      const users = ext(task, 'zeebe:AssignmentDefinition')!.candidateUsers as string | undefined;
      if (users?.includes('pairNurseId') && users.includes('pairSocialWorkerId') && task.id !== 'specialist-referral-task') {
        expect(propertiesOf(task).get('register'), `${process}#${task.id}`).to.equal('JOINT');
      }
    }
  });
});
