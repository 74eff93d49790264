/**
 * The signals that end gauntlet the way Ctrl-C does: TERM from a service manager, HUP when the
 * terminal closes, QUIT from Ctrl-\. Left to Node's defaults they end the process at once, and
 * the hooks, each the leader of its own process group, would run on without a timeout.
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const satisfies readonly NodeJS.Signals[];

/** One of `STOP_SIGNALS`. */
export type StopSignal = (typeof STOP_SIGNALS)[number];

/**
 * Calls `onStop` at the first stop signal, then stops listening, so that a second one ends the
 * process at once. Returns a function that stops listening.
 */
export function onStopSignal(onStop: (signal: StopSignal) => void): () => void {
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = (): void => {
      stopListening();
      onStop(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const stopListening = (): void => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
  return stopListening;
}
