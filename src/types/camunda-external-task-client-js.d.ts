declare module 'camunda-external-task-client-js' {
  /** camunda-external-task-client-js 3.x ships no declarations; this is the part src/jobs/external-task-runtime.ts uses. */

  export interface TypedValue {
    value: unknown;
    type: string;
    valueInfo?: Record<string, unknown>;
  }

  export class Variables {
    constructor(initialVariables?: Record<string, TypedValue>, options?: { readOnly?: boolean });
    get(name: string): unknown;
    getAll(): Record<string, unknown>;
    getAllTyped(): Record<string, TypedValue>;
    set(name: string, value: unknown): this;
    setAll(values: Record<string, unknown>): this;
    setTyped(name: string, typedValue: TypedValue): this;
  }

  /** A locked external task as the client hands it to a handler: the REST answer's fields, variables wrapped. */
  export interface Task {
    id: string;
    topicName: string;
    workerId: string;
    retries: number | null;
    processInstanceId: string;
    activityId: string;
    activityInstanceId: string;
    extensionProperties?: Record<string, string>;
    variables: Variables;
    [field: string]: unknown;
  }

  /** What the task service's calls reject with when the engine answers an error status (the library's EngineError). */
  export interface EngineError extends Error {
    httpStatusCode: number;
    type?: string;
    engineMsg?: string;
  }

  export interface HandleFailureOptions {
    errorMessage?: string;
    errorDetails?: string;
    retries?: number;
    retryTimeout?: number;
  }

  export interface TaskService {
    complete(task: Task | string, variables?: Variables, localVariables?: Variables): Promise<void>;
    handleFailure(task: Task | string, options: HandleFailureOptions): Promise<void>;
    handleBpmnError(task: Task | string, errorCode: string, errorMessage?: string, variables?: Variables): Promise<void>;
    extendLock(task: Task | string, newDuration: number): Promise<void>;
    unlock(task: Task | string): Promise<void>;
  }

  export type Handler = (args: { task: Task; taskService: TaskService }) => Promise<void>;

  export interface SubscribeOptions {
    lockDuration?: number;
    variables?: string[];
    localVariables?: boolean;
    processDefinitionKey?: string;
    processDefinitionKeyIn?: string[];
    includeExtensionProperties?: boolean;
  }

  export interface TopicSubscription {
    unsubscribe(): void;
  }

  /** A request option transformer, applied to every call (authentication headers). */
  export type Interceptor = (config: Record<string, unknown>) => Record<string, unknown>;

  export interface ClientOptions {
    baseUrl: string;
    workerId?: string;
    maxTasks?: number;
    maxParallelExecutions?: number;
    /** Milliseconds between the end of a poll and the next. */
    interval?: number;
    lockDuration?: number;
    autoPoll?: boolean;
    asyncResponseTimeout?: number;
    usePriority?: boolean;
    interceptors?: Interceptor | Interceptor[];
    use?: (client: Client) => void;
  }

  export class Client {
    constructor(options: ClientOptions);
    /** The options in effect; `interval` is read again before each poll. */
    options: ClientOptions & { interval: number };
    subscribe(topic: string, options: SubscribeOptions, handler: Handler): TopicSubscription;
    start(): void;
    stop(): void;
    on(event: 'poll:success', listener: (tasks: unknown[]) => void): this;
    on(event: 'poll:error' | 'handler:error', listener: (error: unknown) => void): this;
  }

  /** Constructing one answers the interceptor that adds the Authorization header. */
  export const BasicAuthInterceptor: new (options: { username: string; password: string }) => Interceptor;
}
