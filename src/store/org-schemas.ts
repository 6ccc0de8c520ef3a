import { z } from 'zod';
import { CASE_ATTRIBUTE_CODES } from '../domain/case-attributes.js';
import { DEADLINE_EVENT_CODES, DEADLINE_KIND_CODES, DURATION_UNIT_CODES, STAGE_EVENT_CODES } from '../domain/deadline-rule.js';
import { isLocalTime } from '../domain/finnish-time.js';
import { isLocalDate, isoWeekday } from '../domain/local-date.js';
import { MEETING_WEEKDAY_CODES } from '../domain/meetings.js';
import { REGISTER_CODES } from '../domain/registers.js';
import { ROLE_CODES } from '../domain/roles.js';
import { STAGE_CODES } from '../domain/stages.js';

/**
 * Zod schemas of the organisation data: the seed files, and the JSON columns read back from the
 * database, so both paths check the same shapes. Admin edits go through these too.
 */

const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case id such as "turun-seutu"');
const Name = z.string().trim().min(1);
const LocalDateField = z.string().refine(isLocalDate, 'expected a YYYY-MM-DD calendar date');
const Time = z.string().refine(isLocalTime, 'expected a time HH:MM');

const EveryNWeeks = z.object({
  kind: z.literal('EVERY_N_WEEKS'),
  weekday: z.enum(MEETING_WEEKDAY_CODES),
  time: Time,
  intervalWeeks: z.int().min(1).max(8),
  anchorDate: LocalDateField,
});

const NthWeekdayOfMonth = z.object({
  kind: z.literal('NTH_WEEKDAY_OF_MONTH'),
  weekday: z.enum(MEETING_WEEKDAY_CODES),
  time: Time,
  ordinals: z.array(z.literal([1, 2, 3, 4, 5, -1])).min(1),
});

/** One meeting rule; an EVERY_N_WEEKS anchor must fall on the rule's weekday. */
export const MeetingRuleSchema = z.discriminatedUnion('kind', [EveryNWeeks, NthWeekdayOfMonth]).superRefine((rule, ctx) => {
  if (rule.kind === 'EVERY_N_WEEKS' && isLocalDate(rule.anchorDate)) {
    if (isoWeekday(rule.anchorDate) !== MEETING_WEEKDAY_CODES.indexOf(rule.weekday) + 1) {
      ctx.addIssue({ code: 'custom', path: ['anchorDate'], message: `anchorDate ${rule.anchorDate} is not a ${rule.weekday}` });
    }
  }
});

/** A meeting calendar: at least one rule. */
export const MeetingCalendarSchema = z.array(MeetingRuleSchema).min(1);

/** seed/regions.json item. */
export const RegionSchema = z.object({ id: Id, name: Name, groupName: Name, meetingCalendar: MeetingCalendarSchema });

/** seed/teams.json item. */
export const TeamSchema = z.object({
  id: Id,
  name: Name,
  regionId: Id,
  consultantId: z.string().min(1).nullable(),
  meetingCalendar: MeetingCalendarSchema,
});

/** seed/municipalities.json item. */
export const MunicipalitySchema = z.object({
  code: z.string().regex(/^\d{3}$/, 'expected a three-digit Statistics Finland code such as "853"'),
  name: Name,
  swedishName: Name.nullable(),
  bilingual: z.boolean().default(false),
  regionId: Id,
  teamId: Id,
  alsoServedByTeamIds: z.array(Id).default([]),
});

/** seed/professionals.json item. */
export const ProfessionalSchema = z.object({
  id: z.string().regex(/^p-[a-z0-9-]+$/, 'expected an id such as "p-turku-keskusta-sh1"'),
  displayName: Name,
  role: z.enum(ROLE_CODES),
  teamId: Id,
  capacity: z.int().min(0).max(100),
  active: z.boolean(),
  absentUntil: LocalDateField.nullable(),
});

/** Whom a deadline rule concerns. */
const DeadlineConditionSchema = z.union([z.literal('all'), z.object({ anyOf: z.array(z.enum(CASE_ATTRIBUTE_CODES)).min(1) })]);

/** seed/deadline-rules.json item. */
export const DeadlineRuleSchema = z
  .object({
    id: Id,
    name: Name,
    event: z.enum(DEADLINE_EVENT_CODES),
    countsFrom: z.literal('CASE_OPENED').optional(),
    amount: z.int().min(0),
    unit: z.enum(DURATION_UNIT_CODES),
    rollToWeekday: z.boolean(),
    appliesTo: DeadlineConditionSchema,
    kind: z.enum(DEADLINE_KIND_CODES),
    register: z.enum(REGISTER_CODES),
    source: z.object({ law: Name, section: Name, url: z.url() }),
    note: Name.optional(),
    metWhen: z.object({ stage: z.enum(STAGE_CODES), event: z.enum(STAGE_EVENT_CODES) }).optional(),
  })
  .superRefine((rule, ctx) => {
    const instant = rule.unit === 'IMMEDIATE' || rule.unit === 'SAME_DAY';
    if (instant !== (rule.amount === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `amount must be 0 exactly when unit is IMMEDIATE or SAME_DAY (unit ${rule.unit})`,
      });
    }
  });
