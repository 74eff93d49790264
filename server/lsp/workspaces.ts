import path from 'node:path';
import { projectDirOfConfig } from '../../engine/config/find-config.js';
import { ProjectDirs } from './project-dirs.js';
import { Workspace } from './workspace.js';
import type { ClientPort } from './client-port.js';
import { fromRepoRelative, toRepoRelative } from './uris.js';

/** A name a file directly in a folder could have: which project it belongs to is that folder's. */
const PROBE_NAME = 'file';
import { makeWorkerPool, type MakeRunner } from './hook-engine.js';

/**
 * The workspace folders the editor has open, and the projects in them: each folder is one, and
 * so is each folder inside it with a config of its own (a monorepo's `packages/web/gauntlet.yaml`),
 * each with its own config, trust and engine. A file belongs to the innermost folder that
 * contains it, and there to the innermost project.
 */
export class Workspaces {
  private readonly folders = new Set<string>();
  /** Every project by its root: the folders, and the projects inside them found so far. */
  private readonly byRoot = new Map<string, Workspace>();
  private readonly dirs = new ProjectDirs();

  /** `makeRunner`: what each workspace's engine runs jobs on; worker pools unless a test fakes them. */
  constructor(
    private readonly client: ClientPort,
    private readonly makeRunner: MakeRunner = makeWorkerPool,
  ) {}

  /** Adds a folder and reads its config; an existing one is returned as it is. */
  add(root: string): Workspace {
    const normal = path.resolve(root);
    this.folders.add(normal);
    return this.project(normal);
  }

  /** Removes a folder and the projects inside it: their runs are cancelled, their hooks killed. */
  async remove(root: string): Promise<void> {
    const normal = path.resolve(root);
    this.folders.delete(normal);
    const gone = this.all().filter((workspace) => !this.isLive(workspace.root));
    for (const workspace of gone) this.byRoot.delete(workspace.root);
    await Promise.all(gone.map((workspace) => workspace.close()));
  }

  /** The project a file belongs to (created when first met), and its path relative to the project's root. */
  locate(absolutePath: string): { workspace: Workspace; file: string } | null {
    const root = this.rootOf(absolutePath);
    if (root === null) return null;
    const file = toRepoRelative(root, absolutePath);
    return file === null ? null : { workspace: this.project(root), file };
  }

  /**
   * A file was created, changed or deleted (a watched file, or a save): when it is a config, the
   * projects are found again, open documents move to the project they now belong to, and the
   * project of that folder reads its config again.
   */
  noticeChange(absolutePath: string): void {
    const dir = projectDirOfConfig(absolutePath);
    if (dir === null) return;
    this.dirs.forget(dir);
    this.rehome();
    void this.byRoot.get(dir)?.reload();
  }

  all(): Workspace[] {
    return [...this.byRoot.values()];
  }

  /** Closes every project: no hook process survives this. */
  async closeAll(): Promise<void> {
    const all = this.all();
    this.byRoot.clear();
    this.folders.clear();
    await Promise.all(all.map((workspace) => workspace.close()));
  }

  /** The root of the project `absolutePath` belongs to, without creating it; null outside every folder. */
  private rootOf(absolutePath: string): string | null {
    let folder: string | null = null;
    for (const candidate of this.folders) {
      if (toRepoRelative(candidate, absolutePath) !== null && (folder === null || candidate.length > folder.length)) folder = candidate;
    }
    return folder === null ? null : (this.dirs.innermost(folder, path.dirname(absolutePath)) ?? folder);
  }

  /** A folder, or a project still inside one that still has its config. */
  private isLive(root: string): boolean {
    return this.folders.has(root) || this.rootOf(path.join(root, PROBE_NAME)) === root;
  }

  private project(root: string): Workspace {
    let workspace = this.byRoot.get(root);
    if (!workspace) {
      const created: Workspace = new Workspace(root, this.client, (file) => this.rootOf(fromRepoRelative(root, file)) === root, this.makeRunner);
      this.byRoot.set(root, created);
      void created.reload();
      workspace = created;
    }
    return workspace;
  }

  /** Moves each open document to the project it belongs to now, and closes projects whose config is gone. */
  private rehome(): void {
    for (const workspace of this.all()) {
      for (const document of workspace.documents.all()) {
        const absolute = fromRepoRelative(workspace.root, document.file);
        const found = this.locate(absolute);
        if (found === null || found.workspace === workspace) continue;
        workspace.didClose(document.uri);
        found.workspace.didOpen(document.uri, found.file, document.version, document.text);
      }
    }
    for (const workspace of this.all()) {
      if (this.isLive(workspace.root)) workspace.dropForeign();
      else {
        this.byRoot.delete(workspace.root);
        void workspace.close();
      }
    }
  }
}
