import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { SourcePosition } from './config-error.js';

/** Maps validation paths (`['hooks', 2, 'timeout']`) back to where they are written in the YAML source. */
export interface SourceLocator {
  /** Where the value at `path` is written; for a missing value, the nearest enclosing node that exists. */
  locateValue(path: readonly PropertyKey[]): SourcePosition;
  /** Where the last key of `path` is written (for unknown keys); falls back like `locateValue`. */
  locateKey(path: readonly PropertyKey[]): SourcePosition;
}

interface Found {
  node: Node | null;
  /** The key node of the last path segment, when the path ended inside a mapping. */
  key: Node | null;
  /** The deepest node the walk reached. */
  deepest: Node | null;
}

/** Builds a locator over one parsed document and the line counter used to parse it. */
export function createSourceLocator(doc: Document, lineCounter: LineCounter): SourceLocator {
  const toPosition = (node: Node | null): SourcePosition => {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    // linePos reports line 0 when the text had no newline at all.
    return { line: Math.max(line, 1), column: Math.max(col, 1) };
  };
  return {
    locateValue(path) {
      const found = walkPath(doc, path);
      return toPosition(found.node ?? found.key ?? found.deepest);
    },
    locateKey(path) {
      const found = walkPath(doc, path);
      return toPosition(found.key ?? found.node ?? found.deepest);
    },
  };
}

function walkPath(doc: Document, path: readonly PropertyKey[]): Found {
  let current = resolveAlias(doc, asNode(doc.contents));
  let deepest = current;
  let key: Node | null = null;
  for (const segment of path) {
    key = null;
    let next: Node | null;
    if (isMap(current)) {
      const pair = current.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return { node: null, key: null, deepest };
      key = asNode(pair.key);
      next = asNode(pair.value);
    } else if (isSeq(current) && typeof segment === 'number') {
      next = asNode(current.items[segment]);
    } else {
      return { node: null, key: null, deepest };
    }
    // `key:` with no value has no node, or an empty one with no extent; the key is the better place.
    current = hasExtent(next) ? resolveAlias(doc, next) : null;
    if (current === null) return { node: null, key, deepest: key ?? deepest };
    deepest = current;
  }
  return { node: current, key, deepest };
}

function asNode(value: unknown): Node | null {
  return isMap(value) || isSeq(value) || isScalar(value) || isAlias(value) ? value : null;
}

function hasExtent(node: Node | null): node is Node {
  return node !== null && node.range !== undefined && node.range !== null && node.range[1] > node.range[0];
}

function resolveAlias(doc: Document, node: Node | null): Node | null {
  if (!isAlias(node)) return node;
  // An alias points at its anchor; errors are best shown at the anchored node, which holds the content.
  return asNode(node.resolve(doc)) ?? node;
}
