import { findConfigFileSync, listEnclosingDirs } from '../../engine/config/find-config.js';

/**
 * Which folders have a config, remembered: a file's project is looked up on every event the
 * editor sends, and the answer changes only when a config file does (see Workspaces.noticeChange).
 */
export class ProjectDirs {
  private readonly known = new Map<string, boolean>();

  /** The innermost folder from `start` up to `top` that has a config; null when none has. */
  innermost(top: string, start: string): string | null {
    return listEnclosingDirs(top, start).find((dir) => this.hasConfig(dir)) ?? null;
  }

  hasConfig(dir: string): boolean {
    let has = this.known.get(dir);
    if (has === undefined) {
      has = findConfigFileSync(dir) !== null;
      this.known.set(dir, has);
    }
    return has;
  }

  /** A config in `dir` was created, changed or deleted: look again next time. */
  forget(dir: string): void {
    this.known.delete(dir);
  }
}
