import { resolveProgram } from '../../cache/tool-identity.js';

/** The programs that install and run pre-commit hooks' environments, the preferred first. */
export const PRE_COMMIT_TOOLS = ['prek', 'pre-commit'] as const;
export type PreCommitTool = (typeof PRE_COMMIT_TOOLS)[number];

/** What to tell a user who has neither. */
export const INSTALL_PRE_COMMIT_HINT = 'install pre-commit ("pipx install pre-commit") or prek ("npm i -g @j178/prek")';

/** Hooks run through a tool get this long: the first run installs their environment. */
export const TOOL_HOOK_TIMEOUT_SECONDS = 600;

/** The first of PRE_COMMIT_TOOLS on PATH; null when neither is. */
export async function findPreCommitTool(root: string, pathVariable = process.env.PATH): Promise<PreCommitTool | null> {
  for (const tool of PRE_COMMIT_TOOLS) if ((await resolveProgram(tool, root, pathVariable)) !== null) return tool;
  return null;
}
