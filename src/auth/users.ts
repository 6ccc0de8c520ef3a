import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { APP_ROLES, isRegionRole, isTeamRole } from './app-roles.js';

/** seed/users.json beside the organisation seed. */
export const SEED_USERS_FILE = fileURLToPath(new URL('../../seed/users.json', import.meta.url));

const Id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, { error: 'lower-case letters, digits, dots and hyphens' });

export const UserSchema = z
  .strictObject({
    id: Id,
    username: Id,
    displayName: z.string().trim().min(1).max(200),
    role: z.enum(APP_ROLES),
    teamId: z.string().min(1).optional(),
    regionId: z.string().min(1).optional(),
    /** The caseworker's id in professionals.json: the diagrams name candidate users by it. */
    professionalId: z
      .string()
      .regex(/^p-[a-z0-9-]+$/)
      .optional(),
    passwordHash: z.string().startsWith('scrypt$'),
  })
  .superRefine((user, ctx) => {
    if (isTeamRole(user.role) && !user.teamId)
      ctx.addIssue({ code: 'custom', path: ['teamId'], message: `required for role ${user.role}` });
    if (isTeamRole(user.role) && !user.professionalId)
      ctx.addIssue({ code: 'custom', path: ['professionalId'], message: `required for role ${user.role}` });
    if (isRegionRole(user.role) && !user.regionId)
      ctx.addIssue({ code: 'custom', path: ['regionId'], message: `required for role ${user.role}` });
  });

export type User = z.infer<typeof UserSchema>;

/** The users who can sign in, found by id or by username. */
export interface UserDirectory {
  byId(id: string): User | undefined;
  byUsername(username: string): User | undefined;
  byProfessionalId(professionalId: string): User | undefined;
  all(): readonly User[];
}

export function userDirectory(users: readonly User[]): UserDirectory {
  const ids = new Map(users.map((u) => [u.id, u]));
  const usernames = new Map(users.map((u) => [u.username, u]));
  const professionals = new Map(users.filter((u) => u.professionalId).map((u) => [u.professionalId, u]));
  return {
    byId: (id) => ids.get(id),
    byUsername: (username) => usernames.get(username.trim().toLowerCase()),
    byProfessionalId: (professionalId) => professionals.get(professionalId),
    all: () => users,
  };
}

/** Reads and checks a users file; an error names the file, the user and the field. */
export function loadUsers(file: string = SEED_USERS_FILE): UserDirectory {
  const parsed = z.array(UserSchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: user ${String(issue.path[0])}, field ${issue.path.slice(1).join('.') || '(whole)'}: ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const user of parsed.data) {
    for (const key of [`id ${user.id}`, `username ${user.username}`]) {
      if (seen.has(key)) throw new Error(`${file}: ${key} appears twice`);
      seen.add(key);
    }
  }
  return userDirectory(parsed.data);
}
