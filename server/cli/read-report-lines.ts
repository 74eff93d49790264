import path from 'node:path';
import type { DiagnosticReport } from '../../protocol/report.js';
import type { LineLookup } from '../../engine/report/fingerprint.js';
import { readRegularFile } from '../../engine/store/read-regular.js';

/** Past this a file's lines are not read for fingerprints (they hash as empty): a source file is far smaller. */
const FINGERPRINT_FILE_BYTES_LIMIT = 16 * 1_024 * 1_024;
/** Files read at once. */
const READ_CONCURRENCY = 16;

/**
 * The lines the diagnostics point at, read from the work tree under `root` once per file, for
 * the fingerprints of the SARIF and GitLab reports. Only repository-relative paths inside the
 * repository are read, and only regular files (not through a symbolic link) of bounded size;
 * any other file, or one that cannot be read, gives empty lines, so its fingerprints still
 * follow the check and the file.
 */
export async function readReportLines(root: string, diagnostics: readonly DiagnosticReport[]): Promise<LineLookup> {
  const wanted = new Map<string, Set<number>>();
  for (const diagnostic of diagnostics) {
    if (!isInsideRepository(diagnostic.file)) continue;
    const lines = wanted.get(diagnostic.file);
    if (lines) lines.add(diagnostic.line);
    else wanted.set(diagnostic.file, new Set([diagnostic.line]));
  }
  const found = new Map<string, Map<number, string>>();
  const files = [...wanted];
  for (let start = 0; start < files.length; start += READ_CONCURRENCY) {
    await Promise.all(
      files.slice(start, start + READ_CONCURRENCY).map(async ([file, lines]) => {
        const kept = await readLines(path.join(root, file), lines);
        if (kept) found.set(file, kept);
      }),
    );
  }
  return (file, line) => found.get(file)?.get(line) ?? '';
}

/** Only the wanted lines of a file are kept, not the whole text. */
async function readLines(file: string, wanted: ReadonlySet<number>): Promise<Map<number, string> | null> {
  const read = await readRegularFile(file, FINGERPRINT_FILE_BYTES_LIMIT);
  if (!read.ok) return null;
  const lines = read.bytes.toString('utf8').split('\n');
  const kept = new Map<number, string>();
  for (const line of wanted) {
    const text = lines[line - 1];
    if (text !== undefined) kept.set(line, text);
  }
  return kept;
}

function isInsideRepository(file: string): boolean {
  return file !== '' && !path.posix.isAbsolute(file) && !file.split('/').includes('..');
}
