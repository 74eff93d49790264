/** A running nginx with WebDAV on loopback (see nginx-server.mjs). */
export interface NginxServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** The folder it stores what is PUT under (its `root`). */
  data: string;
  stop(): Promise<void>;
}

export const NGINX_CANDIDATES: string[];
export function startNginx(nginx: string): Promise<NginxServer>;
