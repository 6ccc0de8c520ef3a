import type { Knex } from 'knex';
import { histogramPercentile } from '../../src/domain/histogram-percentile.js';
import { randomUUID } from 'node:crypto';
import type { OutcomeCode } from '../../src/domain/outcomes.js';
import type { StageCode } from '../../src/domain/stages.js';
import { closeCase, openCase } from '../../src/store/case-repository.js';
import { recordDeadlines, markDeadlinesMet } from '../../src/store/deadline-repository.js';
import { bookMeeting } from '../../src/store/meeting-repository.js';
import { assignPair } from '../../src/store/pair-repository.js';
import { recordRouting } from '../../src/store/routing-repository.js';
import { enterStage } from '../../src/store/stage-repository.js';

/** A case as the dashboard tests describe it: the rows are written as the workers would write them. */
export interface CaseStory {
  teamId: string;
  regionId: string;
  /** Stages entered, in order, with when. */
  stages: { stage: StageCode; at: Date }[];
  pair?: { nurseId: string; socialWorkerId: string };
  groupBooking?: { regionId: string; meetingAt: Date };
  deadline?: { ruleId: string; dueAt: Date; metAt?: Date };
  closed?: { at: Date; outcome: OutcomeCode };
  processInstanceKey?: string;
}

let jobKey = 0;
const nextJobKey = (what: string) => `${what}-${++jobKey}`;

/** Writes the story's rows through the read model's repositories; returns the case id. */
export async function recordStory(knex: Knex, story: CaseStory): Promise<string> {
  const openedAt = story.stages[0].at;
  const { caseId } = await openCase(knex, {
    caseId: randomUUID(),
    municipalityCode: '853',
    openedAt,
    register: 'SOCIAL',
    ...(story.processInstanceKey ? { processInstanceKey: story.processInstanceKey } : {}),
  });
  await recordRouting(knex, {
    caseId,
    teamId: story.teamId,
    regionId: story.regionId,
    at: openedAt,
    manual: false,
    jobKey: nextJobKey('route'),
  });
  for (const { stage, at } of story.stages) await enterStage(knex, { caseId, stage, at, jobKey: nextJobKey('stage') });
  if (story.pair) await assignPair(knex, { caseId, ...story.pair, at: openedAt, jobKey: nextJobKey('pair'), manual: false });
  if (story.groupBooking) {
    const { regionId, meetingAt } = story.groupBooking;
    await bookMeeting(knex, { caseId, forum: { forum: 'REGIONAL_GROUP', regionId }, meetingAt, jobKey: nextJobKey('meeting') });
  }
  if (story.deadline) {
    const { ruleId, dueAt, metAt } = story.deadline;
    await recordDeadlines(knex, {
      caseId,
      jobKey: nextJobKey('deadline'),
      deadlines: [{ ruleId, dueAt: dueAt.toISOString(), register: 'SOCIAL' }],
    });
    if (metAt) await markDeadlinesMet(knex, { caseId, ruleIds: [ruleId], at: metAt, jobKey: 'test-met' });
  }
  if (story.closed) await closeCase(knex, { caseId, outcome: story.closed.outcome, at: story.closed.at, jobKey: nextJobKey('close') });
  return caseId;
}

/** A bucket of visit lengths in days, as `stage_duration_buckets` holds it. */
export interface DurationBucket {
  from_days: number;
  to_days: number | null;
}

/**
 * The percentile the dashboard gives for these lengths: each length put into its bucket here,
 * one by one, and the percentile read from the bucket counts (bucket resolution).
 */
export function bucketPercentile(values: readonly number[], fraction: number, buckets: readonly DurationBucket[]): number {
  const counts = buckets.map((b) => values.filter((v) => v >= b.from_days && (b.to_days === null || v < b.to_days)).length);
  return (
    histogramPercentile(
      buckets.map((b, i) => ({ from: b.from_days, to: b.to_days, count: counts[i] })),
      fraction,
    ) ?? Number.NaN
  );
}
