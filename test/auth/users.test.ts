import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ROLES, isTeamRole } from '../../src/auth/app-roles.js';
import { candidateGroupsFor } from '../../src/auth/candidate-groups.js';
import { verifyPassword } from '../../src/auth/passwords.js';
import { principalOf } from '../../src/auth/principal-of.js';
import { loadUsers } from '../../src/auth/users.js';
import { DEMO_PASSWORD } from '../../kit/http-session.js';

interface Professional {
  id: string;
  role: string;
  teamId: string;
}
const professionals = JSON.parse(readFileSync('seed/professionals.json', 'utf8')) as Professional[];
const teams = JSON.parse(readFileSync('seed/teams.json', 'utf8')) as { id: string; regionId: string }[];
const regionIds = new Set(teams.map((t) => t.regionId));

describe('auth: seed/users.json', () => {
  const users = loadUsers();

  it('has a user for every caseworker, with the professional’s role and team', () => {
    // Consultants and the team's other members (lääkäri, kokemusasiantuntija, …) take no tasks of the app: no app role.
    const caseworkers = professionals.filter((p) => (APP_ROLES as readonly string[]).includes(p.role));
    for (const professional of caseworkers) {
      const user = users.all().find((u) => u.professionalId === professional.id);
      expect(user, professional.id).to.not.equal(undefined);
      expect(user?.role).to.equal(professional.role);
      expect(user?.teamId).to.equal(professional.teamId);
    }
  });

  it('covers every role, and ties each region role to a region that exists', () => {
    expect(new Set(users.all().map((u) => u.role))).to.deep.equal(new Set(APP_ROLES));
    for (const user of users.all().filter((u) => !isTeamRole(u.role) && u.role !== 'ADMIN')) {
      expect(regionIds.has(user.regionId ?? ''), user.id).to.equal(true);
    }
  });

  it('holds hashes of the documented demo password, not the password', async () => {
    const user = users.byUsername('aino.virtanen');
    expect(user?.passwordHash).to.match(/^scrypt\$/);
    expect(await verifyPassword(DEMO_PASSWORD, user?.passwordHash ?? '')).to.equal(true);
    expect(readFileSync('seed/users.json', 'utf8')).not.to.include(DEMO_PASSWORD);
  });

  it('finds users by username whatever the case and surrounding spaces', () => {
    expect(users.byUsername('  Aino.Virtanen ')?.id).to.equal('u-turku-keskusta-sh1');
  });

  it('refuses a file with a caseworker without a team, naming the user and the field', () => {
    const file = join('.tmp', `users-${process.pid}.json`);
    writeFileSync(
      file,
      JSON.stringify([{ id: 'u-x', username: 'x', displayName: 'X', role: 'NURSE', professionalId: 'p-x', passwordHash: 'scrypt$1' }]),
    );
    expect(() => loadUsers(file)).to.throw(/user 0, field teamId: required for role NURSE/);
  });
});

describe('auth: candidate groups', () => {
  it('gives each role the diagrams’ group names for its team or region', () => {
    expect(candidateGroupsFor('NURSE', { teamId: 'salo' })).to.deep.equal(['tiimi-salo']);
    expect(candidateGroupsFor('SOCIAL_COUNSELLOR', { teamId: 'salo' })).to.deep.equal(['tiimi-salo']);
    expect(candidateGroupsFor('SOCIAL_WORKER', { teamId: 'salo' })).to.deep.equal(['tiimi-salo', 'tiimi-salo-sosiaalityontekijat']);
    expect(candidateGroupsFor('TEAM_LEAD', { teamId: 'salo' })).to.deep.equal([
      'tiimi-salo',
      'tiimi-salo-vetaja',
      'tiimi-salo-vetaja-terveys',
      'tiimi-salo-vetaja-sosiaali',
    ]);
    expect(candidateGroupsFor('GROUP_MEMBER', { regionId: 'salon-seutu' })).to.deep.equal(['tyoryhma-salon-seutu']);
    expect(candidateGroupsFor('OFFICIAL', { regionId: 'salon-seutu' })).to.deep.equal(['viranhaltija-salon-seutu']);
    expect(candidateGroupsFor('MANAGER', { regionId: 'salon-seutu' })).to.deep.equal(['alueen-koordinaattori']);
    expect(candidateGroupsFor('ADMIN', {})).to.deep.equal([]);
  });

  it('puts them in the principal made from a user', () => {
    const lead = loadUsers()
      .all()
      .find((u) => u.role === 'TEAM_LEAD' && u.teamId === 'turku-keskusta');
    expect(lead).to.not.equal(undefined);
    const principal = principalOf(lead!);
    expect(principal).to.include({ userId: lead!.id, role: 'TEAM_LEAD', teamId: 'turku-keskusta', professionalId: lead!.professionalId });
    expect(principal.candidateGroups).to.deep.equal([
      'tiimi-turku-keskusta',
      'tiimi-turku-keskusta-vetaja',
      'tiimi-turku-keskusta-vetaja-terveys',
      'tiimi-turku-keskusta-vetaja-sosiaali',
    ]);
    expect(principal).to.not.have.property('passwordHash');
  });
});
