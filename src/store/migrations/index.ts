import type { Knex } from 'knex';
import * as createOrganisationTables from './20260301090000-create-organisation-tables.js';
import * as createCaseTables from './20260301090100-create-case-tables.js';
import * as seedOrganisation from './20260301090200-seed-organisation.js';
import * as createAuditLog from './20261127120000-create-audit-log.js';
import * as sealCaseIdentities from './20261127120100-seal-case-identities.js';
import * as createSessions from './20261127121000-create-sessions.js';
import * as createCaseReferrals from './20261127130000-create-case-referrals.js';
import * as createScreenings from './20261127130100-create-screenings.js';
import * as createLegalBases from './20261127140000-create-legal-bases.js';
import * as addCaseIntakeColumns from './20261127150000-add-case-intake-columns.js';
import * as addDeadlineRuleMetWhen from './20261127160000-add-deadline-rule-met-when.js';
import * as fillDeadlineRuleMetWhen from './20261127160100-fill-deadline-rule-met-when.js';
import * as addAuditLogEngineCall from './20261206110000-add-audit-log-engine-call.js';
import * as addSessionLastSeen from './20261206120000-add-session-last-seen.js';
import * as createSignInFailures from './20261206120100-create-sign-in-failures.js';
import * as addCasePathwayAttempts from './20261207040000-add-case-pathway-attempts.js';
import * as addScreeningPairCriteriaOverride from './20261207040100-add-screening-pair-criteria-override.js';
import * as addCaseAgeBands from './20261207050000-add-case-age-bands.js';
import * as extendDeadlineRuleEventsAndKinds from './20261207050100-extend-deadline-rule-events-and-kinds.js';
import * as reviseSeededDeadlineRules from './20261207050200-revise-seeded-deadline-rules.js';
import * as addDashboardIndexes from './20261207070000-add-dashboard-indexes.js';
import * as reviseDeadlineRulesMetWhen from './20261207080000-revise-deadline-rules-met-when.js';
import * as createDashboardSummaries from './20261207090000-create-dashboard-summaries.js';
import * as createResponsibleSocialWorkers from './20261208010000-create-responsible-social-workers.js';
import * as extendCaseOutcomes from './20261208010100-extend-case-outcomes.js';
import * as renameSeededOrganisationNames from './20261208020000-rename-seeded-organisation-names.js';
import * as extendProfessionalRoles from './20261208020100-extend-professional-roles.js';
import * as sizeGroupCalendarsToCaseload from './20261208020200-size-group-calendars-to-caseload.js';
import * as addMunicipalityBilingual from './20261208020300-add-municipality-bilingual.js';
import * as markBilingualMunicipalities from './20261208020400-mark-bilingual-municipalities.js';
import * as addCaseServiceLanguage from './20261208020500-add-case-service-language.js';
import * as createCompletedTasks from './20261208030000-create-completed-tasks.js';
import * as countResponsibleSocialWorkersInCaseloads from './20261209110000-count-responsible-social-workers-in-caseloads.js';

/** A migration with the name it is recorded under. */
export interface NamedMigration {
  name: string;
  migration: Knex.Migration;
}

/**
 * Every migration of the app's read model, oldest first. Listed here rather than found by
 * globbing a folder at run time, so the set is fixed at build time and works from any working
 * directory. Schema changes and data loads are separate migrations.
 */
export const APP_MIGRATIONS: readonly NamedMigration[] = [
  { name: '20260301090000-create-organisation-tables', migration: createOrganisationTables },
  { name: '20260301090100-create-case-tables', migration: createCaseTables },
  { name: '20260301090200-seed-organisation', migration: seedOrganisation },
  { name: '20261127120000-create-audit-log', migration: createAuditLog },
  { name: '20261127120100-seal-case-identities', migration: sealCaseIdentities },
  { name: '20261127121000-create-sessions', migration: createSessions },
  { name: '20261127130000-create-case-referrals', migration: createCaseReferrals },
  { name: '20261127130100-create-screenings', migration: createScreenings },
  { name: '20261127140000-create-legal-bases', migration: createLegalBases },
  { name: '20261127150000-add-case-intake-columns', migration: addCaseIntakeColumns },
  { name: '20261127160000-add-deadline-rule-met-when', migration: addDeadlineRuleMetWhen },
  { name: '20261127160100-fill-deadline-rule-met-when', migration: fillDeadlineRuleMetWhen },
  { name: '20261206110000-add-audit-log-engine-call', migration: addAuditLogEngineCall },
  { name: '20261206120000-add-session-last-seen', migration: addSessionLastSeen },
  { name: '20261206120100-create-sign-in-failures', migration: createSignInFailures },
  { name: '20261207040000-add-case-pathway-attempts', migration: addCasePathwayAttempts },
  { name: '20261207040100-add-screening-pair-criteria-override', migration: addScreeningPairCriteriaOverride },
  { name: '20261207050000-add-case-age-bands', migration: addCaseAgeBands },
  { name: '20261207050100-extend-deadline-rule-events-and-kinds', migration: extendDeadlineRuleEventsAndKinds },
  { name: '20261207050200-revise-seeded-deadline-rules', migration: reviseSeededDeadlineRules },
  { name: '20261207070000-add-dashboard-indexes', migration: addDashboardIndexes },
  { name: '20261207080000-revise-deadline-rules-met-when', migration: reviseDeadlineRulesMetWhen },
  { name: '20261207090000-create-dashboard-summaries', migration: createDashboardSummaries },
  { name: '20261208010000-create-responsible-social-workers', migration: createResponsibleSocialWorkers },
  { name: '20261208010100-extend-case-outcomes', migration: extendCaseOutcomes },
  { name: '20261208020000-rename-seeded-organisation-names', migration: renameSeededOrganisationNames },
  { name: '20261208020100-extend-professional-roles', migration: extendProfessionalRoles },
  { name: '20261208020200-size-group-calendars-to-caseload', migration: sizeGroupCalendarsToCaseload },
  { name: '20261208020300-add-municipality-bilingual', migration: addMunicipalityBilingual },
  { name: '20261208020400-mark-bilingual-municipalities', migration: markBilingualMunicipalities },
  { name: '20261208020500-add-case-service-language', migration: addCaseServiceLanguage },
  { name: '20261208030000-create-completed-tasks', migration: createCompletedTasks },
  { name: '20261209110000-count-responsible-social-workers-in-caseloads', migration: countResponsibleSocialWorkersInCaseloads },
];
