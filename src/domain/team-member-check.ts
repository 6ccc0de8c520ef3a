import type { Professional } from './organisation.js';
import { ROLE_LABELS, type RoleCode } from './roles.js';

/**
 * What is wrong with naming the professional `id` to a role on a case of team `teamId`, or null:
 * someone named by hand must exist, be active, belong to the case's team and have one of the
 * roles the law and the model allow. `field` names the variable in the message.
 */
export function memberProblem(
  field: string,
  person: Professional | undefined,
  id: string,
  teamId: string,
  roles: readonly RoleCode[],
): string | null {
  if (!person) return `${field}: no professional '${id}'`;
  if (!person.active) return `${field}: '${id}' is not active`;
  if (person.teamId !== teamId) return `${field}: '${id}' belongs to team '${person.teamId}', not to the case's team '${teamId}'`;
  if (!roles.includes(person.role)) {
    const expected = roles.map((r) => ROLE_LABELS[r]).join(' or ');
    return `${field}: '${id}' is ${ROLE_LABELS[person.role]}; expected ${expected}`;
  }
  return null;
}
