// `npm run bench`: every benchmark, each a ratio or difference against a baseline
// measured in the same run. `npm run bench -- NAME...` runs only those
// (overhead, startup, first-failure, incremental, cache-size, lsp, format, remote, shard,
// editor-saves, large-repo-cache, large-repo).
import { benchOverhead } from './overhead.mjs';
import { benchStartup } from './startup.mjs';
import { benchFirstFailure } from './first-failure.mjs';
import { benchIncremental } from './incremental.mjs';
import { benchLsp } from './lsp.mjs';
import { benchCacheSize } from './cache-size.mjs';
import { benchRemote } from './remote.mjs';
import { benchShard } from './shard.mjs';
import { benchEditorSaves } from './editor-saves.mjs';
import { benchFormat } from './format.mjs';
import { benchLargeRepoCache } from './large-repo-cache.mjs';
import { benchLargeRepo } from './large-repo.mjs';

const BENCHES = {
  overhead: benchOverhead,
  startup: benchStartup,
  'first-failure': benchFirstFailure,
  incremental: benchIncremental,
  'cache-size': benchCacheSize,
  lsp: benchLsp,
  format: benchFormat,
  remote: benchRemote,
  shard: benchShard,
  'editor-saves': benchEditorSaves,
  'large-repo-cache': benchLargeRepoCache,
  'large-repo': benchLargeRepo,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
  process.exit(2);
}

const line = (r) => `${r.ok ? 'ok  ' : 'MISS'} ${r.name}: ${r.value} (target ${r.target})`;
const results = [];
for (const [name, bench] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n${name}...`);
  const outcome = [await bench()].flat();
  for (const result of outcome) console.log(line(result));
  results.push(...outcome);
}
console.log('\nsummary');
for (const result of results) console.log(line(result));
