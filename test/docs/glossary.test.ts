import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { APP_ROLES } from '../../src/auth/app-roles.js';
import { CASE_ATTRIBUTE_CODES } from '../../src/domain/case-attributes.js';
import { DEADLINE_EVENT_CODES, DEADLINE_KIND_CODES, DURATION_UNIT_CODES } from '../../src/domain/deadline-rule.js';
import { OUTCOME_CODES } from '../../src/domain/outcomes.js';
import { PAIR_CRITERIA_OVERRIDE_REASONS } from '../../src/domain/pair-criteria.js';
import { CONSENT_SCOPE_CODES, REGISTER_CODES } from '../../src/domain/registers.js';
import { ROLE_CODES } from '../../src/domain/roles.js';
import { STAGE_CODES } from '../../src/domain/stages.js';
import { ACCESS_BASIS_CODES } from '../../src/store/audit-repository.js';

const GLOSSARY = 'docs/glossary.md';
const INCONSISTENCIES = 'Ristiriidat';
const FORMS = 'process-application/forms';
const DIAGRAMS = 'process-application/bpmn';

interface Row {
  group: string;
  term: string;
  code: string;
}

/** One identifier of a row's "in the code" cell and the file the cell says holds it. */
interface Naming {
  term: string;
  identifier: string;
  file: string;
}

/** The rows of every table before the inconsistencies, with the group (the `## ` heading) each is under. */
function glossaryRows(): Row[] {
  const rows: Row[] = [];
  let group = '';
  for (const line of readFileSync(GLOSSARY, 'utf8').split('\n')) {
    if (line.startsWith('## ')) group = line.slice(3).trim();
    if (group.startsWith(INCONSISTENCIES)) break;
    if (!line.startsWith('| ') || line.startsWith('| suomeksi') || line.startsWith('| ---')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells.length !== 4) throw new Error(`${GLOSSARY}: a row of "${group}" has ${cells.length} cells, not 4: ${line}`);
    rows.push({ group, term: cells[0]!, code: cells[1]! });
  }
  return rows;
}

const isPath = (text: string): boolean => /^[\w.-]+(\/[\w.-]+)+\.(ts|bpmn|form|json|md)$/.test(text);

/** `` `A` `B` in `file` ``: each identifier belongs to the next path after it; one left without a path is an error. */
function namingsOf(row: Row): Naming[] {
  const namings: Naming[] = [];
  let pending: string[] = [];
  for (const [, text] of row.code.matchAll(/`([^`]+)`/g)) {
    if (!isPath(text!)) {
      pending.push(text!);
      continue;
    }
    namings.push(...pending.map((identifier) => ({ term: row.term, identifier, file: text! })));
    pending = [];
  }
  if (pending.length > 0) throw new Error(`${GLOSSARY}: "${row.term}" names ${pending.join(', ')} without the file that holds it`);
  return namings;
}

/** The identifier as a whole word; `<name>` stands for any short text on the same line (`tiimi-${teamId}`, `"tiimi-" + teamId`). */
function patternOf(identifier: string): RegExp {
  const body = identifier
    .split(/<[^>]+>/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.{1,40}?');
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${body}(?![\\p{L}\\p{N}_-])`, 'u');
}

/** The values of the form field with this key, e.g. the stages of change of `stageOfChange`. */
function formValues(formId: string, key: string): string[] {
  const found: string[] = [];
  const visit = (components: unknown): void => {
    for (const component of (components ?? []) as { key?: string; values?: { value: string }[]; components?: unknown }[]) {
      if (component.key === key) found.push(...(component.values ?? []).map((v) => v.value));
      visit(component.components);
    }
  };
  visit((JSON.parse(readFileSync(`${FORMS}/${formId}.form`, 'utf8')) as { components: unknown }).components);
  return found;
}

/** What the diagrams define: process ids, message names, error codes. */
function diagramNames(): string[] {
  return readdirSync(DIAGRAMS)
    .filter((file) => file.endsWith('.bpmn'))
    .flatMap((file) => {
      const xml = readFileSync(`${DIAGRAMS}/${file}`, 'utf8');
      return [
        ...[...xml.matchAll(/<bpmn:process id="([^"]+)"/g)],
        ...[...xml.matchAll(/<bpmn:message id="[^"]+" name="([^"]+)"/g)],
        ...[...xml.matchAll(/<bpmn:error [^>]*errorCode="([^"]+)"/g)],
      ].map((match) => match[1]!);
    });
}

const seedIds = (file: string): string[] => (JSON.parse(readFileSync(`seed/${file}`, 'utf8')) as { id: string }[]).map((item) => item.id);

describe('the glossary (docs/glossary.md)', () => {
  const rows = glossaryRows();

  it('has a table for each group of terms', () => {
    const groups = [...new Set(rows.map((row) => row.group))];
    expect(groups).to.deep.equal([
      'Ihmiset ja roolit / People and roles',
      'Polun vaiheet / Pathway stages',
      'Lomakkeet ja tehtävät / Forms and tasks',
      'Laki ja rekisterit / Law and registers',
      'Palvelut / Services',
      'Organisaatio / Organisation',
    ]);
  });

  it('names only identifiers that are in the files its rows name', () => {
    const namings = rows.flatMap(namingsOf);
    expect(namings.length).to.be.greaterThan(100);
    const missingFiles = [...new Set(namings.map((n) => n.file))].filter((file) => !existsSync(file));
    expect(missingFiles, 'files the glossary names that are not in the repository').to.deep.equal([]);
    const missing = namings
      .filter((n) => !patternOf(n.identifier).test(readFileSync(n.file, 'utf8')))
      .map((n) => `${n.term}: ${n.identifier} not in ${n.file}`);
    expect(missing, 'glossary identifiers not found where the glossary says they are').to.deep.equal([]);
  });

  it('says "—" where a term has no name in the code, never leaves it blank', () => {
    const blank = rows.filter((row) => row.code !== '—' && namingsOf(row).length === 0).map((row) => row.term);
    expect(blank, 'rows whose "in the code" cell names no identifier and is not "—"').to.deep.equal([]);
  });

  it("names every code of the domain's vocabularies, every form, process, message, error and seeded id", () => {
    const named = new Set(rows.flatMap(namingsOf).map((n) => n.identifier));
    const vocabulary = [
      ...STAGE_CODES,
      ...ROLE_CODES,
      ...APP_ROLES,
      ...OUTCOME_CODES,
      ...REGISTER_CODES,
      ...CONSENT_SCOPE_CODES,
      ...DEADLINE_EVENT_CODES,
      ...DEADLINE_KIND_CODES,
      ...DURATION_UNIT_CODES,
      ...CASE_ATTRIBUTE_CODES,
      ...PAIR_CRITERIA_OVERRIDE_REASONS,
      ...ACCESS_BASIS_CODES,
      ...formValues('asiakaskartoitus', 'stageOfChange'),
      ...formValues('asiakaskartoitus', 'clientSegment'),
      ...readdirSync(FORMS)
        .filter((file) => file.endsWith('.form'))
        .map((file) => file.slice(0, -'.form'.length)),
      ...diagramNames(),
      ...seedIds('teams.json'),
      ...seedIds('regions.json'),
      ...seedIds('deadline-rules.json'),
    ];
    const unnamed = [...new Set(vocabulary)].filter((code) => !named.has(code));
    expect(unnamed, 'codes the glossary does not pair with a Finnish term').to.deep.equal([]);
  });
});
