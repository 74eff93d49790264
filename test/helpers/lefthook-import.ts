import type { FileFacts } from '../../engine/config/import/identify-files.js';
import type { ImportedConfig } from '../../engine/config/import/imported-hook.js';
import { importLefthook } from '../../engine/config/import/lefthook.js';
import { parseYamlSource } from '../../engine/config/import/yaml-source.js';

export const FACTS: FileFacts = { symlinks: new Set(), executables: new Set(['bin/tool']), interpreterTags: new Map(), binaryContent: new Set() };
export const FILES = ['a.py', 'X.PY', '.hidden.py', 'src/b.py', 'src/Y.Py', 'src/deep/c.py', 'sub/d.py', 'e.js', 'src/deep/f.js', 'bin/tool', 'img.png'];

/** Imports lefthook.yml text as `gauntlet --config lefthook.yml` would, with fixed file facts. */
export async function importText(yaml: string, group = 'pre-commit'): Promise<ImportedConfig> {
  return importLefthook(parseYamlSource(yaml, 'lefthook.yml'), { facts: () => Promise.resolve(FACTS) }, { group });
}
