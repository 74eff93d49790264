// `npm run bench`: every benchmark, each a ratio or difference against a baseline
// measured in the same run.
import { benchOverhead } from './overhead.mjs';
import { benchStartup } from './startup.mjs';
import { benchFirstFailure } from './first-failure.mjs';

const results = [];
for (const bench of [benchOverhead, benchStartup, benchFirstFailure]) {
  console.log(`\n${bench.name.replace(/^bench/, '')}...`);
  const result = await bench();
  console.log(`${result.ok ? 'ok  ' : 'MISS'} ${result.name}: ${result.value} (target ${result.target})`);
  results.push(result);
}
console.log('\nsummary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'MISS'} ${r.name}: ${r.value} (target ${r.target})`);
