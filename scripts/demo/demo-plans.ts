import { answers } from '../../kit/pathway/answers.js';

/** One user task to complete on the way: the task's element id and what its form submits. */
export interface DemoStep {
  elementId: string;
  variables: Record<string, unknown>;
}

/**
 * Where a demo case is left, and the tasks completed to get it there. The answers are the
 * end-to-end tests' (kit/pathway/answers.ts), so every step is one those tests prove valid.
 */
/** The forms the demo's user tasks link (process-application/README.md), so a step submits what its form would. */
export const FORM_OF_TASK: Readonly<Record<string, string>> = {
  'screening-task': 'alkuselvitys',
  'assessment-task': 'asiakaskartoitus',
  'plan-task': 'suunnitelma',
  'prepare-task': 'tyoryhma-valmistelu',
  'group-task': 'tyoryhma-suositus',
  'implementation-followup': 'toteutus',
};

export const DEMO_PLANS: Readonly<Record<string, readonly DemoStep[]>> = {
  // Screening open for the team.
  'tuen tarve': [],
  // Closed: the criteria for a work pair were not met.
  'sosiaali- tai terveydenhuollon palvelut': [{ elementId: 'screening-task', variables: answers.screening(false) }],
  // Assessment open for the pair.
  arviointi: [{ elementId: 'screening-task', variables: answers.screening(true) }],
  // Plan open for the pair.
  suunnitelma: [
    { elementId: 'screening-task', variables: answers.screening(true) },
    { elementId: 'assessment-task', variables: answers.assessment() },
  ],
  // Institutional rehabilitation proposed: the pair prepares the working group's handling.
  'työryhmän valmistelu': [
    { elementId: 'screening-task', variables: answers.screening(true) },
    { elementId: 'assessment-task', variables: answers.assessment() },
    { elementId: 'plan-task', variables: answers.plan('LAITOSKUNTOUTUS') },
  ],
  // On the working group's agenda.
  'työryhmän käsittely': [
    { elementId: 'screening-task', variables: answers.screening(true) },
    { elementId: 'assessment-task', variables: answers.assessment() },
    { elementId: 'plan-task', variables: answers.plan('LAITOSKUNTOUTUS') },
    { elementId: 'prepare-task', variables: answers.groupPreparation() },
  ],
  // Waiting for the official's decision.
  päätös: [
    { elementId: 'screening-task', variables: answers.screening(true) },
    { elementId: 'assessment-task', variables: answers.assessment() },
    { elementId: 'plan-task', variables: answers.plan('LAITOSKUNTOUTUS') },
    { elementId: 'prepare-task', variables: answers.groupPreparation() },
    { elementId: 'group-task', variables: answers.groupRecommendation('RECOMMEND') },
  ],
  // Services being started.
  toteutus: [
    { elementId: 'screening-task', variables: answers.screening(true) },
    { elementId: 'assessment-task', variables: answers.assessment() },
    { elementId: 'plan-task', variables: answers.plan('EI') },
  ],
  // Implementation under way, next monitoring visit in a month.
  seuranta: [
    { elementId: 'screening-task', variables: answers.screening(true) },
    { elementId: 'assessment-task', variables: answers.assessment() },
    { elementId: 'plan-task', variables: answers.plan('EI') },
    { elementId: 'implementation-followup', variables: answers.implementation('P30D') },
  ],
};
