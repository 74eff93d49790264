import type { CacheScope } from '../../protocol/config.js';
import type { Hook } from '../../protocol/hook.js';
import { recognizeTools } from './recognize-tool.js';
import { isPerFileGoCommand, lookUpTool, type ToolFacts } from './tool-table.js';

/** How a hook's results are reused, and why. */
export interface ScopeDecision {
  scope: CacheScope;
  /** One line: what decided it. */
  reason: string;
  /** The known tools the command runs, by table name. */
  tools: string[];
}

/**
 * A hook's cache scope: as configured, else `project` when a tool it runs is known to read
 * other files than the one it checks (imports, types), else `file`. A hook that takes no files
 * (`pass_files: false`) always has its result kept as a whole: its scope is never `file`.
 */
export function decideCacheScope(hook: Pick<Hook, 'argv' | 'cache' | 'passFiles'>): ScopeDecision {
  const tools = knownTools(hook.argv);
  if (hook.cache !== undefined) {
    const scope = hook.cache === 'file' && !hook.passFiles ? 'project' : hook.cache;
    const reason = scope === hook.cache ? `cache: ${hook.cache} in the config` : 'pass_files: false: the hook checks the project as a whole';
    return { scope, reason, tools: tools.map(([name]) => name) };
  }
  if (!hook.passFiles) return { scope: 'project', reason: 'pass_files: false: the hook checks the project as a whole', tools: tools.map(([name]) => name) };
  const crossFile = tools.filter(([, facts]) => facts.crossFile).map(([name]) => name);
  if (crossFile.length > 0) {
    return { scope: 'project', reason: `${crossFile.join(', ')} reads other files than the one it checks (imports, types)`, tools: tools.map(([name]) => name) };
  }
  const known = tools.map(([name]) => name);
  return { scope: 'file', reason: known.length > 0 ? `${known.join(', ')} checks each file on its own` : 'default for a tool gauntlet does not know', tools: known };
}

/** Base names of the config files the tool table lists for the tools a command runs. */
export function listConfigNames(argv: readonly string[]): string[] {
  const names = new Set<string>();
  for (const [, facts] of knownTools(argv)) for (const name of facts.configs) names.add(name);
  return [...names].sort();
}

function knownTools(argv: readonly string[]): Array<[string, ToolFacts]> {
  const known: Array<[string, ToolFacts]> = [];
  for (const program of recognizeTools(argv)) {
    const [name = program, subcommand] = program.split(' ');
    const facts = lookUpTool(name);
    if (!facts) continue;
    // `go fmt` looks at one file at a time; `go vet`, `go build` read packages.
    const perFile = name === 'go' && isPerFileGoCommand(subcommand);
    known.push([program, perFile ? { crossFile: false, configs: facts.configs } : facts]);
  }
  return known;
}
