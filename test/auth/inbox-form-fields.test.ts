import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { formDataKeys } from '../../src/api/inbox/form-fields.js';
import { formShownKeys } from '../../src/api/inbox/form-shown.js';

describe('inbox: the variables a form may set', () => {
  it('are the keys of its fields, nested groups included, and nothing else', () => {
    const keys = formDataKeys(JSON.parse(readFileSync('process-application/forms/asiakaskartoitus.form', 'utf8')));
    expect(keys).to.include.members([
      'housingScore',
      'substanceUseNote',
      'stageOfChange',
      'clientGoals',
      'clientOwnView',
      'ownWorkerNeeded',
    ]);
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

describe('inbox: the variables a form shows', () => {
  const form = (name: string) => formShownKeys(JSON.parse(readFileSync(`process-application/forms/${name}.form`, 'utf8')));

  it('are its fields and the variables its texts and conditions name, and nothing else', () => {
    expect(form('psykiatrin-konsultaatio')).to.include('consultationQuestion').and.to.include('consultationRecommendation');
    expect([...form('tyoryhma-valmistelu')]).to.include.members(['groupRecommendation', 'moreInfoRequested', 'preparationSummary']);
    expect(form('asiakaskartoitus')).to.deep.equal(
      new Set([...formDataKeys(JSON.parse(readFileSync('process-application/forms/asiakaskartoitus.form', 'utf8'))), 'specialSupportNeed']),
    );
    expect([...form('alkuselvitys')]).not.to.include.members(['caseId', 'teamId']);
  });

  it('take names, not FEEL words, functions, strings or later path segments', () => {
    const schema = {
      components: [
        {
          type: 'text',
          text: '{{#if plan.ready}}Valmis: {{contact.name}}{{/if}}',
          conditional: { hide: '=not(urgent = true) and string length(note) > 0 or kind = "caseId"' },
        },
      ],
    };
    expect([...formShownKeys(schema)].sort()).to.deep.equal(['contact', 'kind', 'note', 'plan', 'urgent']);
  });

  it('are none without a form', () => {
    expect(formShownKeys(null).size).to.equal(0);
  });
});
