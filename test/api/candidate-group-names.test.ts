import { expect } from 'chai';
import { candidateGroupName } from '../../src/api/cases/candidate-group-names.js';

describe('candidate groups by name on the case page', () => {
  const organisation = {
    team: { id: 'turku-keskusta', name: 'Turku keskusta' },
    region: { id: 'turun-seutu', name: 'Turun seutu', groupName: 'Turun seudun päihdekuntoutustyöryhmä' },
  };

  it('names the case’s team, its lead, the working group and the officials instead of their ids', () => {
    expect(
      ['tiimi-turku-keskusta', 'tiimi-turku-keskusta-vetaja', 'tyoryhma-turun-seutu', 'viranhaltija-turun-seutu'].map((group) =>
        candidateGroupName(group, organisation),
      ),
    ).to.deep.equal([
      'Turku keskusta',
      'Turku keskusta, tiimin esihenkilö',
      'Turun seudun päihdekuntoutustyöryhmä',
      'Viranhaltijat, Turun seutu',
    ]);
  });

  it('keeps the id of a group of another team', () => {
    expect(candidateGroupName('tiimi-salo-somero', organisation)).to.equal('tiimi-salo-somero');
  });
});
