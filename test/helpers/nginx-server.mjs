// A real nginx serving the Bazel HTTP cache protocol with its stock WebDAV module (PUT and GET of
// any path, 404 for a miss), on a loopback port with a temp root: what the remote cache tests and
// benchmark talk to. Plain JavaScript, so that the benchmarks (plain node) use it as the tests do.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const START_DEADLINE_MS = 15_000;

/** Where nginx is looked for: root's PATH has /usr/sbin, other users' often not. */
export const NGINX_CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'];

/** A free loopback port, as the kernel hands one out. */
function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, child) {
  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with code ${child.exitCode} while starting`);
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not answer on port ${port} within ${START_DEADLINE_MS} ms`);
}

/**
 * Starts nginx with `dav_methods PUT DELETE; create_full_put_path on;` on a free loopback port.
 * Resolves with its base URL (`http://127.0.0.1:PORT`), the folder it stores under, and `stop()`.
 * `options.users` ({name: password}) asks for HTTP basic authentication, as a shared cache would.
 */
export async function startNginx(nginx, options = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gauntlet-nginx-'));
  const data = path.join(dir, 'data');
  mkdirSync(data);
  mkdirSync(path.join(dir, 'tmp'));
  const port = await findFreePort();
  // Run as root, nginx's workers would be `nobody`, who cannot write in a private temp folder.
  const user = process.getuid?.() === 0 ? 'user root root;' : '';
  // nginx reads `{PLAIN}` passwords as they are: no htpasswd tool needed.
  const users = Object.entries(options.users ?? {});
  if (users.length > 0) writeFileSync(path.join(dir, 'htpasswd'), users.map(([name, password]) => `${name}:{PLAIN}${password}\n`).join(''));
  const auth = users.length > 0 ? `auth_basic "gauntlet cache"; auth_basic_user_file ${dir}/htpasswd;` : '';
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${dir}/tmp;`).join(' ');
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off; ${user} worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off; ${temp}
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${port};
    root ${data};
    client_max_body_size 64m;
    location / { ${auth} dav_methods PUT DELETE; create_full_put_path on; dav_access user:rw group:r all:r; }
  }
}
`,
  );
  const child = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await waitForPort(port, child);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    data,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
