import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import type { RunProgress } from './progress.js';

/** What a workspace needs from the editor's side of the connection (faked by in-process tests). */
export interface ClientPort {
  publish: (params: PublishDiagnosticsParams) => void;
  showMessage: (type: 'error' | 'warning' | 'info', message: string) => void;
  /** Offers "Trust"; true when the user chose it. Null when the client cannot ask (no showMessageRequest). */
  askTrust: ((message: string) => Promise<boolean>) | null;
  log: (message: string) => void;
  progress: RunProgress;
}
