import type { Knex } from 'knex';
import { closeCase, getCase, openCase } from '../store/case-repository.js';
import { listDeadlines, markDeadlineBreached, markDeadlinesMet, recordDeadlines } from '../store/deadline-repository.js';
import { bookMeeting, lastBookingAt } from '../store/meeting-repository.js';
import { getRegion, getTeam, listDeadlineRules, listProfessionals, loadRoutingData, pairingCandidates } from '../store/org-repository.js';
import { assignPair, findPreviousPair, pairHistory } from '../store/pair-repository.js';
import { assignResponsibleSocialWorker, responsibleSocialWorkerHistory } from '../store/responsible-social-worker-repository.js';
import { recordRouting } from '../store/routing-repository.js';
import { recordScreening } from '../store/screening-repository.js';
import { enterStage, leaveStage } from '../store/stage-repository.js';
import { noEngineMessages } from './engine-messages.js';
import { noEngineUserTasks } from './engine-user-tasks.js';
import type { Clock, MessagePort, UserTaskPort, WorkerDeps } from './ports.js';

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** The real dependencies of the workers: the read-model repositories on one knex pool, and the engine's messages and user tasks. */
export function createWorkerDeps(
  knex: Knex,
  clock: Clock = systemClock,
  messages: MessagePort = noEngineMessages,
  userTasks: UserTaskPort = noEngineUserTasks,
): WorkerDeps {
  const bind =
    <A extends unknown[], R>(repositoryFunction: (db: Knex, ...args: A) => R) =>
    (...args: A): R =>
      repositoryFunction(knex, ...args);
  return {
    clock,
    cases: { getCase: bind(getCase), openCase: bind(openCase), closeCase: bind(closeCase) },
    org: {
      loadRoutingData: bind(loadRoutingData),
      getTeam: bind(getTeam),
      getRegion: bind(getRegion),
      listProfessionals: bind(listProfessionals),
      pairingCandidates: bind(pairingCandidates),
      listDeadlineRules: bind(listDeadlineRules),
    },
    routing: { recordRouting: bind(recordRouting) },
    stages: { enterStage: bind(enterStage), leaveStage: bind(leaveStage) },
    pairs: { assignPair: bind(assignPair), pairHistory: bind(pairHistory), findPreviousPair: bind(findPreviousPair) },
    responsibleSocialWorkers: {
      assignResponsibleSocialWorker: bind(assignResponsibleSocialWorker),
      responsibleSocialWorkerHistory: bind(responsibleSocialWorkerHistory),
    },
    deadlines: {
      listDeadlines: bind(listDeadlines),
      recordDeadlines: bind(recordDeadlines),
      markDeadlineBreached: bind(markDeadlineBreached),
      markDeadlinesMet: bind(markDeadlinesMet),
    },
    meetings: { bookMeeting: bind(bookMeeting), lastBookingAt: bind(lastBookingAt) },
    screenings: { recordScreening: bind(recordScreening) },
    messages,
    userTasks,
  };
}
