import path from 'node:path';
import { Workspace, type ClientPort } from './workspace.js';
import { toRepoRelative } from './uris.js';
import { makeWorkerPool, type MakeRunner } from './hook-engine.js';

/**
 * The workspace folders the editor has open, each with its own config and engine. A file
 * belongs to the innermost folder that contains it.
 */
export class Workspaces {
  private readonly byRoot = new Map<string, Workspace>();

  /** `makeRunner`: what each workspace's engine runs jobs on; worker pools unless a test fakes them. */
  constructor(
    private readonly client: ClientPort,
    private readonly makeRunner: MakeRunner = makeWorkerPool,
  ) {}

  /** Adds a folder and reads its config; an existing one is returned as it is. */
  add(root: string): Workspace {
    const normal = path.resolve(root);
    let workspace = this.byRoot.get(normal);
    if (!workspace) {
      workspace = new Workspace(normal, this.client, this.makeRunner);
      this.byRoot.set(normal, workspace);
      void workspace.reload();
    }
    return workspace;
  }

  /** Removes a folder: its runs are cancelled, its hooks killed. */
  async remove(root: string): Promise<void> {
    const normal = path.resolve(root);
    const workspace = this.byRoot.get(normal);
    this.byRoot.delete(normal);
    await workspace?.close();
  }

  /** The workspace a file belongs to, and its repository-relative path there. */
  locate(absolutePath: string): { workspace: Workspace; file: string } | null {
    let best: { workspace: Workspace; file: string } | null = null;
    for (const workspace of this.byRoot.values()) {
      const file = toRepoRelative(workspace.root, absolutePath);
      if (file !== null && (best === null || workspace.root.length > best.workspace.root.length)) best = { workspace, file };
    }
    return best;
  }

  /** The workspace whose config file this is, if any. */
  ownerOfConfig(absolutePath: string): Workspace | null {
    for (const workspace of this.byRoot.values()) if (workspace.configPath === absolutePath) return workspace;
    return null;
  }

  all(): Workspace[] {
    return [...this.byRoot.values()];
  }

  /** Closes every workspace: no hook process survives this. */
  async closeAll(): Promise<void> {
    const all = this.all();
    this.byRoot.clear();
    await Promise.all(all.map((workspace) => workspace.close()));
  }
}
