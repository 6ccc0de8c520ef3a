import { CronExpressionParser } from 'cron-parser';
import type { TimerDefinition } from '../model/types.js';
import { evaluateValue, FeelError } from './feel.js';
import type { TimerSpec } from './entities.js';

/** When a timer is first due, how often it repeats after that, and how to compute the next due date. */
export interface Schedule {
  dueDate: Date;
  /** Remaining repetitions after the first: 0 for durations and dates, -1 for endless cycles. */
  repetitions: number;
  spec: TimerSpec;
}

/** Evaluates a timer definition (ISO 8601 duration, date, R/ cycle or cron, static or FEEL) at `now`. */
export function scheduleTimer(timer: TimerDefinition, context: Record<string, unknown>, now: Date): Schedule {
  const raw = evaluateValue(timer.value, context);
  const value = typeof raw === 'string' ? raw.trim() : raw;
  if (typeof value !== 'string' || value === '') {
    throw new FeelError(`Expected the timer ${timer.kind} '${timer.value}' to be a string, but was '${JSON.stringify(raw)}'`);
  }
  switch (timer.kind) {
    case 'duration':
      return { dueDate: addDuration(now, value), repetitions: 0, spec: {} };
    case 'date': {
      const due = new Date(value);
      if (Number.isNaN(due.getTime())) throw new FeelError(`Invalid timer date '${value}': expected an ISO 8601 date-time`);
      return { dueDate: due, repetitions: 0, spec: {} };
    }
    case 'cycle':
      return scheduleCycle(value, now);
  }
}

/** The next due date of a repeating timer after it fired at `firedAt`. */
export function nextCycleDue(spec: TimerSpec, firedAt: Date): Date {
  if (spec.cron) return nextCron(spec.cron, firedAt);
  if (spec.interval) return addDuration(firedAt, spec.interval);
  throw new Error('timer has no cycle');
}

function scheduleCycle(value: string, now: Date): Schedule {
  const match = /^R(\d*)\/(.+)$/.exec(value);
  if (!match) {
    return { dueDate: nextCron(value, now), repetitions: -1, spec: { cron: value } };
  }
  const count = match[1] === '' ? -1 : Number(match[1]);
  const parts = match[2].split('/');
  let start = now;
  let interval = parts[0];
  if (parts.length === 2) {
    start = new Date(parts[0]);
    interval = parts[1];
    if (Number.isNaN(start.getTime())) throw new FeelError(`Invalid timer cycle '${value}': bad start date`);
  }
  const first = parts.length === 2 && start > now ? start : addDuration(start > now ? start : now, interval);
  return { dueDate: first, repetitions: count < 0 ? -1 : Math.max(count - 1, 0), spec: { interval } };
}

function nextCron(expression: string, after: Date): Date {
  try {
    return CronExpressionParser.parse(expression, { currentDate: after, tz: 'UTC' }).next().toDate();
  } catch (error) {
    throw new FeelError(
      `Invalid timer cycle '${expression}': neither an ISO 8601 repeating interval nor a cron expression (${(error as Error).message})`,
    );
  }
}

const DURATION =
  /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Adds an ISO 8601 duration; years and months move the calendar date, the rest is exact time. */
export function addDuration(from: Date, duration: string): Date {
  const m = DURATION.exec(duration);
  if (!m || duration === 'P' || duration.endsWith('T')) {
    throw new FeelError(`Invalid ISO 8601 duration '${duration}'`);
  }
  const [, negative, y, mo, w, d, h, mi, s] = m;
  const sign = negative ? -1 : 1;
  const result = new Date(from.getTime());
  if (y || mo) result.setUTCMonth(result.getUTCMonth() + sign * (Number(y ?? 0) * 12 + Number(mo ?? 0)));
  const ms =
    Number(w ?? 0) * 604_800_000 +
    Number(d ?? 0) * 86_400_000 +
    Number(h ?? 0) * 3_600_000 +
    Number(mi ?? 0) * 60_000 +
    Number(s ?? 0) * 1000;
  return new Date(result.getTime() + sign * ms);
}
