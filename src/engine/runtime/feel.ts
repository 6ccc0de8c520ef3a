import { evaluate, SyntaxError as FeelSyntaxError } from 'feelin';

/** A FEEL expression that could not be evaluated, or evaluated to the wrong kind of value. */
export class FeelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeelError';
  }
}

/** Returns a description of the syntax problem, or undefined when the expression parses. */
export function checkFeelSyntax(expression: string): string | undefined {
  if (expression.trim() === '') return 'the expression is empty';
  try {
    evaluate(expression, {});
    return undefined;
  } catch (error) {
    if (error instanceof FeelSyntaxError) return error.message;
    return undefined;
  }
}

/**
 * Evaluates a FEEL expression (without its leading `=`). Missing variables evaluate to null, as in
 * Zeebe's lenient FEEL; the result is turned into plain JSON (temporal values become ISO strings).
 */
export function evaluateFeel(expression: string, context: Record<string, unknown>): unknown {
  try {
    return toJson(evaluate(expression, context).value);
  } catch (error) {
    throw new FeelError(`Failed to evaluate expression '${expression}': ${(error as Error).message}`);
  }
}

/** Evaluates a Zeebe attribute that is either static text or `=FEEL`. */
export function evaluateValue(raw: string, context: Record<string, unknown>): unknown {
  return raw.startsWith('=') ? evaluateFeel(raw.slice(1), context) : raw;
}

/** Evaluates a value that must be a string (job types, message names, correlation keys, process ids). */
export function evaluateString(raw: string, context: Record<string, unknown>, what: string): string {
  const value = evaluateValue(raw, context);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && what === 'correlation key') return String(value);
  throw new FeelError(`Expected result of the expression '${raw}' (${what}) to be 'STRING', but was '${kindOf(value)}'`);
}

/** Evaluates a list of strings, given either as a FEEL list or as static comma-separated text. */
export function evaluateStringList(raw: string, context: Record<string, unknown>, what: string): string[] {
  const value = raw.startsWith('=')
    ? evaluateFeel(raw.slice(1), context)
    : raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new FeelError(`Expected result of the expression '${raw}' (${what}) to be 'ARRAY' of strings, but was '${kindOf(value)}'`);
}

export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return 'ARRAY';
  if (typeof value === 'object') return 'OBJECT';
  return typeof value === 'number' ? 'NUMBER' : typeof value === 'boolean' ? 'BOOLEAN' : 'STRING';
}

function toJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJson(v)]));
    }
    return String(value);
  }
  if (typeof value === 'function') return null;
  return String(value);
}

/** A FEEL evaluation's JSON result and the warnings of Zeebe's lenient FEEL (a missing variable, a mistyped operand). */
export interface FeelOutcome {
  value: unknown;
  warnings: string[];
}

/** Evaluates a FEEL expression (without its leading `=`) and reports its warnings; a syntax error throws a FeelError. */
export function evaluateFeelWithWarnings(expression: string, context: Record<string, unknown>): FeelOutcome {
  try {
    const { value, warnings } = evaluate(expression, context);
    return { value: toJson(value), warnings: warnings.map((w) => w.message) };
  } catch (error) {
    throw new FeelError(`Failed to evaluate expression '${expression}': ${(error as Error).message}`);
  }
}
