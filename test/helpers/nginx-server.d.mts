/** A running nginx with WebDAV on loopback (see nginx-server.mjs). */
export interface NginxServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** The folder it stores what is PUT under (its `root`). */
  data: string;
  stop(): Promise<void>;
}

export const NGINX_CANDIDATES: string[];
/** `users`: names and passwords of HTTP basic authentication; none asked without. */
export function startNginx(nginx: string, options?: { users?: Record<string, string> }): Promise<NginxServer>;
