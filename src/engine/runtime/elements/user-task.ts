import type { ElementBehaviour } from './behaviour.js';

export const createUserTask: ElementBehaviour = (tx, ei, element) => tx.userTasks.create(ei, element);
