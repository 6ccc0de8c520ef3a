import { parseExpression } from 'feelin';
import { formDataKeys } from './form-fields.js';

/** A form-js template's parts: `{{ expression }}`, `{{#if expression}}`, `{{#loop expression}}`, `{{/if}}`. */
const TEMPLATE = /\{\{\s*(?:#\w+\s+|\/\w*)?([^}]*)\}\}/g;

/**
 * The top-level variables a form-js schema shows: the fields' data keys (formDataKeys), and every
 * variable its templates (`{{ … }}` in a text) and FEEL expressions (a property starting with `=`,
 * such as a field's `conditional.hide`) name. A task's read answers only these, so a task shows
 * no more of its case than its form does (the screening note stays out of the assessment).
 */
export function formShownKeys(schema: unknown): Set<string> {
  const keys = formDataKeys(schema);
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      if (value.startsWith('=')) variablesNamed(value.slice(1), keys);
      for (const [, expression] of value.matchAll(TEMPLATE)) variablesNamed(expression, keys);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit((schema as { components?: unknown } | null)?.components);
  return keys;
}

/** The variables a FEEL expression names: its variable names, not the functions it calls (`string length`). */
function variablesNamed(expression: string, into: Set<string>): void {
  if (expression.trim() === '') return;
  parseExpression(expression, {}, undefined).iterate({
    enter: (node) => {
      if (node.name === 'VariableName' && node.node.parent?.name !== 'FunctionInvocation') into.add(expression.slice(node.from, node.to));
    },
  });
}
