import { expect } from 'chai';
import type { CaseView } from './pathway-driver.js';

/**
 * Asserts the case's exact stage history: these stage codes in this order, each stay left no
 * earlier than it was entered and no later than the next one was entered; while the case is
 * active exactly one stay is open — the last, which is the current stage — and once it is
 * closed none is, the last having ended by the close.
 */
export function expectStageHistory(view: CaseView, expected: readonly string[]): void {
  const where = `stages of case ${view.caseId}: ${JSON.stringify(view.stages)}`;
  expect(
    view.stages.map((s) => s.stage),
    where,
  ).to.deep.equal(expected);
  const open = view.stages.filter((s) => s.leftAt === null);
  if (view.closedAt === null) {
    expect(open.length, `${where}: one open stage while active`).to.equal(1);
    expect(open[0], `${where}: the open stage is the last`).to.equal(view.stages.at(-1));
    expect(view.currentStage?.stage, where).to.equal(expected.at(-1));
  } else {
    expect(open, `${where}: no open stage after close`).to.deep.equal([]);
    expect(view.currentStage, where).to.equal(null);
    expect(Date.parse(view.stages.at(-1)!.leftAt!), `${where}: the last stay ends by the close`).to.be.at.most(Date.parse(view.closedAt));
  }
  view.stages.forEach((stay, i) => {
    if (stay.leftAt !== null)
      expect(Date.parse(stay.leftAt), `${where}: #${i} left before entered`).to.be.at.least(Date.parse(stay.enteredAt));
    const next = view.stages[i + 1];
    if (next) expect(Date.parse(next.enteredAt), `${where}: #${i + 1} entered before #${i} left`).to.be.at.least(Date.parse(stay.leftAt!));
  });
}
