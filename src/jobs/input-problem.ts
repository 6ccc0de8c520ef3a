import type { z } from 'zod';

/** A one-line message naming every variable that failed the worker's input schema. */
export function describeInputProblem(jobType: string, error: z.ZodError): string {
  const problems = error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(variables)';
    return `'${field}': ${issue.message}`;
  });
  return `Job '${jobType}' got invalid variables — ${problems.join('; ')}`;
}
