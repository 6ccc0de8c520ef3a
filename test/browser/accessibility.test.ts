import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { startTestService, type TestService } from '../support/service.js';
import { newPage, screenshot, signInAt } from './browser.js';
import { caseAtAssessment, openTask, usernameOf } from './case-at-assessment.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What axe answers of a violation, as much as a failing test needs to name it. */
interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 AA and best practice). */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the pages' Content-Security-Policy does not cover:
  // a script tag would be refused, and the policy stays as users get it.
  // It answers nothing: the script's last value, brought back to Node, would be axe's own objects.
  await page.evaluate(`${AXE_SOURCE}\n;undefined`);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('browser: accessibility of every page (axe-core, no serious or critical violations)', () => {
  let t: TestService;
  let caseId: string;
  let nurse: string;
  let taskKey: string;

  before(async () => {
    t = await startTestService({ WORKERS: 'in-process' });
    const atAssessment = await caseAtAssessment(t);
    caseId = atAssessment.caseId;
    nurse = usernameOf(atAssessment.pair.nurse_id);
    taskKey = String((await openTask(t, caseId, 'assessment-task')).userTaskKey);
  });
  after(async () => {
    await t?.close();
  });

  /** The pages, each with who signs in and what shows that the page has drawn its content. */
  const pages = () => [
    { name: 'inbox', path: '/', user: nurse, ready: 'table.inbox' },
    { name: 'task', path: `/task/${taskKey}`, user: nurse, ready: '.fjs-form' },
    { name: 'case', path: `/case/${caseId}`, user: nurse, ready: '.diagram svg' },
    { name: 'cases', path: '/cases/', user: nurse, ready: 'table.case-list tbody tr' },
    { name: 'intake', path: '/intake/', user: 'minna.toivonen', ready: '#i-municipality option:nth-child(2)' },
    { name: 'dashboard', path: '/dashboard/', user: 'anne.lehtonen', ready: '.count-badge' },
    { name: 'admin', path: '/admin/', user: 'outi.kallio', ready: 'main form' },
  ];

  for (const name of ['inbox', 'task', 'case', 'cases', 'intake', 'dashboard', 'admin']) {
    it(`the ${name} page`, async () => {
      const shown = pages().find((p) => p.name === name)!;
      const page = await newPage();
      try {
        await signInAt(page, `${t.service.url}${shown.path}`, shown.user);
        await page.waitForSelector(shown.ready, { state: 'attached' });
        await screenshot(page, `a11y-${name}`);
        expect(await seriousViolations(page)).to.deep.equal([]);
      } finally {
        await page.context().close();
      }
    });
  }
});
