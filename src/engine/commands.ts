import type { MappingInstruction } from './runtime/instance-migration.js';
import type { ModificationInstructions } from './runtime/instance-modification.js';

export type { MappingInstruction, ModificationInstructions };

/**
 * The engine's write side, as the /v2 router calls it. Keys are decimal strings, as on the wire.
 * Every method resolves only after its effects are committed to PostgreSQL, and rejects with an
 * `EngineRejection` for anything a cluster would refuse. Reads (searches, gets) do not go through
 * here: the router queries the engine's tables directly (src/engine/store/schema.ts).
 */
export interface EngineCommands {
  deploy(resources: DeploymentResource[], tenantId: string): Promise<DeploymentOutcome>;
  createProcessInstance(request: CreateInstanceRequest): Promise<CreatedInstance>;
  cancelProcessInstance(processInstanceKey: string): Promise<void>;
  migrateProcessInstance(processInstanceKey: string, plan: MigrationRequest): Promise<void>;
  modifyProcessInstance(processInstanceKey: string, instructions: ModificationInstructions): Promise<void>;

  activateJobs(request: ActivateJobsRequest, signal: AbortSignal): Promise<ActivatedJob[]>;
  completeJob(jobKey: string, variables: Record<string, unknown>): Promise<void>;
  failJob(jobKey: string, failure: JobFailure): Promise<void>;
  throwJobError(jobKey: string, error: JobError): Promise<void>;
  updateJob(jobKey: string, changes: { retries?: number; timeout?: number }): Promise<void>;

  assignUserTask(userTaskKey: string, assignment: { assignee: string; allowOverride: boolean }): Promise<void>;
  unassignUserTask(userTaskKey: string): Promise<void>;
  completeUserTask(userTaskKey: string, variables: Record<string, unknown>): Promise<void>;
  updateUserTask(userTaskKey: string, changes: UserTaskChanges): Promise<void>;

  publishMessage(message: PublishMessage): Promise<{ messageKey: string }>;
  correlateMessage(message: CorrelateMessage): Promise<{ messageKey: string; processInstanceKey: string }>;
  broadcastSignal(signal: BroadcastSignal): Promise<{ signalKey: string }>;

  resolveIncident(incidentKey: string): Promise<void>;

  /** Sets variables in an active element instance's scope (`local`) or where they propagate from it. */
  setElementInstanceVariables(elementInstanceKey: string, variables: Record<string, unknown>, local: boolean): Promise<void>;

  /** Pins the engine clock at an epoch-millisecond instant; timers due by then fire. */
  pinClock(epochMillis: number): Promise<void>;
  resetClock(): Promise<void>;
}

/**
 * A user task's changeset: an absent field keeps its value; `null` clears a date, an empty list
 * clears the candidates.
 */
export interface UserTaskChanges {
  dueDate?: Date | null;
  followUpDate?: Date | null;
  candidateGroups?: string[];
  candidateUsers?: string[];
  priority?: number;
}

export interface DeploymentResource {
  name: string;
  content: Buffer;
}

export interface DeploymentOutcome {
  deploymentKey: string;
  tenantId: string;
  processes: Array<{
    processDefinitionId: string;
    processDefinitionVersion: number;
    processDefinitionKey: string;
    resourceName: string;
  }>;
  forms: Array<{ formId: string; version: number; formKey: string; resourceName: string }>;
}

export interface CreateInstanceRequest {
  processDefinitionId?: string;
  processDefinitionVersion?: number;
  processDefinitionKey?: string;
  variables: Record<string, unknown>;
  awaitCompletion: boolean;
  /** Milliseconds to wait for completion when awaitCompletion; 0 means the engine default. */
  requestTimeout: number;
  fetchVariables?: string[];
  /** Elements to begin at instead of the none start event. */
  startInstructions?: string[];
}

export interface MigrationRequest {
  targetProcessDefinitionKey: string;
  mappingInstructions: MappingInstruction[];
}

export interface CreatedInstance {
  processDefinitionId: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  processInstanceKey: string;
  /** Root-scope variables at creation, or at completion when awaitCompletion. */
  variables: Record<string, unknown>;
}

export interface ActivateJobsRequest {
  type: string;
  worker: string;
  /** Milliseconds the job stays locked to this worker. */
  timeout: number;
  maxJobsToActivate: number;
  fetchVariable?: string[];
  /** Long-polling: milliseconds to wait for jobs when none are there; 0 answers at once. */
  requestTimeout: number;
  /** Only jobs of these processes (BPMN process ids), as a Camunda 7 topic's processDefinitionKeyIn asks. */
  processDefinitionIds?: string[];
}

export interface ActivatedJob {
  jobKey: string;
  type: string;
  processDefinitionId: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  processInstanceKey: string;
  rootProcessInstanceKey: string;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: Record<string, string>;
  worker: string;
  retries: number;
  deadline: number;
  variables: Record<string, unknown>;
  kind: 'BPMN_ELEMENT' | 'EXECUTION_LISTENER';
  listenerEventType: 'UNSPECIFIED' | 'START' | 'END';
}

export interface JobFailure {
  retries: number;
  errorMessage: string;
  /** Milliseconds before the job may be activated again. */
  retryBackOff: number;
  variables: Record<string, unknown>;
}

export interface JobError {
  errorCode: string;
  errorMessage: string;
  variables: Record<string, unknown>;
}

export interface PublishMessage {
  name: string;
  correlationKey: string;
  /** Milliseconds the message stays buffered for subscriptions opened later. */
  timeToLive: number;
  messageId?: string;
  variables: Record<string, unknown>;
}

export interface CorrelateMessage {
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
}

/** A signal to every subscription of its name and every signal start event of it; the variables go to each. */
export interface BroadcastSignal {
  signalName: string;
  variables: Record<string, unknown>;
}
