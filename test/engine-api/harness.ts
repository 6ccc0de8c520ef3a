/**
 * Harness for the /v2 router tests: the router alone, mounted at /v2 in an express app on a free
 * port, over a fresh database holding the engine schema (rows are inserted directly), with a small
 * recording stand-in for the engine's write side. Shapes are checked by the official client in
 * strict request and response validation.
 */
import createCamundaClient from '@camunda8/orchestration-cluster-api';
import express from 'express';
import type { Knex } from 'knex';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type {
  ActivateJobsRequest,
  ActivatedJob,
  BroadcastSignal,
  CorrelateMessage,
  CreateInstanceRequest,
  CreatedInstance,
  DeploymentOutcome,
  DeploymentResource,
  EngineCommands,
  MigrationRequest,
  ModificationInstructions,
  JobError,
  JobFailure,
  PublishMessage,
  UserTaskChanges,
} from '../../src/engine/commands.js';
import { createV2Router, type V2RouterDeps } from '../../src/engine/api/router.js';
import { createEngineSchema, ENGINE_SCHEMA } from '../../src/engine/store/schema.js';
import { createTestKnex } from '../support/postgres.js';

export type CamundaClient = ReturnType<typeof createCamundaClient>;

/** No eventual-consistency polling: reads are answered from committed rows. */
export const NOW = { consistency: { waitUpToMs: 0 } } as const;

export interface Call {
  method: keyof EngineCommands;
  args: unknown[];
}

/**
 * Records every command with its arguments and answers from `answers` (or a fixed default), so
 * routing tests can check what a request turned into. `fail` makes the next call reject.
 */
export class RecordingCommands implements EngineCommands {
  readonly calls: Call[] = [];
  answers: {
    deploy?: DeploymentOutcome;
    created?: CreatedInstance;
    jobs?: ActivatedJob[];
  } = {};
  private failure: Error | undefined;
  /** Signals handed to activateJobs, to observe client disconnects. */
  readonly signals: AbortSignal[] = [];
  /** When set, activateJobs waits for its signal to abort before answering. */
  holdActivation = false;

  failNextWith(error: Error): void {
    this.failure = error;
  }

  last(method: keyof EngineCommands): unknown[] {
    const call = [...this.calls].reverse().find((c) => c.method === method);
    if (!call) throw new Error(`no call of ${method} was recorded (calls: ${this.calls.map((c) => c.method).join(', ') || 'none'})`);
    return call.args;
  }

  private async record(method: keyof EngineCommands, ...args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
  }

  async deploy(resources: DeploymentResource[], tenantId: string): Promise<DeploymentOutcome> {
    await this.record('deploy', resources, tenantId);
    return this.answers.deploy ?? { deploymentKey: '2251799813685249', tenantId, processes: [], forms: [] };
  }

  async createProcessInstance(request: CreateInstanceRequest): Promise<CreatedInstance> {
    await this.record('createProcessInstance', request);
    return (
      this.answers.created ?? {
        processDefinitionId: request.processDefinitionId ?? 'order',
        processDefinitionVersion: 1,
        processDefinitionKey: request.processDefinitionKey ?? '2251799813685250',
        processInstanceKey: '2251799813685251',
        variables: request.variables,
      }
    );
  }

  async cancelProcessInstance(processInstanceKey: string): Promise<void> {
    await this.record('cancelProcessInstance', processInstanceKey);
  }

  async migrateProcessInstance(processInstanceKey: string, plan: MigrationRequest): Promise<void> {
    await this.record('migrateProcessInstance', processInstanceKey, plan);
  }

  async modifyProcessInstance(processInstanceKey: string, instructions: ModificationInstructions): Promise<void> {
    await this.record('modifyProcessInstance', processInstanceKey, instructions);
  }

  async activateJobs(request: ActivateJobsRequest, signal: AbortSignal): Promise<ActivatedJob[]> {
    this.signals.push(signal);
    await this.record('activateJobs', request);
    if (this.holdActivation) {
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      return [];
    }
    return this.answers.jobs ?? [];
  }

  async completeJob(jobKey: string, variables: Record<string, unknown>): Promise<void> {
    await this.record('completeJob', jobKey, variables);
  }

  async failJob(jobKey: string, failure: JobFailure): Promise<void> {
    await this.record('failJob', jobKey, failure);
  }

  async throwJobError(jobKey: string, error: JobError): Promise<void> {
    await this.record('throwJobError', jobKey, error);
  }

  async updateJob(jobKey: string, changes: { retries?: number; timeout?: number }): Promise<void> {
    await this.record('updateJob', jobKey, changes);
  }

  async assignUserTask(userTaskKey: string, assignment: { assignee: string; allowOverride: boolean }): Promise<void> {
    await this.record('assignUserTask', userTaskKey, assignment);
  }

  async unassignUserTask(userTaskKey: string): Promise<void> {
    await this.record('unassignUserTask', userTaskKey);
  }

  async completeUserTask(userTaskKey: string, variables: Record<string, unknown>): Promise<void> {
    await this.record('completeUserTask', userTaskKey, variables);
  }

  async updateUserTask(userTaskKey: string, changes: UserTaskChanges): Promise<void> {
    await this.record('updateUserTask', userTaskKey, changes);
  }

  async publishMessage(message: PublishMessage): Promise<{ messageKey: string }> {
    await this.record('publishMessage', message);
    return { messageKey: '2251799813685300' };
  }

  async correlateMessage(message: CorrelateMessage): Promise<{ messageKey: string; processInstanceKey: string }> {
    await this.record('correlateMessage', message);
    return { messageKey: '2251799813685301', processInstanceKey: '2251799813685302' };
  }

  async broadcastSignal(signal: BroadcastSignal): Promise<{ signalKey: string }> {
    await this.record('broadcastSignal', signal);
    return { signalKey: '2251799813685303' };
  }

  async resolveIncident(incidentKey: string): Promise<void> {
    await this.record('resolveIncident', incidentKey);
  }

  async setElementInstanceVariables(elementInstanceKey: string, variables: Record<string, unknown>, local: boolean): Promise<void> {
    await this.record('setElementInstanceVariables', elementInstanceKey, variables, local);
  }

  async pinClock(epochMillis: number): Promise<void> {
    await this.record('pinClock', epochMillis);
  }

  async resetClock(): Promise<void> {
    await this.record('resetClock');
  }
}

export interface ApiHarness {
  url: string;
  knex: Knex;
  commands: RecordingCommands;
  client: CamundaClient;
  /** Requests unvalidated (so paging survives), responses validated strictly. */
  pagingClient: CamundaClient;
  errors: unknown[];
  close(): Promise<void>;
}

/** A fresh database with the engine schema, the router on a free port, and a strict client. */
export async function startApi(
  label: string,
  options: Partial<Pick<V2RouterDeps, 'clockControl' | 'topology' | 'principal'>> = {},
): Promise<ApiHarness> {
  const knex = await createTestKnex(label);
  await knex.raw(`CREATE SCHEMA ${ENGINE_SCHEMA}`);
  await createEngineSchema(knex);
  const commands = new RecordingCommands();
  const errors: unknown[] = [];
  const app = express();
  app.use(
    '/v2',
    createV2Router({
      commands,
      knex,
      clockControl: options.clockControl ?? true,
      topology: options.topology,
      principal: options.principal,
      onError: (e) => errors.push(e),
    }),
  );
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    knex,
    commands,
    client: clientFor(url),
    pagingClient: clientFor(url, 'req:none,res:strict'),
    errors,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await knex.destroy();
    },
  };
}

/**
 * An official client; by default with strict request and response validation. Note that strict
 * request validation strips `page.from`, `page.after` and `page.before` (the client's page schema
 * is a union whose first branch, `{ limit }`, matches any page), so paging tests send requests
 * unvalidated and still validate responses strictly.
 */
export function clientFor(url: string, validation = 'req:strict,res:strict'): CamundaClient {
  return createCamundaClient({
    config: {
      CAMUNDA_REST_ADDRESS: url,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_SDK_VALIDATION: validation,
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
    },
  });
}
