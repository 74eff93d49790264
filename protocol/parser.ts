/** How a hook's output becomes diagnostics. Plain data: it crosses to the workers. */
export type ParserSpec =
  | { type: 'none' }
  | { type: 'gnu' }
  | { type: 'regex'; pattern: string };
