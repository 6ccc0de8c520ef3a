import type { z } from 'zod';
import type { WorkerDefinition } from '../src/jobs/definition.js';
import type { WorkerDeps } from '../src/jobs/ports.js';
import * as applyTeamRecommendation from './apply-team-recommendation.js';
import * as assignResponsibleSocialWorker from './assign-responsible-social-worker.js';
import * as closeCase from './close-case.js';
import * as deadlineNotice from './deadline-notice.js';
import * as findGroupMeeting from './find-group-meeting.js';
import * as findTeamMeeting from './find-team-meeting.js';
import * as formWorkPair from './form-work-pair.js';
import * as pathwayStage from './pathway-stage.js';
import * as pathwayStageEnter from './pathway-stage-enter.js';
import * as pathwayStageLeave from './pathway-stage-leave.js';
import * as recordDecision from './record-decision.js';
import * as recordScreening from './record-screening.js';
import * as recordServiceEvent from './record-service-event.js';
import * as rerouteOpenTasks from './reroute-open-tasks.js';
import * as routeCase from './route-case.js';

/** Every job worker of the pathway: one per job type of process-application/bpmn/, and one per retired job type. */
export const workers: ReadonlyArray<WorkerDefinition<z.ZodType, z.ZodType, WorkerDeps>> = [
  routeCase,
  recordScreening,
  formWorkPair,
  rerouteOpenTasks,
  assignResponsibleSocialWorker,
  pathwayStageEnter,
  pathwayStageLeave,
  pathwayStage,
  findTeamMeeting,
  applyTeamRecommendation,
  findGroupMeeting,
  recordDecision,
  recordServiceEvent,
  deadlineNotice,
  closeCase,
];

/** Job types no diagram of process-application/bpmn/ uses any more, still served for instances of the versions that did. */
export const retiredJobTypes: readonly string[] = [pathwayStage.jobType];
