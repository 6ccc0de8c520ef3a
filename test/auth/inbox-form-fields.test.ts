import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { formDataKeys } from '../../src/api/inbox-form-fields.js';

describe('inbox: the variables a form may set', () => {
  it('are the keys of its fields, nested groups included, and nothing else', () => {
    const keys = formDataKeys(JSON.parse(readFileSync('forms/asiakaskartoitus.form', 'utf8')));
    expect(keys).to.include.members(['housingScore', 'substanceUseNote', 'stageOfChange', 'clientGoals', 'proposedService', 'ownWorkerNeeded']);
    expect(keys).not.to.include.members(['caseId', 'teamId']);
    expect([...keys].every((key) => key !== '' && key !== undefined)).to.equal(true);
  });

  it('take the first segment of a bound path or of a dotted key', () => {
    const schema = {
      components: [
        { type: 'group', path: 'plan.goals', components: [{ type: 'textfield', key: 'goal' }] },
        { type: 'textfield', key: 'contact.phone' },
        { type: 'text', text: 'Ohje' },
      ],
    };
    expect([...formDataKeys(schema)].sort()).to.deep.equal(['contact', 'plan']);
  });

  it('are none without a form', () => {
    expect(formDataKeys(null).size).to.equal(0);
  });
});
