import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { choiceProblems } from '../../src/api/inbox/form-choices.js';

const naming = JSON.parse(readFileSync('process-application/forms/tyoparin-nimeaminen-hoitaja.form', 'utf8')) as unknown;
const offered = {
  pairNurseOptions: [{ label: 'Sirpa Järvinen (Päihdesairaanhoitaja)', value: 'p-salo-somero-sh1' }],
};

describe('choiceProblems: answers a task completion may give to its form’s choices', () => {
  it('should take the pair the naming form offers from the task’s variables', () => {
    // when
    const problems = choiceProblems(naming, { manualNurseId: 'p-salo-somero-sh1', manualNurseReason: 'NO_CAPACITY' }, offered);

    // then
    expect(problems).to.deep.equal([]);
  });

  it('should refuse someone the form does not offer, and a reason none of its own options, naming each field', () => {
    // when
    const problems = choiceProblems(naming, { manualNurseId: 'p-turku-keskusta-sh1', manualNurseReason: 'BECAUSE' }, offered);

    // then
    expect(problems.map((p) => [p.field, p.detail])).to.deep.equal([
      ['variables.manualNurseId', "'p-turku-keskusta-sh1' is not one of the form's options"],
      ['variables.manualNurseReason', "'BECAUSE' is not one of the form's options"],
    ]);
  });

  it('should offer nothing when the task has no such variable', () => {
    // when
    const problems = choiceProblems(naming, { manualNurseId: 'p-salo-somero-sh1' }, {});

    // then
    expect(problems.map((p) => p.field)).to.deep.equal(['variables.manualNurseId']);
  });
});
