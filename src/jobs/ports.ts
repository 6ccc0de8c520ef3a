import type * as caseRepository from '../store/case-repository.js';
import type * as deadlineRepository from '../store/deadline-repository.js';
import type * as meetingRepository from '../store/meeting-repository.js';
import type * as orgRepository from '../store/org-repository.js';
import type * as pairRepository from '../store/pair-repository.js';
import type * as responsibleSocialWorkerRepository from '../store/responsible-social-worker-repository.js';
import type * as routingRepository from '../store/routing-repository.js';
import type * as screeningRepository from '../store/screening-repository.js';
import type * as stageRepository from '../store/stage-repository.js';
import type { Candidates } from '../domain/task-rerouting.js';

/**
 * What workers may do to the world, as plain functions. The shapes are the read-model
 * repositories' own, with the database argument already bound (see `deps.ts`), so a worker file
 * imports no database code and a test can hand it anything with the same shape.
 */

/** A repository function with its first (database) argument bound. */
type Bound<F> = F extends (db: never, ...args: infer A) => infer R ? (...args: A) => R : never;

/** The current instant; fixed in tests. */
export interface Clock {
  now(): Date;
}

/** Cases of the read model. */
export interface CasePort {
  getCase: Bound<typeof caseRepository.getCase>;
  openCase: Bound<typeof caseRepository.openCase>;
  closeCase: Bound<typeof caseRepository.closeCase>;
}

/** Organisation data: teams, regions, municipalities, professionals, deadline rules. */
export interface OrgPort {
  loadRoutingData: Bound<typeof orgRepository.loadRoutingData>;
  getTeam: Bound<typeof orgRepository.getTeam>;
  getRegion: Bound<typeof orgRepository.getRegion>;
  listProfessionals: Bound<typeof orgRepository.listProfessionals>;
  pairingCandidates: Bound<typeof orgRepository.pairingCandidates>;
  listDeadlineRules: Bound<typeof orgRepository.listDeadlineRules>;
}

/** Routings of cases to teams and regions. */
export interface RoutingPort {
  recordRouting: Bound<typeof routingRepository.recordRouting>;
}

/** Stage history. */
export interface StagePort {
  enterStage: Bound<typeof stageRepository.enterStage>;
  leaveStage: Bound<typeof stageRepository.leaveStage>;
}

/** Work pair assignments. */
export interface PairPort {
  assignPair: Bound<typeof pairRepository.assignPair>;
  pairHistory: Bound<typeof pairRepository.pairHistory>;
  findPreviousPair: Bound<typeof pairRepository.findPreviousPair>;
}

/** Responsible social workers (SHL 42 §) beside the work pairs. */
export interface ResponsibleSocialWorkerPort {
  assignResponsibleSocialWorker: Bound<typeof responsibleSocialWorkerRepository.assignResponsibleSocialWorker>;
  responsibleSocialWorkerHistory: Bound<typeof responsibleSocialWorkerRepository.responsibleSocialWorkerHistory>;
}

/** Deadlines running on cases. */
export interface DeadlinePort {
  listDeadlines: Bound<typeof deadlineRepository.listDeadlines>;
  recordDeadlines: Bound<typeof deadlineRepository.recordDeadlines>;
  markDeadlineBreached: Bound<typeof deadlineRepository.markDeadlineBreached>;
  markDeadlinesMet: Bound<typeof deadlineRepository.markDeadlinesMet>;
}

/** Screenings, with the consent they record. */
export interface ScreeningPort {
  recordScreening: Bound<typeof screeningRepository.recordScreening>;
}

/** Team and working-group meeting bookings. */
export interface MeetingPort {
  bookMeeting: Bound<typeof meetingRepository.bookMeeting>;
  lastBookingAt: Bound<typeof meetingRepository.lastBookingAt>;
}

/** Messages to the case's own pathway, for the message throws a worker implements. */
export interface MessagePort {
  /** Correlates the message to the instance waiting for it; false when none waits (the message is not kept). */
  correlateMessage(message: { name: string; correlationKey: string; variables: Record<string, unknown> }): Promise<boolean>;
}

/** A case's open user tasks in the engine, for a worker that moves them (a move within Varha). */
export interface UserTaskPort {
  /** The open user tasks of the process instance and of the instances its call activities started. */
  openUserTasks(processInstanceKey: string): Promise<Array<{ userTaskKey: string } & Candidates>>;
  updateCandidates(userTaskKey: string, candidates: Candidates): Promise<void>;
}

/** Everything any worker may use; each worker's `Deps` picks its part. */
export interface WorkerDeps {
  clock: Clock;
  cases: CasePort;
  org: OrgPort;
  routing: RoutingPort;
  stages: StagePort;
  pairs: PairPort;
  responsibleSocialWorkers: ResponsibleSocialWorkerPort;
  deadlines: DeadlinePort;
  meetings: MeetingPort;
  screenings: ScreeningPort;
  messages: MessagePort;
  userTasks: UserTaskPort;
}
