import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { InboxPage, InboxTask } from '../../src/api/inbox/inbox-types.js';
import { HttpSession } from '../../kit/http-session.js';
import { answers } from '../../kit/pathway/answers.js';
import { eventually } from '../support/eventually.js';
import { startTestService, type TestService } from '../support/service.js';
import { newPage, screenshot, signInAt } from './browser.js';
import { caseAtAssessment, usernameOf } from './case-at-assessment.js';

const PLAN = 'Yhteinen hoito- ja asiakassuunnitelma';
const WAITING = 'Tehtävälistaa päivitetään';

/**
 * A cluster's search shows a completed task as open a while yet, and the case's next task a while
 * later. The embedded engine's search lag (ENGINE_SEARCH_LAG_MS) brings the next task late, but a
 * row already in search changes at once (src/engine/api/queries/exported.ts), so the browser's
 * answers of /api/inbox get the done task added back, as the cluster's search would answer, for as
 * long as the test holds it there.
 */
describe('browser: the inbox after a task is completed, with search behind', () => {
  let t: TestService;
  let caseId: string;
  let nurse: HttpSession;
  let nurseUsername: string;

  before(async () => {
    t = await startTestService({ WORKERS: 'in-process', ENGINE_SEARCH_LAG_MS: '1000' });
    const { caseId: opened, pair } = await caseAtAssessment(t);
    caseId = opened;
    nurseUsername = usernameOf(pair.nurse_id);
    nurse = new HttpSession(t.service.url);
    await nurse.signIn(nurseUsername);
  });
  after(async () => {
    await t?.close();
  });

  /** The nurse's open tasks of the case, as /api/inbox answers them. */
  const tasksOfCase = async () =>
    (await nurse.call<{ items: InboxTask[] }>('GET', '/api/inbox')).body.items.filter((task) => task.caseId === caseId);

  it('keeps the done task out of the list and says it is waiting while search still shows it, then links the next task', async () => {
    // given the nurse's assessment task, completed through the app
    const done = await eventually('the assessment task in the nurse’s inbox', async () =>
      (await tasksOfCase()).find((task) => task.elementId === 'assessment-task'),
    );
    const page = await newPage();
    try {
      await completedAndWaited(page, done);
    } finally {
      await page.context().close();
    }
  });

  async function completedAndWaited(page: Page, done: InboxTask): Promise<void> {
    await signInAt(page, `${t.service.url}/`, nurseUsername);
    const stale = holdInSearch(page, done);
    await nurse.call('POST', `/api/inbox/tasks/${done.key}/claim`);
    await nurse.call('POST', `/api/inbox/tasks/${done.key}/completion`, { variables: answers.assessment() });

    // when the inbox opens as the task page leaves it after a completion (web/task/main.ts)
    await page.goto(`${t.service.url}/?${new URLSearchParams({ valmis: caseId, tehty: done.key }).toString()}`);

    // then, while its list answers keep showing the done task, it is not in the list and the page says it is waiting
    await eventually('the inbox to poll twice with the done task in its answer', async () => stale.served() >= 2);
    await page.locator('table.inbox, p.muted').first().waitFor();
    expect(await page.locator(`tr[data-task-key="${done.key}"]`).count(), 'the done task shown as open').to.equal(0);
    expect(await page.getByRole('status').textContent()).to.include(WAITING);
    await screenshot(page, 'inbox-waiting-for-search');

    // and once search has caught up, it links the case's next task, still without the done one
    stale.release();
    const next = page.locator('.notice', { hasText: 'Asian seuraava tehtävä' });
    await next.waitFor({ timeout: 30_000 });
    expect(await next.getByRole('link').textContent()).to.equal(PLAN);
    expect(await page.locator(`tr[data-task-key="${done.key}"]`).count(), 'the done task shown as open').to.equal(0);
    expect(stale.served(), 'answers with the done task').to.be.greaterThan(1);
  }
});

/**
 * Adds `task` back to every answer of /api/inbox the page gets until `release`, as a cluster's
 * search answers before its exporter has brought the completion; counts the answers that had it.
 */
function holdInSearch(page: Page, task: InboxTask): { served(): number; release(): void } {
  let held = true;
  let served = 0;
  void page.route('**/api/inbox?*', async (route) => {
    const response = await route.fetch();
    if (!held || response.status() !== 200) return route.fulfill({ response });
    const body = (await response.json()) as InboxPage;
    served += 1;
    const items = [task, ...body.items.filter((item) => item.key !== task.key)];
    await route.fulfill({ response, json: { ...body, items } });
  });
  return {
    served: () => served,
    release: () => {
      held = false;
    },
  };
}
