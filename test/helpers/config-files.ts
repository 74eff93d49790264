import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { ConfigError } from '../../engine/config/config-error.js';
import { loadConfig } from '../../engine/config/load-config.js';

/** gauntlet.yaml files, each in a folder of its own under one temp folder kept for the calling test file. */
export interface ConfigFiles {
  /** The temp folder. */
  folder: () => string;
  /** Writes YAML lines to a fresh gauntlet.yaml and returns its absolute path. */
  writeConfig: (...lines: string[]) => Promise<string>;
  /** Loads a config that must fail; returns its message with the temp path shown as `gauntlet.yaml`. */
  loadFailure: (...lines: string[]) => Promise<string>;
}

export function useConfigFiles(): ConfigFiles {
  let root = '';
  let count = 0;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gauntlet-config-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function writeConfig(...lines: string[]): Promise<string> {
    const dir = join(root, String(count++));
    await mkdir(dir);
    const path = join(dir, 'gauntlet.yaml');
    await writeFile(path, `${lines.join('\n')}\n`);
    return path;
  }

  async function loadFailure(...lines: string[]): Promise<string> {
    const path = await writeConfig(...lines);
    const error = await loadConfig(path).then(
      () => null,
      (reason: unknown) => reason,
    );
    if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
    expect(error.message).not.toContain('\n');
    expect(error.message.startsWith(`${path}:`)).toBe(true);
    return error.message.replace(path, 'gauntlet.yaml');
  }

  return { folder: () => root, writeConfig, loadFailure };
}
