/**
 * The shape of a simple path pattern (a regex like `^src/.*\.py$` or a lefthook glob), from
 * which gauntlet globs can be written: what `gauntlet import` needs, since gauntlet.yaml
 * selects files with globs only.
 */
export type ShapeToken =
  /** Literal characters. */
  | { kind: 'lit'; text: string }
  /** Any run of characters, `/` included (regex `.*`, a lefthook `*`). */
  | { kind: 'any' }
  /** Any run of characters within one path segment (`[^/]*`). */
  | { kind: 'seg' }
  /** One character (taken as one within a segment: a glob's `?`). */
  | { kind: 'one' }
  /** A character class, as written in a glob (`[abc]`, `[^abc]`). */
  | { kind: 'class'; text: string }
  /** The start of the path or the point just after a `/` (`(?:^|/)`). */
  | { kind: 'segstart' };

/** One alternative of a pattern: its tokens and whether it is anchored at either end. */
export interface Shape {
  tokens: ShapeToken[];
  start: boolean;
  end: boolean;
}

/** Gauntlet globs that select exactly what some shapes match; `all` for every file. */
export type ShapeGlobs = string[] | 'all';

/** More globs than this from one pattern are no help to a reader; such a pattern is left to the user. */
const MAX_GLOBS = 16;
const GLOB_SPECIAL = /[*?[\]{}()!+@\\]/g;

/**
 * Writes gauntlet globs (a glob without `/` matches a base name anywhere, one with `/` the
 * whole path) matching exactly the paths any of `shapes` matches, or null when globs cannot.
 */
export function shapesToGlobs(shapes: readonly Shape[]): ShapeGlobs | null {
  const globs: string[] = [];
  for (const shape of shapes) {
    const written = shapeToPathGlobs(shape);
    if (written === null) return null;
    for (const glob of written) {
      if (glob === '**') return 'all';
      globs.push(toGauntletGlob(glob));
    }
  }
  const unique = [...new Set(globs)];
  return unique.length > MAX_GLOBS ? null : unique;
}

/** Escapes a literal for a glob. */
export function escapeGlob(text: string): string {
  return text.replace(GLOB_SPECIAL, '\\$&');
}

/** The gauntlet glob for one path (root-relative, never a base name anywhere). */
export function pathToGlob(path: string): string {
  return toGauntletGlob(escapeGlob(path));
}

/** Whole-path globs (picomatch semantics) for one shape. */
function shapeToPathGlobs(shape: Shape): string[] | null {
  let tokens = [...shape.tokens];
  let prefix = '';
  if (tokens[0]?.kind === 'segstart') {
    tokens = tokens.slice(1);
    prefix = '**/';
  } else if (!shape.start) {
    tokens.unshift({ kind: 'any' });
  }
  if (!shape.end) tokens.push({ kind: 'any' });
  let partial = [prefix];
  for (const [index, token] of tokens.entries()) {
    const last = index === tokens.length - 1;
    switch (token.kind) {
      case 'segstart':
        return null;
      case 'lit':
        partial = partial.map((glob) => glob + escapeGlob(token.text));
        break;
      case 'seg':
        partial = partial.map((glob) => `${glob}*`);
        break;
      case 'one':
        partial = partial.map((glob) => `${glob}?`);
        break;
      case 'class':
        partial = partial.map((glob) => glob + token.text);
        break;
      case 'any':
        partial = partial.flatMap((glob) => expandAny(glob, last));
        break;
    }
    if (partial.length > MAX_GLOBS) return null;
  }
  return partial;
}

/** `.*` after `glob`: within the segment it is in, or across further segments. */
function expandAny(glob: string, last: boolean): string[] {
  if (glob === '' || glob.endsWith('/')) return [last ? `${glob}**` : `${glob}**/*`];
  return last ? [`${glob}*`, `${glob}*/**`] : [`${glob}*`, `${glob}*/**/*`];
}

function toGauntletGlob(pathGlob: string): string {
  // `**/x` with no other `/` is "x anywhere": gauntlet's base-name form says it shorter.
  if (pathGlob.startsWith('**/') && !pathGlob.slice(3).includes('/')) return pathGlob.slice(3);
  // A glob without `/` would match base names anywhere; `./` keeps it at the root.
  return pathGlob.includes('/') ? pathGlob : `./${pathGlob}`;
}
