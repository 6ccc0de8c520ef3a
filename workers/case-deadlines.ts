import type { DeadlineEventCode } from '../src/domain/deadline-rule.js';
import { deadlinesStartedBy } from '../src/domain/deadlines.js';
import { finnishDate } from '../src/domain/finnish-time.js';
import type { LocalDate } from '../src/domain/local-date.js';
import type { CasePort, DeadlinePort, OrgPort } from '../src/jobs/ports.js';

/** What starting a case's deadlines from an event of a given day needs. */
export interface CaseDeadlineDeps {
  cases: Pick<CasePort, 'getCase'>;
  deadlines: Pick<DeadlinePort, 'recordDeadlines'>;
  org: Pick<OrgPort, 'listDeadlineRules'>;
}

/**
 * Starts the deadlines the events of `eventDate` start for an open case, as the rules say for its
 * attributes; a closed or unknown case gets none. A redelivered job finds the deadlines it started
 * and starts none again (recordDeadlines by job key).
 */
export async function startCaseDeadlines(
  deps: CaseDeadlineDeps,
  input: { caseId: string; events: readonly DeadlineEventCode[]; eventDate: LocalDate; jobKey: string },
): Promise<void> {
  const found = await deps.cases.getCase(input.caseId);
  if (!found || found.closedAt) return;
  const started = deadlinesStartedBy({
    rules: await deps.org.listDeadlineRules(),
    attributes: found.attributes,
    events: input.events,
    eventDate: input.eventDate,
    caseOpenedOn: finnishDate(found.openedAt),
  });
  if (started.length > 0) await deps.deadlines.recordDeadlines({ caseId: input.caseId, jobKey: input.jobKey, deadlines: started });
}
