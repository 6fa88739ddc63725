/** Types of scripts/smoke-electron.mjs's exports, for the tests that check its logic. */

/** The screens the smoke test opens, as renderer/src/app/routes.ts names them. */
export declare const SCREENS: readonly string[];
/** The data folder's lock file. */
export declare const LOCK_FILE: string;
/** Whether Electron's binary is present, found without loading the electron package. */
export declare function findElectronBinary(
  root: string,
): { readonly found: true; readonly executable: string } | { readonly found: false; readonly reason: string };
/** What a page could reach that it must not; empty when all is well. */
export declare function pageReachProblems(report: {
  readonly globals: Readonly<Record<string, string>>;
  readonly boardKeys: readonly string[];
  readonly otherBridges: readonly string[];
}): string[];
/** What is wrong with a data folder after the app quit; empty when all is well. */
export declare function quitProblems(dataDir: string): string[];
