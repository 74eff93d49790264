import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { repoTest as it } from '../helpers/e2e.js';
import { trustedRepo, withClient } from '../helpers/lsp-client.js';

const FILES = 1_000;
const BASE_SAVE = 50;
const SAVES = 200;
const GROWTH_LIMIT_MIB = 20;

/** A hook reporting one finding on its file that quotes the file's first line. */
const QUOTE_FIRST_LINE = ['sh', '-c', `printf '%s:1:1: error: saw %s\\n' "$1" "$(head -n 1 "$1")"; exit 1`, 'sh'];

function readRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:')) ?? '';
  return Number(line.split(/\s+/)[1]) / 1_024;
}

describe('gauntlet lsp: memory over many saves', () => {
  it(`grows by at most ${GROWTH_LIMIT_MIB} MiB from save ${BASE_SAVE} to save ${SAVES} of one file, ${FILES} files in the repository`, { timeout: 180_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [{ name: 'quote', command: QUOTE_FIRST_LINE, files: '*.txt' }] });
    for (let i = 0; i < FILES; i++) repo.write(`src/d${i % 20}/f${i}.txt`, `file ${i}\n`);
    repo.write('a.txt', 'open\n');
    await withClient(repo, { xdg }, async (client) => {
      const pid = client.child.pid ?? 0;
      await client.open('a.txt', 'open\n');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.some((d) => d.message === 'saw open'), 'the first check');
      let base = 0;
      for (let save = 1; save <= SAVES; save++) {
        const text = `save ${save}\n`;
        repo.write('a.txt', text);
        await client.change('a.txt', text);
        await client.save('a.txt');
        await client.waitForPublish('a.txt', (diagnostics) => diagnostics.some((d) => d.message === `saw save ${save}`), `save ${save}'s result`);
        if (save === BASE_SAVE) base = readRssMiB(pid);
      }
      const growth = readRssMiB(pid) - base;
      expect(growth, `RSS ${base.toFixed(1)} MiB after save ${BASE_SAVE}, +${growth.toFixed(1)} MiB after save ${SAVES}`).toBeLessThanOrEqual(GROWTH_LIMIT_MIB);
    });
  });
});
