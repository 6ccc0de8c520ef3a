import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const readme = readFileSync('README.md', 'utf8');

function layoutTable(): string[][] {
  const section = readme.split('\n## Where things live\n')[1]?.split('\n## ')[0];
  if (!section) throw new Error('README.md has no "## Where things live" section');
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| To change'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

/**
 * `src/store/{admin,dashboard}/` names two folders, `workers/<job-type>.ts` a folder that must exist, and a
 * bare `runtime.ts` a file in the folder named before it in the same cell.
 */
function pathsNamedIn(cell: string): string[] {
  let folder = '';
  return [...cell.matchAll(/`([^`]+)`/g)]
    .map((match) => match[1]!)
    .filter((text) => text.includes('/') || /\.(ts|md)$/.test(text))
    .flatMap((text) => {
      const braces = /\{([^}]+)\}/.exec(text);
      return braces ? braces[1]!.split(',').map((part) => text.replace(braces[0], part)) : [text];
    })
    .map((text) => (text.includes('<') ? text.slice(0, text.indexOf('<')) : text))
    .map((text) => {
      if (!text.includes('/')) return folder + text;
      folder = text.endsWith('/') ? text : text.slice(0, text.lastIndexOf('/') + 1);
      return text;
    });
}

describe('the README layout table', () => {
  it('names only files and folders that exist', () => {
    const rows = layoutTable();
    expect(rows.length).to.be.greaterThan(10);
    const missing = rows.flatMap(([, where]) => pathsNamedIn(where!)).filter((path) => !existsSync(path));
    expect(missing, 'paths in "Where things live" that are not in the repository').to.deep.equal([]);
  });

  it('leads to every folder of src/, so any behaviour is one hop away', () => {
    const named = layoutTable().flatMap(([, where]) => pathsNamedIn(where!));
    const folders = readdirSync('src', { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'types')
      .map((entry) => `src/${entry.name}/`);
    const unnamed = folders.filter((folder) => !named.some((path) => path.startsWith(folder)));
    expect(unnamed, 'folders of src/ the layout table does not name').to.deep.equal([]);
  });
});
