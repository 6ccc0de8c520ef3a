/**
 * Where a deadline stands, as the case page shows it and the dashboard counts it: a deadline met
 * after its due time, or one its breach timer fired for, was missed even though it is met now.
 */
export const DEADLINE_STANDINGS = ['MET_ON_TIME', 'MET_LATE', 'OPEN_PAST_DUE', 'OPEN'] as const;

export type DeadlineStanding = (typeof DEADLINE_STANDINGS)[number];

/** Finnish labels of the standings. */
export const DEADLINE_STANDING_LABELS: Readonly<Record<DeadlineStanding, string>> = {
  MET_ON_TIME: 'Täyttyi ajallaan',
  MET_LATE: 'Täyttyi myöhässä',
  OPEN_PAST_DUE: 'Ylittynyt',
  OPEN: 'Avoin',
};

export interface DeadlineTimes {
  dueAt: Date;
  metAt: Date | null;
  breachedAt: Date | null;
}

export function deadlineStanding({ dueAt, metAt, breachedAt }: DeadlineTimes, now: Date): DeadlineStanding {
  if (metAt) return metAt > dueAt || breachedAt !== null ? 'MET_LATE' : 'MET_ON_TIME';
  return breachedAt !== null || now > dueAt ? 'OPEN_PAST_DUE' : 'OPEN';
}
