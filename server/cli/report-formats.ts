/** What `--format` chooses: text for people, or a report for machines. Kept apart so the binary's start reads no renderer. */
export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'gitlab'] as const;
export type RunFormat = (typeof REPORT_FORMATS)[number];
