/* eslint-disable @typescript-eslint/no-explicit-any -- moddle elements are dynamically typed */
/** An element as bpmn-moddle reads it: its shape depends on $type and the zeebe extensions present. */
export type Moddle = any;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The zeebe extension element of the given type, e.g. 'zeebe:TaskDefinition'. */
export function extension(e: Moddle, type: string): Moddle | undefined {
  return e?.extensionElements?.values?.find((v: Moddle) => v.$type === type);
}

/** A FEEL expression without its leading '=' marker. */
export function stripEquals(expression: string): string {
  const trimmed = expression.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1) : trimmed;
}
