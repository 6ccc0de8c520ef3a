import type { ElementBehaviour } from './behaviour.js';

/** Service, send and business rule tasks and message throw events hand their work to a job worker. */
export const createJobOrPass: ElementBehaviour = (tx, ei, element) => {
  if (element.job) return tx.jobs.createElementJob(ei, element.job);
  tx.lifecycle.complete(ei, ei.runtime.trigger);
};
