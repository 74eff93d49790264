import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TempRepo } from './e2e.js';
import { makeRandom } from './seeded-random.js';

// A seeded random walk of the changes a user makes to a repository, for the cache's property test:
// files of `def NAME`, `use NAME`, `BAD` and `note` lines, checked by a cross-file and a per-file hook.

const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'kappa', 'lambda', 'sigma', 'omega'];
export const FIRST_SOURCES = 24;
export const FIRST_NOTES = 6;
const MIN_SOURCES = 12;
const MAX_SOURCES = 40;
/** Share of the runs made over a few named files, as `gauntlet run FILE...` or an editor does. */
export const PARTIAL_RUN_SHARE = 0.2;

/** A walk's choices, all drawn from one seeded generator. */
export class Chooser {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = makeRandom(seed);
  }
  below(count: number): number {
    return Math.floor(this.next() * count);
  }
  chance(share: number): boolean {
    return this.next() < share;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.below(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** `count` different items, in a random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const left = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && left.length > 0) chosen.push(...left.splice(this.below(left.length), 1));
    return chosen;
  }
  /** Mostly notes; a few uses and fewer definitions, so that some uses are undefined, and BAD now and then. */
  line(): string {
    const kind = this.below(100);
    if (kind < 8) return `def ${this.pick(NAMES)}`;
    if (kind < 38) return `use ${this.pick(NAMES)}`;
    if (kind < 42) return 'BAD line';
    return `note ${this.below(100)}`;
  }
  lines(): string[] {
    return Array.from({ length: 1 + this.below(4) }, () => this.line());
  }
}

export const toText = (lines: readonly string[]): string => lines.map((line) => `${line}\n`).join('');

/** The work tree under test, the changes a walk makes to it, and the contents each path has had. */
export class Walk {
  readonly steps: string[] = [];
  private readonly history = new Map<string, string[]>();
  private branch = 'main';
  private made = 0;

  constructor(
    readonly repo: TempRepo,
    private readonly choose: Chooser,
  ) {}

  write(file: string, content: string): void {
    this.repo.write(file, content);
    this.remember(file, content);
  }

  /** Notes every file's present content, for reverts. */
  remember(file: string, content: string): void {
    const seen = this.history.get(file) ?? [];
    if (seen.at(-1) !== content) seen.push(content);
    this.history.set(file, seen);
  }

  /** Makes one random change (or none); returns what it did, in a line. */
  async change(files: readonly string[]): Promise<string> {
    const sources = files.filter((file) => file.endsWith('.x'));
    const roll = this.choose.below(100);
    if (roll < 30) return this.editLine(this.choose.pick(sources));
    if (roll < 42) return this.editSameSize(sources);
    if (roll < 52) return this.revert();
    if (roll < 58 && sources.length > MIN_SOURCES) return this.rename(this.choose.pick(sources));
    if (roll < 64 && sources.length > MIN_SOURCES) return this.remove(this.choose.pick(files.filter((file) => /\.(x|txt)$/.test(file))));
    if (roll < 71 && sources.length < MAX_SOURCES) return this.add();
    if (roll < 81) return this.changeToolConfig();
    if (roll < 88) return this.switchBranch();
    return 'nothing changed';
  }

  private editLine(file: string): string {
    const lines = this.repo.read(file).split('\n').filter((line) => line !== '');
    if (lines.length > 1 && this.choose.chance(0.6)) {
      const [removed] = lines.splice(this.choose.below(lines.length), 1);
      this.write(file, toText(lines));
      return `edit ${file}: - ${removed ?? ''}`;
    }
    const added = this.choose.line();
    lines.splice(this.choose.below(lines.length + 1), 0, added);
    this.write(file, toText(lines));
    return `edit ${file}: + ${added}`;
  }

  /** `use X` and `def X` are the same size: flipped in one file, then in a second, with no pause. */
  private editSameSize(sources: readonly string[]): string {
    const flipped = this.choose.sample(sources, 2).map((file) => {
      const text = this.repo.read(file);
      const flip = text.includes('use ') ? text.replace('use ', 'def ') : text.replace('def ', 'use ');
      this.write(file, flip);
      return file;
    });
    return `same-size edit of ${flipped.join(' and ')}`;
  }

  private revert(): string {
    const revertible = [...this.history].filter(([file, contents]) => contents.length > 1 || !this.repo.exists(file));
    if (revertible.length === 0) return 'nothing to revert';
    const [file, contents] = this.choose.pick(revertible);
    const current = this.repo.exists(file) ? this.repo.read(file) : null;
    const earlier = contents.filter((content) => content !== current);
    if (earlier.length === 0) return `nothing to revert in ${file}`;
    const index = this.choose.below(earlier.length);
    this.write(file, earlier[index] ?? '');
    return `revert ${file} to its content #${contents.indexOf(earlier[index] ?? '') + 1}`;
  }

  private rename(file: string): string {
    this.made += 1;
    const target = this.choose.chance(0.5) ? `lib/moved${this.made}.x` : `src/r${this.made}.x`;
    mkdirSync(path.dirname(path.join(this.repo.root, target)), { recursive: true });
    renameSync(path.join(this.repo.root, file), path.join(this.repo.root, target));
    this.remember(target, this.repo.read(target));
    return `rename ${file} to ${target}`;
  }

  private remove(file: string): string {
    rmSync(path.join(this.repo.root, file));
    return `delete ${file}`;
  }

  private add(): string {
    this.made += 1;
    const file = this.choose.chance(0.8) ? `src/n${this.made}.x` : `docs/n${this.made}.txt`;
    this.write(file, toText(this.choose.lines()));
    return `add ${file}`;
  }

  private changeToolConfig(): string {
    if (this.choose.chance(0.2)) {
      rmSync(path.join(this.repo.root, 'xref.cfg'), { force: true });
      return 'delete xref.cfg';
    }
    const ignored = this.choose.sample(NAMES, this.choose.below(6));
    this.write('xref.cfg', toText(ignored.map((name) => `ignore ${name}`)));
    return `xref.cfg ignores ${ignored.join(', ') || 'nothing'}`;
  }

  /** Commits everything, then checks out the other branch (which started from the first commit). */
  private async switchBranch(): Promise<string> {
    await this.repo.git('add', '-A');
    await this.repo.git('commit', '-q', '--allow-empty', '-m', `on ${this.branch}`);
    this.branch = this.branch === 'main' ? 'side' : 'main';
    await this.repo.git('checkout', '-q', this.branch);
    return `commit and check out ${this.branch}`;
  }
}

/** A copy of the work tree's listed files, where the reference runs without any cache. */
export class Mirror {
  private readonly held = new Map<string, string>();
  constructor(readonly root: string) {}

  sync(from: string, files: readonly string[]): void {
    const listed = new Set(files);
    for (const file of this.held.keys()) {
      if (listed.has(file)) continue;
      rmSync(path.join(this.root, file), { force: true });
      this.held.delete(file);
    }
    for (const file of files) {
      const content = readFileSync(path.join(from, file), 'utf8');
      if (this.held.get(file) === content) continue;
      mkdirSync(path.dirname(path.join(this.root, file)), { recursive: true });
      writeFileSync(path.join(this.root, file), content);
      this.held.set(file, content);
    }
    // Nothing of an earlier reference run may be read: neither results nor file stamps.
    rmSync(path.join(this.root, '.gauntlet'), { recursive: true, force: true });
  }
}

