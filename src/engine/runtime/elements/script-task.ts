import { checkFeel, checkVariableName } from '../../model/expression-validation.js';
import { extension, stripEquals } from '../../model/moddle.js';
import type { ScriptTaskElement } from '../../model/types.js';
import { evaluateFeel } from '../feel.js';
import { activityOf } from './activity.js';
import type { ElementUnit } from './element-unit.js';
import { jobExpressions, jobOf } from './job.js';

/** A script task with a FEEL expression evaluates it in place; otherwise a job worker runs the script. */
export const scriptTaskUnit: ElementUnit<ScriptTaskElement> = {
  compile(e, common, context) {
    const activity = activityOf(e, common, context);
    const job = jobOf(e, context.unsupported);
    if (job) return { ...activity, job };
    const script = extension(e, 'zeebe:Script');
    if (!script?.expression || !script.resultVariable) {
      throw context.unsupported(e.id, 'a script task needs a zeebe:script expression and resultVariable, or a job type');
    }
    return { ...activity, script: { expression: stripEquals(script.expression), resultVariable: script.resultVariable } };
  },
  validate({ id, script }, { unsupported }) {
    if (!script) return;
    checkVariableName(id, script.resultVariable, unsupported);
    checkFeel(id, script.expression, unsupported);
  },
  expressions: (element) => jobExpressions(element.job),
  activate(tx, ei, element) {
    const script = element.script;
    if (!script) return tx.jobs.createElementJob(ei, element.job);
    const value = tx.incidents.tryEvaluate(ei, 'EXTRACT_VALUE_ERROR', 'behave', () => evaluateFeel(script.expression, tx.context(ei)));
    if (value !== undefined) tx.lifecycle.complete(ei, { [script.resultVariable]: value });
  },
};
