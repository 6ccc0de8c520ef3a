import type pg from 'pg';
import { ENGINE_SCHEMA } from '../store/schema.js';

const BLOCK = 1000;

/**
 * Hands out unique keys synchronously from blocks of the `engine.keys` sequence (which steps by
 * 1000), so a command never waits on the database mid-transition. Keys skipped by a crash are
 * simply never used.
 */
export class KeyGenerator {
  private blocks: Array<{ next: bigint; end: bigint }> = [];

  constructor(private readonly pool: pg.Pool) {}

  get available(): number {
    return this.blocks.reduce((n, b) => n + Number(b.end - b.next), 0);
  }

  /** Makes sure at least `count` keys can be taken without waiting. */
  async reserve(count: number): Promise<void> {
    while (this.available < count) {
      const result = await this.pool.query(`SELECT nextval('${ENGINE_SCHEMA}.keys') AS v`);
      const start = BigInt(result.rows[0].v);
      this.blocks.push({ next: start, end: start + BigInt(BLOCK) });
    }
  }

  next(): string {
    const block = this.blocks[0];
    if (!block) throw new KeysExhausted();
    const key = block.next;
    block.next += 1n;
    if (block.next >= block.end) this.blocks.shift();
    return key.toString();
  }
}

/** Thrown mid-transition when a command needs more keys than were reserved; the command is retried. */
export class KeysExhausted extends Error {
  constructor() {
    super('key block exhausted');
  }
}
