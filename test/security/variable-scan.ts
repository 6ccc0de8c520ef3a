import { expect } from 'chai';
import type { CamundaClient } from '../support/service.js';

/**
 * A henkilötunnus anywhere in a text: six digits, a century sign, three digits and a check
 * character, standing alone — without the boundaries, the hex groups of a caseId (a UUID) match now
 * and then and the scan fails at random.
 */
export const HENKILOTUNNUS_PATTERN = /(?<![0-9a-z])\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y](?![0-9a-z])/i;

/** Variable names that would carry who the client is. */
export const IDENTITY_NAME_PATTERN =
  /(^|[^a-z])(name|nimi|etunimi|sukunimi|hetu|henkilotunnus|ssn|socialsecurity)([^a-z]|$)|^(fullName|firstName|lastName|clientName)$/i;

/** The largest page /v2 searches serve. */
const MAX_PAGE = 10_000;

/** One variable the scan found carrying identity. */
export interface IdentityLeak {
  processInstanceKey: string;
  name: string;
  why: string;
}

/**
 * Reads every variable of every process instance through /v2/variables/search (full values) and
 * reports each one whose value holds a henkilötunnus or one of the clients' names,
 * or whose name says it holds identity. Answers the leaks and how many variables were read.
 */
export async function scanVariables(
  client: CamundaClient,
  clientNames: readonly string[],
): Promise<{ scanned: number; leaks: IdentityLeak[] }> {
  const leaks: IdentityLeak[] = [];
  const names = clientNames.map((n) => n.toLowerCase());
  let scanned = 0;
  // One page of the most the API allows: the official client's strict request validation reads `page` as
  // its first union member (limit only) and drops `from` and `after`, so any second page would be the first again.
  const page = await client.searchVariables({ page: { limit: MAX_PAGE }, truncateValues: false }, { consistency: { waitUpToMs: 0 } });
  expect(page.page.totalItems, 'variables to scan, all in one page').to.be.at.most(MAX_PAGE);
  for (const variable of page.items) {
    scanned++;
    const where = { processInstanceKey: String(variable.processInstanceKey), name: variable.name };
    const value = variable.value.toLowerCase();
    if (HENKILOTUNNUS_PATTERN.test(variable.value)) leaks.push({ ...where, why: 'a henkilötunnus in the value' });
    if (names.some((n) => value.includes(n))) leaks.push({ ...where, why: 'a client’s name in the value' });
    if (IDENTITY_NAME_PATTERN.test(variable.name)) leaks.push({ ...where, why: 'an identity field by its name' });
  }
  return { scanned, leaks };
}

/** Asserts that the scan read variables and found no identity in any of them. */
export async function expectNoIdentityInVariables(client: CamundaClient, clientNames: readonly string[]): Promise<number> {
  const { scanned, leaks } = await scanVariables(client, clientNames);
  expect(scanned, 'variables read').to.be.greaterThan(0);
  expect(leaks).to.deep.equal([]);
  return scanned;
}
