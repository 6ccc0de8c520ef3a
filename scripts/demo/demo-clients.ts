import { isValidHenkilotunnus } from '../../src/domain/henkilotunnus.js';

const FIRST_NAMES = ['Matti', 'Liisa', 'Jukka', 'Sanna', 'Pekka', 'Tiina', 'Janne', 'Päivi', 'Kari', 'Riitta', 'Antti', 'Minna'];
const LAST_NAMES = ['Korhonen', 'Mäkinen', 'Nieminen', 'Hämäläinen', 'Koskinen', 'Järvinen', 'Lehtinen', 'Salonen', 'Turunen', 'Heikkilä'];
const CHECK_CANDIDATES = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/**
 * A fictional client: a made-up name and a henkilötunnus with an individual number from 900–999,
 * the range kept for temporary and test identifiers, so no real person's code is used.
 */
export function demoClient(index: number): { name: string; henkilotunnus: string } {
  const name = `${FIRST_NAMES[index % FIRST_NAMES.length]} ${LAST_NAMES[(index * 7) % LAST_NAMES.length]}`;
  const day = String((index % 28) + 1).padStart(2, '0');
  const month = String((index % 12) + 1).padStart(2, '0');
  const year = String(60 + (index % 40)).padStart(2, '0');
  const stem = `${day}${month}${year}-${900 + (index % 100)}`;
  const henkilotunnus = [...CHECK_CANDIDATES].map((check) => stem + check).find(isValidHenkilotunnus);
  if (!henkilotunnus) throw new Error(`no check character makes ${stem} valid`);
  return { name, henkilotunnus };
}
