/** An open user task's candidates, as the engine holds them. */
export interface Candidates {
  candidateGroups: string[];
  candidateUsers: string[];
}

/** Where a case's work went before a move within Varha, and where it goes now. */
export interface CaseMove {
  fromTeamId: string;
  toTeamId: string;
  fromRegionId: string | null;
  toRegionId: string | null;
  /** The old pair's members (and the team's consultant) by their successors; null where there was none or is none. */
  users: ReadonlyArray<readonly [from: string | null, to: string | null]>;
}

/** The team's groups of src/auth/candidate-groups.ts, by what follows `tiimi-<teamId>`. */
const TEAM_GROUP_SUFFIXES = ['', '-vetaja', '-vetaja-terveys', '-vetaja-sosiaali', '-sosiaalityontekijat'];
const REGION_GROUP_PREFIXES = ['tyoryhma-', 'viranhaltija-'];

/**
 * An open task's candidates after the move: the old team's groups become the new team's, the old
 * region's working group and officials the new region's, the old pair's members (and consultant)
 * their successors; null when nothing changes, so a task already moved is left alone.
 */
export function movedCandidates(task: Candidates, move: CaseMove): Candidates | null {
  const group = (g: string): string => {
    for (const suffix of TEAM_GROUP_SUFFIXES) if (g === `tiimi-${move.fromTeamId}${suffix}`) return `tiimi-${move.toTeamId}${suffix}`;
    for (const prefix of REGION_GROUP_PREFIXES)
      if (move.fromRegionId !== null && move.toRegionId !== null && g === `${prefix}${move.fromRegionId}`)
        return `${prefix}${move.toRegionId}`;
    return g;
  };
  const successors = new Map(move.users.filter(([from]) => from !== null).map(([from, to]) => [from!, to]));
  const user = (u: string): string | null => (successors.has(u) ? successors.get(u)! : u);
  const candidateGroups = [...new Set(task.candidateGroups.map(group))];
  const candidateUsers = [...new Set(task.candidateUsers.map(user).filter((u) => u !== null))];
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  return same(candidateGroups, task.candidateGroups) && same(candidateUsers, task.candidateUsers)
    ? null
    : { candidateGroups, candidateUsers };
}
