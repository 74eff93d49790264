/** gauntlet's version, as `--version`, the language server and the SARIF log give it; kept equal to package.json's. */
export const GAUNTLET_VERSION = '0.1.0';
