import { rm } from 'node:fs/promises';
import { resolveCachePath } from '../../engine/store/result-cache.js';
import type { Workspace } from './workspace.js';
import type { WorkspaceRunResult } from './workspace-run.js';
import { renderProfileText } from './profile-text.js';

/** The commands of workspace/executeCommand. */
export const COMMANDS = {
  runWorkspace: 'gauntlet.runWorkspace',
  clearCache: 'gauntlet.clearCache',
  showProfile: 'gauntlet.showProfile',
} as const;

export const COMMAND_IDS: string[] = Object.values(COMMANDS);

/** What `gauntlet.runWorkspace` answers: one result per workspace where hooks may run. */
export interface RunWorkspaceAnswer {
  workspaces: WorkspaceRunResult[];
}

/** Runs a command over the workspaces; throws an Error (one line) for an unknown command. */
export async function executeCommand(command: string, workspaces: Workspace[], signal: AbortSignal): Promise<unknown> {
  switch (command) {
    case COMMANDS.runWorkspace: {
      const results = await Promise.all(workspaces.map((workspace) => workspace.runAll(signal)));
      return { workspaces: results.filter((result) => result !== null) } satisfies RunWorkspaceAnswer;
    }
    case COMMANDS.clearCache: {
      await Promise.all(
        workspaces.map(async (workspace) => {
          await rm(resolveCachePath(workspace.root), { force: true });
          // The engine's cache in memory forgets with the file.
          await workspace.running?.stores.save();
        }),
      );
      return workspaces.map((workspace) => `cache cleared: ${resolveCachePath(workspace.root)}`).join('\n');
    }
    case COMMANDS.showProfile: {
      const texts = await Promise.all(
        workspaces.map(async (workspace) => {
          // Runs so far are in memory: on disk first, with what other processes measured.
          await workspace.running?.stores.save();
          return renderProfileText(workspace.root, workspace.running?.config ?? null);
        }),
      );
      return texts.join('\n');
    }
    default:
      throw new Error(`unknown command "${command}" (known: ${COMMAND_IDS.join(', ')})`);
  }
}
