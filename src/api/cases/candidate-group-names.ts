/** The case's team and region, by which its tasks' candidate groups are named (src/auth/candidate-groups.ts). */
interface CaseOrganisation {
  team: { id: string; name: string } | null;
  region: { id: string; name: string; groupName: string } | null;
}

/**
 * A candidate group as a person reads it: `tiimi-<team>` the team's name, `tiimi-<team>-vetaja` its
 * lead, `tyoryhma-<region>` the regional working group, `viranhaltija-<region>` the region's
 * deciding officials. A group of another team or region than the case's keeps its id.
 */
export function candidateGroupName(group: string, organisation: CaseOrganisation): string {
  const { team, region } = organisation;
  if (team && group === `tiimi-${team.id}`) return team.name;
  if (team && group === `tiimi-${team.id}-vetaja`) return `${team.name}, tiimin esihenkilö`;
  if (region && group === `tyoryhma-${region.id}`) return region.groupName;
  if (region && group === `viranhaltija-${region.id}`) return `Viranhaltijat, ${region.name}`;
  return group;
}
