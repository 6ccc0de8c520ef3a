import type { DeadlineEventCode, StageEventCode } from './deadline-rule.js';
import type { StageCode } from './stages.js';

/**
 * The pathway moments that start deadline clocks, beside the stage events that meet them (the
 * rules' `metWhen`): the joint assessment's end is the care need assessed (TervHL 51 a §), the
 * plan's end is the plan made (SHL 39 §'s review). CASE_OPENED is the intake's; DECISION_NOTIFIED
 * and SERVICE_GRANTED are the official's decision's, not a stage's.
 */
const DEADLINE_EVENTS_AT_STAGES: readonly { stage: StageCode; event: StageEventCode; starts: DeadlineEventCode }[] = [
  { stage: 'ARVIOINTI', event: 'END', starts: 'CARE_NEED_ASSESSED' },
  { stage: 'SUUNNITELMA', event: 'END', starts: 'PLAN_MADE' },
];

/** The deadline events the stage's start or end starts. */
export function deadlineEventsAt(stage: StageCode, event: StageEventCode): DeadlineEventCode[] {
  return DEADLINE_EVENTS_AT_STAGES.filter((moment) => moment.stage === stage && moment.event === event).map((moment) => moment.starts);
}
