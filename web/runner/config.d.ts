// assets/runner/config.js, written by hooks/runner_assets.py at build.
declare const config: {
  pyodideVersion: string;
  /** Where Pyodide's files are, ending with "/". */
  pyodideIndexURL: string;
  /** What Pyodide downloads while it boots, for the progress bar. */
  pyodideBytes: number;
  /** The Pyodide version and a hash of the runner's worker bundle: the key of
   * the memory snapshot a later boot starts from (web/runner/snapshot.js). */
  snapshotKey: string;
  /** The site's root URL, ending with "/". */
  siteRoot: string;
};
export default config;
