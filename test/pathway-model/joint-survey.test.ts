import { expect } from 'chai';
import { evaluate } from 'feelin';
import { answers } from '../../kit/pathway/answers.js';
import { refusalOf as refusal, submitForm } from '../../kit/pathway/form-submission.js';
import { formFields, loadForms, type FormField } from '../../kit/pathway/model.js';
import { formShownKeys } from '../../src/api/inbox/form-shown.js';

/** The answers with these fields left out. */
const without = (all: Record<string, unknown>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(all).filter(([key]) => !keys.includes(key)));

const forms = loadForms();
const formOf = (formId: string) => forms.find((f) => f.schema.id === formId)!;
const keysOf = (formId: string) => formFields(formOf(formId)).flatMap((c) => (c.key && c.type !== 'expression' ? [c.key] : []));

/** The form's read-only texts as form-js renders them with these variables: FEEL texts evaluated, empty ones left out. */
function shownTexts(formId: string, variables: Record<string, unknown>): string[] {
  return formFields(formOf(formId))
    .filter((c: FormField) => c.type === 'text' && typeof c.text === 'string' && c.text.startsWith('='))
    .map((c) => evaluate((c.text as string).slice(1), variables).value as string | null)
    .filter((t): t is string => typeof t === 'string' && t !== '');
}

/** What a case carries into the working group: the assessment's, the plan's and the preparation's answers. */
function groupMaterial(preparation = answers.groupPreparation()) {
  const assessment = submitForm('asiakaskartoitus', answers.assessment());
  const plan = submitForm('suunnitelma', answers.plan('LAITOSKUNTOUTUS'), assessment);
  return { ...assessment, ...plan, ...submitForm('tyoryhma-valmistelu', preparation, { ...assessment, ...plan }) };
}

describe('pathway model: the joint client survey (asiakaskartoitus)', () => {
  it("should ask the client's own view, the strengths and both Suuntima ratings beside the segment", () => {
    // when
    const refused = refusal(
      'asiakaskartoitus',
      without(answers.assessment(), 'clientOwnView', 'clientStrengths', 'clientResourceSelfRating', 'workerComplexityRating'),
    );

    // then
    for (const key of ['clientOwnView', 'clientStrengths', 'clientResourceSelfRating', 'workerComplexityRating']) {
      expect(refused).to.include(`${key}: required`);
    }
  });

  it('should ask about substances beyond alcohol, opioid treatment only when opioids are used, gambling and other addictions', () => {
    // when
    const withoutOpioids = submitForm('asiakaskartoitus', answers.assessment());
    const opioidsUnanswered = refusal('asiakaskartoitus', { ...answers.assessment(), substancesUsed: ['OPIOIDS'] });
    const withOpioids = submitForm('asiakaskartoitus', {
      ...answers.assessment(),
      substancesUsed: ['OPIOIDS'],
      opioidSubstitutionTreatment: 'TO_ASSESS',
    });

    // then
    expect(withoutOpioids)
      .to.include({ duditScore: 6, gamblingScreen: 'NOT_GAMBLING' })
      .and.not.have.property('opioidSubstitutionTreatment');
    expect(opioidsUnanswered).to.include('opioidSubstitutionTreatment: required');
    expect(withOpioids).to.include({ opioidSubstitutionTreatment: 'TO_ASSESS' });
    expect(keysOf('asiakaskartoitus')).to.include.members(['otherAddictions', 'addictionsNote']);
  });

  it("should record the workers' conclusion on the conditions for a client relationship (SHL 36 §)", () => {
    // when
    const refused = refusal('asiakaskartoitus', without(answers.assessment(), 'situationSummary', 'clientRelationshipConditions'));

    // then
    expect(refused).to.include('situationSummary: required').and.include('clientRelationshipConditions: required');
  });

  it('should be confirmed by both members of the pair, each for their own register', () => {
    // when
    const nurseOnly = refusal('asiakaskartoitus', { ...answers.assessment(), socialMemberConfirmed: false });
    const socialOnly = refusal('asiakaskartoitus', { ...answers.assessment(), nurseConfirmed: false });
    const registers = ['nurseConfirmed', 'socialMemberConfirmed'].map(
      (key) => (formFields(formOf('asiakaskartoitus')).find((c) => c.key === key)!.properties as { register: string }).register,
    );

    // then
    expect(nurseOnly).to.include('socialMemberConfirmed: required');
    expect(socialOnly).to.include('nurseConfirmed: required');
    expect(registers).to.deep.equal(['HEALTH', 'SOCIAL']);
  });
});

describe('pathway model: each fact asked once, shown read-only after', () => {
  it('should ask the service only in the plan and the special need for support only in the screening', () => {
    // when
    const asking = (key: string) => forms.filter((f) => keysOf(f.schema.id).includes(key)).map((f) => f.schema.id);

    // then
    expect(asking('proposedService')).to.deep.equal(['suunnitelma']);
    expect(asking('specialSupportNeed')).to.deep.equal(['alkuselvitys']);
    expect(
      forms.filter((f) => ['requestedService', 'recommendedService', 'decisionService'].some((k) => keysOf(f.schema.id).includes(k))),
    ).to.deep.equal([]);
  });

  it("should carry the plan's proposal to the group and the decision, and ask the group only about a demanding case's service", () => {
    // when a plan proposes institutional rehabilitation, and a demanding case's plan proposes no social service
    const proposed = groupMaterial();
    const recommended = submitForm('tyoryhma-suositus', answers.groupRecommendation('RECOMMEND'), proposed);
    const decided = submitForm('viranhaltijapaatos', answers.decision('APPROVED'), { ...proposed, ...recommended });
    const demanding = submitForm('tyoryhma-valmistelu', answers.groupPreparation('KATKAISUHOITO'), {
      proposedService: 'EI',
      demandingCase: true,
    });
    const notRecommended = submitForm('tyoryhma-suositus', answers.groupRecommendation('NOT_RECOMMEND'), proposed);

    // then
    expect(proposed).to.include({ requestedService: 'LAITOSKUNTOUTUS' }).and.not.have.property('serviceToPresent');
    expect(recommended).to.include({ recommendedService: 'LAITOSKUNTOUTUS' });
    expect(decided).to.include({ decisionService: 'LAITOSKUNTOUTUS' });
    expect(demanding).to.include({ serviceToPresent: 'KATKAISUHOITO', requestedService: 'KATKAISUHOITO' });
    expect(notRecommended).to.include({ recommendedService: null });
  });

  it("should show the plan the assessment's findings", () => {
    // when
    const texts = shownTexts('suunnitelma', submitForm('asiakaskartoitus', answers.assessment()));

    // then
    expect(texts).to.include('**Asiakkaan omat tavoitteet:** Päihteettömyys ja oma asunto');
    expect(texts).to.include('**Asiakassegmentti:** Yhteistyöasiakkuus');
  });
});

describe("pathway model: the decision-makers' material", () => {
  it('should show the working group the referral to it, the preparation summary and the goals, with labels', () => {
    // when
    const texts = shownTexts('tyoryhma-suositus', groupMaterial());

    // then
    expect(texts).to.include.members([
      '**Esitetty palvelu:** Päihdelaitoskuntoutus (sosiaalihuolto, viranhaltijapäätös)',
      '**Esitetty kesto:** 28 vuorokautta',
      '**Valmistelun yhteenveto:** Avohoidon keinot käytetty, asiakas motivoitunut laitoskuntoutukseen.',
      '**Suunnitelman tavoitteet:** Päihteettömyys, asumisen turvaaminen ja toimeentulon järjestäminen',
    ]);
  });

  it("should show the official the same material and the group's recommendation and reasoning, never a raw code", () => {
    // given
    const material = groupMaterial();
    const recommended = submitForm('tyoryhma-suositus', answers.groupRecommendation('NOT_RECOMMEND'), material);

    // when
    const texts = shownTexts('viranhaltijapaatos', { ...material, ...recommended });

    // then
    expect(texts).to.include.members([
      '**Työryhmän suositus:** Ei puolla esitettyä palvelua',
      '**Suosituksen perustelut:** Työryhmä arvioi valmistelun ja asiakkaan tilanteen.',
      '**Valmistelun yhteenveto:** Avohoidon keinot käytetty, asiakas motivoitunut laitoskuntoutukseen.',
    ]);
    expect(texts.join('\n')).to.not.match(/\b(NOT_RECOMMEND|RECOMMEND|LAITOSKUNTOUTUS|YHTEISTYO)\b/);
  });

  it("should give the group's and the official's tasks the variables their texts show", () => {
    // when
    const shown = ['tyoryhma-suositus', 'viranhaltijapaatos'].map((formId) => [...formShownKeys(formOf(formId).schema)]);

    // then
    for (const keys of shown) expect(keys).to.include.members(['requestedService', 'preparationSummary', 'planGoals']);
    expect(shown[1]).to.include.members(['groupRecommendation', 'groupRecommendationRationale']);
  });
});
