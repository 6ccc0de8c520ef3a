import { evaluate } from 'feelin';
import { formFields, loadForms, type FormField } from './model.js';

/** Field types that hold a value under `key` (the rest are text, groups and spacers). */
const INPUT_TYPES = new Set(['textfield', 'textarea', 'number', 'checkbox', 'checklist', 'radio', 'select', 'taglist', 'datetime']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const forms = new Map(loadForms().map((form) => [form.schema.id, form]));

/**
 * What Camunda's form-js would submit for a user task when a caseworker fills `answers` into the
 * form `formId` of process-application/forms/: every visible field with the answer, else its default, else its empty
 * value; hidden fields (a `conditional.hide` that holds) left out; an `expression` field's value computed as
 * form-js computes it before submitting. Throws, naming every field,
 * when the form would refuse the submission (required, options, min/max, lengths, pattern) or
 * when an answer names no visible field of the form, so a test cannot complete a task with data
 * the form could never produce. `variables` are the task's, for options a field takes from one
 * (`valuesKey`) and for conditions.
 */
export function submitForm(
  formId: string,
  answers: Record<string, unknown>,
  variables: Record<string, unknown> = {},
): Record<string, unknown> {
  const form = forms.get(formId);
  if (!form) throw new Error(`no form '${formId}' in process-application/forms/`);
  const inputs = formFields(form).filter((f) => INPUT_TYPES.has(f.type) && f.key);
  const data: Record<string, unknown> = {};
  for (const field of inputs) data[field.key!] = field.key! in answers ? answers[field.key!] : (field.defaultValue ?? emptyValue(field));
  const visible = inputs.filter((field) => !isHidden(field, { ...variables, ...data }));
  const submitted: Record<string, unknown> = Object.fromEntries(visible.map((field) => [field.key!, data[field.key!]]));
  for (const field of formFields(form).filter((f) => f.type === 'expression' && f.key)) {
    submitted[field.key!] = evaluate(String(field.expression).replace(/^=/, ''), { ...variables, ...submitted }).value ?? null;
  }
  const problems = [
    ...Object.keys(answers)
      .filter((key) => !(key in submitted))
      .map((key) => `${key}: not a visible field of the form`),
    ...visible.flatMap((field) => fieldProblems(field, submitted[field.key!], optionsOf(field, variables))),
  ];
  if (problems.length > 0) throw new Error(`form '${formId}' would refuse the submission — ${problems.join('; ')}`);
  return submitted;
}

function emptyValue(field: FormField): unknown {
  if (field.type === 'checkbox') return false;
  if (field.type === 'checklist' || field.type === 'taglist') return [];
  if (field.type === 'textfield' || field.type === 'textarea') return '';
  return null;
}

function isHidden(field: FormField, data: Record<string, unknown>): boolean {
  const hide = (field.conditional as { hide?: string } | undefined)?.hide;
  return hide !== undefined && evaluate(hide.replace(/^=/, ''), data).value === true;
}

/** A field's option values: its own `values`, or the list in the variable its `valuesKey` names. */
function optionsOf(field: FormField, variables: Record<string, unknown>): string[] | undefined {
  if (field.values) return field.values.map((v) => v.value);
  const fromVariable = typeof field.valuesKey === 'string' ? variables[field.valuesKey] : undefined;
  return Array.isArray(fromVariable) ? fromVariable.map((v) => String((v as { value: unknown }).value)) : undefined;
}

function fieldProblems(field: FormField, value: unknown, options: string[] | undefined): string[] {
  const key = field.key!;
  const rules = (field.validate ?? {}) as {
    required?: boolean;
    min?: number;
    max?: number;
    minLength?: number;
    maxLength?: number;
    pattern?: string;
  };
  const blank = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (rules.required && (blank || (field.type === 'checkbox' && value !== true))) return [`${key}: required`];
  if (blank) return [];
  switch (field.type) {
    case 'checkbox':
      return typeof value === 'boolean' ? [] : [`${key}: not a boolean`];
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return [`${key}: not a number`];
      return [
        ...(rules.min !== undefined && value < rules.min ? [`${key}: below ${rules.min}`] : []),
        ...(rules.max !== undefined && value > rules.max ? [`${key}: above ${rules.max}`] : []),
      ];
    case 'radio':
    case 'select':
      return options?.includes(value as string) ? [] : [`${key}: '${String(value)}' is not one of ${options?.join(', ')}`];
    case 'checklist':
    case 'taglist':
      if (!Array.isArray(value)) return [`${key}: not a list`];
      return value.filter((v) => !options?.includes(v as string)).map((v) => `${key}: '${String(v)}' is not one of ${options?.join(', ')}`);
    case 'datetime':
      return typeof value === 'string' && ISO_DATE.test(value) ? [] : [`${key}: not a date (YYYY-MM-DD)`];
    default:
      if (typeof value !== 'string') return [`${key}: not text`];
      return [
        ...(rules.minLength !== undefined && value.length < rules.minLength ? [`${key}: shorter than ${rules.minLength}`] : []),
        ...(rules.maxLength !== undefined && value.length > rules.maxLength ? [`${key}: longer than ${rules.maxLength}`] : []),
        ...(rules.pattern !== undefined && !new RegExp(rules.pattern).test(value) ? [`${key}: does not match ${rules.pattern}`] : []),
      ];
  }
}

/** The form's refusal of these answers (submitForm's message), or undefined when it would submit them. */
export function refusalOf(formId: string, answers: Record<string, unknown>, variables: Record<string, unknown> = {}): string | undefined {
  try {
    submitForm(formId, answers, variables);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
