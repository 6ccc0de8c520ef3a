import type { FieldError } from '../../http/problem.js';

/** A form-js component, as far as its choices go. */
interface ChoiceComponent {
  type?: unknown;
  key?: unknown;
  values?: unknown;
  valuesKey?: unknown;
  components?: unknown;
}

const SINGLE_CHOICE = new Set(['radio', 'select']);
const MULTIPLE_CHOICE = new Set(['checklist', 'taglist']);

/**
 * The submitted answers that are none of their field's options: the form's own `values`, or the
 * list in the task variable its `valuesKey` names (the team's people, say). The form in the page
 * offers nothing else, so such an answer was typed past it, and the task must not complete with it.
 */
export function choiceProblems(schema: unknown, submitted: Record<string, unknown>, variables: Record<string, unknown>): FieldError[] {
  const problems: FieldError[] = [];
  const visit = (components: unknown) => {
    if (!Array.isArray(components)) return;
    for (const component of components as ChoiceComponent[]) {
      visit(component.components);
      const key = component.key;
      const type = String(component.type);
      if (typeof key !== 'string' || !(key in submitted) || !(SINGLE_CHOICE.has(type) || MULTIPLE_CHOICE.has(type))) continue;
      const answer = submitted[key];
      if (answer === null || answer === undefined || answer === '') continue;
      const options = optionValues(component, variables);
      const chosen = MULTIPLE_CHOICE.has(type) && Array.isArray(answer) ? answer : [answer];
      for (const value of chosen.filter((v) => !options.has(String(v)))) {
        problems.push({
          field: `variables.${key}`,
          pointer: `#/variables/${key}`,
          detail: `'${String(value)}' is not one of the form's options`,
        });
      }
    }
  };
  visit((schema as ChoiceComponent | null)?.components);
  return problems;
}

function optionValues(component: ChoiceComponent, variables: Record<string, unknown>): Set<string> {
  const list = typeof component.valuesKey === 'string' ? variables[component.valuesKey] : component.values;
  return new Set(Array.isArray(list) ? list.map((option) => String((option as { value?: unknown }).value)) : []);
}
