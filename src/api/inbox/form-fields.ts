/** A form-js component, as far as its data binding goes. */
interface FormComponent {
  key?: unknown;
  path?: unknown;
  components?: unknown;
}

/**
 * The top-level data keys a form-js schema writes: each field's `key`, and for a group or
 * dynamic list bound with `path`, the first segment of that path. These are the only variables
 * a task's completion may set, so a crafted request cannot change variables the diagram decides
 * on (teamId, the pair, caseId) that the form does not ask about.
 */
export function formDataKeys(schema: unknown): Set<string> {
  const keys = new Set<string>();
  const visit = (components: unknown) => {
    if (!Array.isArray(components)) return;
    for (const component of components as FormComponent[]) {
      if (typeof component.path === 'string' && component.path !== '') {
        keys.add(component.path.split('.')[0]);
        continue;
      }
      if (typeof component.key === 'string' && component.key !== '') keys.add(component.key.split('.')[0]);
      visit(component.components);
    }
  };
  visit((schema as FormComponent | null)?.components);
  return keys;
}
