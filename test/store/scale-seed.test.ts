import { expect } from 'chai';
import type { Knex } from 'knex';
import { STAGE_CODES } from '../../src/domain/stages.js';
import { migrateAppDatabase } from '../../src/store/migrate.js';
import { isScratchDatabase, seedScaleData } from '../../kit/scale-seed.js';
import { createTestKnex } from '../support/postgres.js';

describe('kit/scale-seed (npm run seed:scale)', function () {
  this.timeout(120_000);
  let knex: Knex;

  before(async () => {
    knex = await createTestKnex('scale_seed');
    await migrateAppDatabase(knex);
    await seedScaleData(knex, { cases: 300 });
  });

  after(async () => {
    await knex?.destroy();
  });

  it('should write the cases asked for, each open case in exactly one open stage and a closed one in none', async () => {
    // when
    const rows: { closed: boolean; open_visits: number }[] = (
      await knex.raw(
        `select c.closed_at is not null as closed, count(s.*) filter (where s.left_at is null)::int as open_visits
         from cases c left join stage_history s on s.case_id = c.case_id group by c.case_id, c.closed_at`,
      )
    ).rows;

    // then
    expect(rows).to.have.length(300);
    expect(rows.filter((r) => !r.closed && r.open_visits !== 1)).to.deep.equal([]);
    expect(rows.filter((r) => r.closed && r.open_visits !== 0)).to.deep.equal([]);
    expect(rows.some((r) => r.closed)).to.equal(true);
  });

  it('should visit the stages in the pathway’s order, each entered after the one before was left', async () => {
    // when
    const visits: { case_id: string; stage: string; entered_at: Date; left_at: Date | null }[] = await knex('stage_history')
      .select('case_id', 'stage', 'entered_at', 'left_at')
      .orderBy([{ column: 'case_id' }, { column: 'entered_at' }]);

    // then
    const out: string[] = [];
    for (let i = 1; i < visits.length; i++) {
      const [before, after] = [visits[i - 1], visits[i]];
      if (before.case_id !== after.case_id) continue;
      if (STAGE_CODES.indexOf(after.stage as never) <= STAGE_CODES.indexOf(before.stage as never))
        out.push(`${after.case_id}: ${before.stage} → ${after.stage}`);
      if (!before.left_at || before.left_at > after.entered_at)
        out.push(`${after.case_id}: ${after.stage} entered before ${before.stage} was left`);
    }
    expect(visits.length).to.be.above(300);
    expect(out).to.deep.equal([]);
  });

  it('should refuse to seed a database that already holds generated cases', async () => {
    // when
    const error = await seedScaleData(knex, { cases: 10 }).then(
      () => null,
      (e: unknown) => e as Error,
    );

    // then
    expect(error?.message).to.equal('This database already holds generated cases: seed a fresh one');
  });

  it('should call only a database named for scratch or benchmark work fit to fill', () => {
    expect(isScratchDatabase('postgres://u@localhost:5432/dashboard_bench')).to.equal(true);
    expect(isScratchDatabase('postgres://u@localhost:5432/scratch_1')).to.equal(true);
    expect(isScratchDatabase('postgres://u@localhost:5432/sote')).to.equal(false);
  });
});
