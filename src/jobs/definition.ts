import type { z } from 'zod';

/** What a handler sees of its job besides the variables: enough to be idempotent and to tell listeners apart. */
export interface JobContext {
  jobKey: string;
  processInstanceKey: string;
  elementId: string;
  elementInstanceKey: string;
  /** START or END for execution-listener jobs; UNSPECIFIED for the element's own job. */
  listenerEventType: 'START' | 'END' | 'UNSPECIFIED';
  retries: number;
  customHeaders: Record<string, unknown>;
}

/**
 * A business outcome the diagram handles (a BPMN error caught by a boundary or event subprocess),
 * as opposed to a technical failure, which is retried and then becomes an incident.
 */
export class BusinessError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly variables: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BusinessError';
  }
}

/**
 * Variables that passed the worker's schema but cannot be used: they name a team, professional or
 * deadline rule that does not exist or does not qualify. Retrying cannot help, so the job fails at
 * once with no retries left: an incident whose message says what to fix, after which an operator
 * corrects the variable and resolves the incident.
 */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/** One job type: its contract (input and output schemas) and its handler. Engine-agnostic. */
export interface WorkerDefinition<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType, Deps = unknown> {
  jobType: string;
  description: string;
  Input: In;
  Output: Out;
  handle(input: z.infer<In>, deps: Deps, job: JobContext): Promise<z.infer<Out>>;
}
