/** What every parser needs besides the output: whose findings, and where the repository is. */
export interface ParseContext {
  /** Hook name stamped on every diagnostic. */
  hook: string;
  /** Absolute repository root; tool paths are made relative to it. */
  root: string;
  /**
   * Whether a file exists, for errorformat's %O/%P/%Q lines, which Vim takes only for
   * existing files; the file system when absent. Takes an absolute path.
   */
  fileExists?: (path: string) => boolean;
  /**
   * The files the hook was given (repository-relative). Line-based parsers read a name with
   * spaces only when it is one of these: by its shape alone it cannot be told from the message.
   */
  files?: readonly string[];
}
