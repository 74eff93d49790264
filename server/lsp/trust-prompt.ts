import type { ClientPort } from './client-port.js';
import { trustConfig } from '../../engine/store/trust.js';
import { describeUntrusted } from './workspace-config.js';

/**
 * Asks the user, once per config digest, to trust a project's config: "Trust" where the client
 * can ask (showMessageRequest), else one warning saying how. A "Trust" granted for a config
 * that is still the one waiting is stored, and the project reloads it.
 */
export class TrustPrompt {
  private askedDigest: string | null = null;

  constructor(
    private readonly root: string,
    private readonly client: ClientPort,
    private readonly onTrusted: () => Promise<void>,
    private readonly log: (message: string) => void,
  ) {}

  offer(configPath: string, digest: string, stillWaiting: () => boolean): void {
    if (this.askedDigest === digest) return;
    this.askedDigest = digest;
    const { askTrust } = this.client;
    const message = describeUntrusted(this.root, configPath, askTrust !== null);
    if (!askTrust) return this.client.showMessage('warning', message);
    void askTrust(message)
      .then(async (chosen) => {
        if (!chosen || !stillWaiting()) return;
        await trustConfig(this.root, configPath, digest);
        await this.onTrusted();
      })
      .catch((error: unknown) => this.log(`trusting the config failed: ${String(error)}`));
  }
}
