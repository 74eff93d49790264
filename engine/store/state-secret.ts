import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { link, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { readRegularFile } from './read-regular.js';
import { writeFileAtomic } from './write-atomic.js';

const SECRET_FILE = 'secret';
const SECRET_BYTES = 32;
/** The length of a MAC (HMAC-SHA256). */
const MAC_BYTES = 32;

/**
 * gauntlet's folder in the user's data home: `$XDG_DATA_HOME/gauntlet`, by default
 * `~/.local/share/gauntlet`. A relative XDG_DATA_HOME is ignored, as the XDG base directory spec says.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_DATA_HOME;
  const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.local', 'share');
  return path.join(base, 'gauntlet');
}

// One read per process and secret file: every state file of a run is signed with the same key.
const secrets = new Map<string, Promise<Buffer>>();

/**
 * The per-user secret that state files are signed with: 32 random bytes in
 * `<data dir>/secret`, created on first use (mode 0600 in a 0700 folder). A repository can commit
 * any state file it likes, but not one signed with this. Rejects with a one-line message
 * naming the file when it cannot be read or created.
 */
export function loadStateSecret(env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const file = path.join(resolveDataDir(env), SECRET_FILE);
  let secret = secrets.get(file);
  if (!secret) {
    secret = readOrCreateSecret(file);
    secrets.set(file, secret);
    // A failure is not remembered: the next run may find the folder writable.
    secret.catch(() => secrets.delete(file));
  }
  return secret;
}

/** HMAC-SHA256 of a state file's kind, version and payload under the user's secret. */
export function signPayload(secret: Buffer, kind: string, version: number, payload: Uint8Array): Buffer {
  return createHmac('sha256', secret).update(`${kind}\0${version}\0`).update(payload).digest();
}

/** True when `mac` is the signature `signPayload` gives (compared in constant time). */
export function verifyPayload(secret: Buffer, kind: string, version: number, payload: Uint8Array, mac: Uint8Array): boolean {
  return mac.length === MAC_BYTES && timingSafeEqual(signPayload(secret, kind, version, payload), mac);
}

async function readOrCreateSecret(file: string): Promise<Buffer> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const read = await readRegularFile(file, SECRET_BYTES);
    if (read.ok && read.bytes.length === SECRET_BYTES) return read.bytes;
    if (read.ok) throw new Error(`${file}: holds ${read.bytes.length} bytes, not the ${SECRET_BYTES} gauntlet writes (remove it to make a new one)`);
    if (read.code !== 'ENOENT') throw new Error(`${file}: ${read.problem}`);
    await createSecret(file);
  }
  throw new Error(`${file}: cannot be created`);
}

/** Writes a new secret under a temp name and links it in place: the first of racing processes wins, the others read it. */
async function createSecret(file: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.new`;
  await writeFileAtomic(temp, randomBytes(SECRET_BYTES), { private: true });
  try {
    await link(temp, file);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
  } finally {
    await rm(temp, { force: true });
  }
}
