import { evaluateFeel } from '../feel.js';
import type { ElementBehaviour } from './behaviour.js';

/** A script task with a FEEL expression evaluates it in place; otherwise a job worker runs the script. */
export const runScript: ElementBehaviour = (tx, ei, element) => {
  const script = element.script;
  if (!script) return tx.jobs.createElementJob(ei, element.job!);
  const value = tx.incidents.tryEvaluate(ei, 'EXTRACT_VALUE_ERROR', 'behave', () => evaluateFeel(script.expression, tx.context(ei)));
  if (value !== undefined) tx.lifecycle.complete(ei, { [script.resultVariable]: value });
};
