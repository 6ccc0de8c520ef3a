import { ActivatableJobs } from './activatable-jobs.js';
import { DEFAULT_TENANT, type EngineParts } from './engine-parts.js';
import { EngineRejection } from './errors.js';
import { RecordRoots } from './record-roots.js';
import { KeysExhausted } from './runtime/keys.js';
import { Transition, type Effects } from './runtime/transition.js';
import type { InstanceTree } from './runtime/tree.js';
import type { Changeset } from './store/changeset.js';
import { loadTree } from './store/loader.js';
import { ENGINE_SCHEMA as S } from './store/schema.js';

/** The runner works with everything the handlers share but itself. */
export interface TransitionRunnerOptions extends Omit<EngineParts, 'runner'> {
  /** How many instance trees stay in memory when idle. */
  maxCachedTrees?: number;
  /** Called once a transition's rows are committed, with what must happen now. */
  onCommitted: (effects: Effects) => void;
}

/**
 * Runs commands as transitions: loads the instance trees they touch (lazily, from the database,
 * then cached), runs one synchronous transition on them and commits the rows it changed. A failed
 * transition or commit is rolled back and its trees are dropped, to be reloaded from the database.
 */
export class TransitionRunner {
  private readonly trees = new Map<string, InstanceTree>();
  private readonly loading = new Map<string, Promise<InstanceTree | undefined>>();
  private pendingAfterCommit: Array<() => void> = [];
  private readonly recordRoots = new RecordRoots();
  /** The activatable jobs as committed, for job activation. */
  readonly activatableJobs = new ActivatableJobs();

  constructor(private readonly options: TransitionRunnerOptions) {}

  get cachedTrees(): number {
    return this.trees.size;
  }

  /** A cached tree, if it is in memory. */
  cached(rootKey: string): InstanceTree | undefined {
    return this.trees.get(rootKey);
  }

  /** Queues an effect of the running transition for after its commit; called from inside `run`'s `fn`. */
  afterCommit(effect: () => void): void {
    this.pendingAfterCommit.push(effect);
  }

  /** The root key of the instance tree holding a record, or a 404 rejection naming `what`. */
  async rootOf(table: string, key: string, what: string): Promise<string> {
    const remembered = this.recordRoots.rootOf(table, key);
    if (remembered) return remembered;
    const result = await this.options.pool.query(`SELECT root_key FROM ${S}.${table} WHERE key = $1`, [key]);
    if (result.rows.length === 0) throw EngineRejection.notFound(`Expected to find ${what} with key '${key}', but none found`);
    return String(result.rows[0].root_key);
  }

  private async tree(rootKey: string): Promise<InstanceTree | undefined> {
    const cached = this.trees.get(rootKey);
    if (cached) return cached;
    let pending = this.loading.get(rootKey);
    if (!pending) {
      pending = loadTree(this.options.pool, rootKey).then(async (tree) => {
        if (tree) {
          for (const pi of tree.processInstances.values()) await this.options.definitions.ensureModel(pi.definitionKey);
          if (!this.trees.has(rootKey)) this.trees.set(rootKey, tree);
        }
        return this.trees.get(rootKey);
      });
      this.loading.set(rootKey, pending);
      pending.finally(() => this.loading.delete(rootKey)).catch(() => undefined);
    }
    return pending;
  }

  /**
   * Loads the trees, runs `fn` and the steps it queues in one synchronous transition, commits the
   * rows, then wakes job pollers, timer passes and awaitCompletion callers.
   */
  async run<T>(rootKeys: string[], fn: (tx: Transition) => T, options: { tolerateMissing?: boolean } = {}, reserve = 200): Promise<T> {
    const trees: InstanceTree[] = [];
    for (const rootKey of rootKeys) {
      const tree = await this.tree(rootKey);
      if (tree) trees.push(tree);
      else if (!options.tolerateMissing)
        throw EngineRejection.notFound(`Expected to find an active process instance tree with key '${rootKey}', but none found`);
    }
    const { keys, clock, definitions, messages, startLocks } = this.options;
    await keys.reserve(reserve);
    const tx = new Transition({ keys, clock, definitions, messages, startLocks, tenantId: DEFAULT_TENANT });
    for (const tree of trees) tx.use(tree);
    const afterCommit: Array<() => void> = [];
    this.pendingAfterCommit = afterCommit;
    let result: T;
    let changes: Changeset;
    try {
      result = fn(tx);
      changes = tx.settle();
    } catch (error) {
      this.pendingAfterCommit = [];
      tx.rollback();
      // Commands check before they change anything, so a rejection leaves the trees as they were.
      if (error instanceof EngineRejection) throw error;
      this.forget(tx.touchedTrees);
      if (error instanceof KeysExhausted) return this.run(rootKeys, fn, options, reserve * 10);
      throw error;
    }
    this.pendingAfterCommit = [];
    const touched = tx.touchedTrees;
    for (const tree of touched) {
      tree.pendingCommits += 1;
      tree.lastUsed = Date.now();
      if (!this.trees.has(tree.rootKey) && !tree.ended) this.trees.set(tree.rootKey, tree);
    }
    try {
      await this.options.writer.commit(changes);
    } catch (error) {
      this.forget(touched);
      tx.rollback();
      throw error;
    } finally {
      for (const tree of touched) tree.pendingCommits -= 1;
    }
    this.recordRoots.remember(changes);
    this.activatableJobs.remember(changes);
    for (const effect of afterCommit) effect();
    this.options.onCommitted(tx.effects);
    for (const tree of touched) if (tree.ended && tree.pendingCommits === 0) this.trees.delete(tree.rootKey);
    this.evictIdle();
    return result;
  }

  /** Drops trees whose in-memory state can no longer be trusted; they reload from the database. */
  private forget(trees: InstanceTree[]): void {
    for (const tree of trees) if (this.trees.get(tree.rootKey) === tree) this.trees.delete(tree.rootKey);
  }

  private evictIdle(): void {
    const max = this.options.maxCachedTrees ?? 5000;
    if (this.trees.size <= max) return;
    const idle = [...this.trees.values()].filter((t) => t.pendingCommits === 0).sort((a, b) => a.lastUsed - b.lastUsed);
    for (const tree of idle.slice(0, this.trees.size - max)) this.trees.delete(tree.rootKey);
  }
}
