import { expect } from 'chai';
import { answers } from '../../kit/pathway/answers.js';
import { refusalOf as refusal, submitForm } from '../../kit/pathway/form-submission.js';
import { formFields, loadForms } from '../../kit/pathway/model.js';

/** What a submission without `keys` would be: the answers with those fields left empty. */
function without(all: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(all).filter(([key]) => !keys.includes(key)));
}

/**
 * The client's minor children (LSL 10 §, TervHL 70 § 2 mom, SHL 44 §; the child welfare notice, LSL 25 §) and loved ones
 * (SHL 11 §) are a required part of the assessment (asiakaskartoitus) and the plan (suunnitelma): enumerations only,
 * never who the children or loved ones are.
 */
describe('pathway model: children and loved ones in the assessment and the plan', () => {
  const forms = loadForms();
  const fieldOf = (formId: string, key: string) => formFields(forms.find((f) => f.schema.id === formId)!).find((c) => c.key === key);

  it('should ask the assessment whether the client has minor children and how the loved ones are, as required enumerations', () => {
    // when
    const asked = ['minorChildren', 'childrenCareAndSupportNeed', 'childWelfareNotice', 'lovedOnesSupportNeed'].map((key) => {
      const field = fieldOf('asiakaskartoitus', key)!;
      return [key, field.type, field.validate?.required, (field.conditional as { hide?: string } | undefined)?.hide ?? null];
    });

    // then the children's questions show only for a client with minor children
    expect(asked).to.deep.equal([
      ['minorChildren', 'radio', true, null],
      ['childrenCareAndSupportNeed', 'radio', true, '=minorChildren != "YES"'],
      ['childWelfareNotice', 'radio', true, '=minorChildren != "YES"'],
      ['lovedOnesSupportNeed', 'radio', true, null],
    ]);
  });

  it('should refuse an assessment that leaves the children or the loved ones unanswered, naming the fields', () => {
    // given
    const parent = answers.assessment('MINOR_CHILDREN');

    // when
    const noChildrenAnswer = refusal('asiakaskartoitus', without(answers.assessment(), 'minorChildren', 'lovedOnesSupportNeed'));
    const noNoticeConsidered = refusal('asiakaskartoitus', without(parent, 'childrenCareAndSupportNeed', 'childWelfareNotice'));

    // then
    expect(noChildrenAnswer).to.include('minorChildren: required').and.include('lovedOnesSupportNeed: required');
    expect(noNoticeConsidered).to.include('childrenCareAndSupportNeed: required').and.include('childWelfareNotice: required');
  });

  it('should submit the children’s answers only for a client with minor children', () => {
    // when
    const parent = submitForm('asiakaskartoitus', answers.assessment('MINOR_CHILDREN'));
    const childless = submitForm('asiakaskartoitus', answers.assessment());

    // then
    expect(parent).to.include({ minorChildren: 'YES', childrenCareAndSupportNeed: 'SUPPORT_NEEDED', childWelfareNotice: 'NOT_NEEDED' });
    expect(childless).to.include({ minorChildren: 'NO', lovedOnesSupportNeed: 'NO_NEED' });
    expect(childless).to.not.have.any.keys('childrenCareAndSupportNeed', 'childWelfareNotice');
  });

  it('should make the plan say how the children are supported when the assessment found minor children, and how the loved ones are, always', () => {
    // given what the assessment recorded
    const parent = { minorChildren: 'YES', childrenCareAndSupportNeed: 'SUPPORT_NEEDED' };
    const childless = { minorChildren: 'NO' };

    // when
    const parentsPlanWithout = refusal(
      'suunnitelma',
      without(answers.plan('EI', false, 'MINOR_CHILDREN'), 'childrenSupportInPlan'),
      parent,
    );
    const parentsPlan = submitForm('suunnitelma', answers.plan('EI', false, 'MINOR_CHILDREN'), parent);
    const childlessPlan = submitForm('suunnitelma', answers.plan('EI'), childless);
    const noLovedOnesAnswer = refusal('suunnitelma', without(answers.plan('EI'), 'lovedOnesSupportInPlan'), childless);

    // then
    expect(parentsPlanWithout).to.include('childrenSupportInPlan: required');
    expect(parentsPlan).to.include({ childrenSupportInPlan: 'INCLUDED', lovedOnesSupportInPlan: 'INCLUDED' });
    expect(childlessPlan).to.not.have.any.keys('childrenSupportInPlan');
    expect(noLovedOnesAnswer).to.include('lovedOnesSupportInPlan: required');
  });
});
