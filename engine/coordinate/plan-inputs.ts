import type { Hook } from '../../protocol/hook.js';
import { listConfigNames } from '../cache/scope.js';
import { appendAll } from '../arrays.js';

/** The files besides its own that a hook's verdict on a file depends on. */
export interface HookInputs {
  /** Part of every key of the hook: `cache_inputs`, and the tool's config files at the root (present or not). */
  shared: string[];
  /** The tool's config files in each folder (not the root) holding a file the hook checks: those that exist, or, when the files are not listed, those that may. */
  byFolder: Map<string, string[]>;
  /** Every path of `byFolder`, sorted. */
  folderPaths: string[];
  /** Every input of the hook, to stamp. */
  all: string[];
  /** The folder inputs that bear on one file: those of its folder and its ancestors. */
  forFile: (file: string) => string[];
}

/**
 * Plans a hook's cache inputs for these files. `listed` is every file of the repository when
 * known: a folder's config file counts when git lists it. Without it every name is a candidate,
 * stamped, and those that turn out absent drop out of the keys (digestInputs skips them).
 */
export function planInputs(hook: Pick<Hook, 'argv' | 'cacheInputs' | 'cacheInputsDefault'>, files: readonly string[], listed: ReadonlySet<string> | null): HookInputs {
  const names = hook.cacheInputsDefault === false ? [] : listConfigNames(hook.argv);
  const shared = [...new Set([...hook.cacheInputs, ...names])].sort();
  const byFolder = new Map<string, string[]>();
  if (names.length > 0) {
    for (const file of files) {
      for (let end = file.lastIndexOf('/'); end > 0; end = file.lastIndexOf('/', end - 1)) {
        const folder = file.slice(0, end);
        if (byFolder.has(folder)) break;
        byFolder.set(folder, names.map((name) => `${folder}/${name}`).filter((path) => listed === null || listed.has(path)));
      }
    }
  }
  const folderPaths = [...byFolder.values()].flat().sort();
  const all = [...shared, ...folderPaths];
  const forFile = (file: string): string[] => {
    // Most hooks have no folder inputs: no walk up each file's folders.
    if (byFolder.size === 0) return [];
    const found: string[] = [];
    for (let end = file.lastIndexOf('/'); end > 0; end = file.lastIndexOf('/', end - 1)) appendAll(found, byFolder.get(file.slice(0, end)) ?? []);
    return found;
  };
  return { shared, byFolder, folderPaths, all, forFile };
}
