import { expect } from 'chai';
import { createTestKnex } from './postgres.js';

describe('test PostgreSQL', () => {
  it('should give each suite an empty database of its own', async () => {
    const a = await createTestKnex('smoke_a');
    const b = await createTestKnex('smoke_b');
    await a.schema.createTable('only_in_a', (t) => t.increments('id'));
    expect(await b.schema.hasTable('only_in_a')).to.equal(false);
    await a.destroy();
    await b.destroy();
  });
});
