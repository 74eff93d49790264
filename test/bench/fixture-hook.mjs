// The controlled hook of the workspace benchmarks (a stand-in for a JavaScript linter):
//   node fixture-hook.mjs STARTUP_MS PER_FILE_MS [files...]
// It burns STARTUP_MS of CPU once, then PER_FILE_MS per file, and reports every line
// that is a `debugger;` statement as `file:line:col: error: message [no-debugger]`.
// Costs are CPU time, not wall time, so the hook costs the same on a busy machine as
// on an idle one and a runner gains nothing by oversubscribing the cores.
import { readFileSync } from 'node:fs';

const [startupMs = '0', perFileMs = '0', ...files] = process.argv.slice(2);

/** Spins until this process has used `ms` more milliseconds of CPU. */
function burnCpu(ms) {
  const start = process.cpuUsage();
  const budgetMicros = Number(ms) * 1000;
  for (;;) {
    const used = process.cpuUsage(start);
    if (used.user + used.system >= budgetMicros) return;
  }
}

burnCpu(startupMs);
let found = 0;
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n');
  burnCpu(perFileMs);
  lines.forEach((line, index) => {
    const column = line.search(/\bdebugger;/);
    if (column === -1) return;
    found += 1;
    process.stdout.write(`${file}:${index + 1}:${column + 1}: error: unexpected debugger statement [no-debugger]\n`);
  });
}
process.exitCode = found > 0 ? 1 : 0;
