import { resolveProgram } from '../../engine/cache/tool-identity.js';
import type { Installer, ToolSpec } from './init-tools.js';

/** Virtualenv folders a Python project keeps its tools in, the usual one first. */
const VIRTUALENVS = ['.venv', 'venv'];

/** Where a project installs tools of a kind, as repository-relative folders, searched before PATH. */
function listProjectFolders(kind: Installer['kind']): string[] {
  if (kind === 'npm') return ['node_modules/.bin'];
  if (kind === 'pip') return VIRTUALENVS.map((folder) => `${folder}/bin`);
  return [];
}

/**
 * The program as a hook should name it, run from the repository root: `node_modules/.bin/eslint`
 * or `.venv/bin/ruff` when the project has its own, else the bare name when it is on PATH; null
 * when it is nowhere.
 */
export async function locateProgram(tool: ToolSpec, root: string): Promise<string | null> {
  for (const folder of listProjectFolders(tool.installer.kind)) {
    const local = `${folder}/${tool.program}`;
    if ((await resolveProgram(local, root, undefined)) !== null) return local;
  }
  return (await resolveProgram(tool.program, root, process.env.PATH)) === null ? null : tool.program;
}

/** The command that installs a missing tool: into the project's virtualenv when it has one. */
export async function describeInstall(installer: Installer, root: string): Promise<string> {
  switch (installer.kind) {
    case 'npm':
      return `npm install -D ${installer.name}`;
    case 'pip': {
      for (const folder of VIRTUALENVS) {
        const pip = `${folder}/bin/pip`;
        if ((await resolveProgram(pip, root, undefined)) !== null) return `${pip} install ${installer.name}`;
      }
      return `pip install ${installer.name}`;
    }
    case 'apt':
      return `apt-get install ${installer.name}`;
    case 'other':
      return installer.name;
  }
}
