// assets/offline/config.js, written by hooks/service_worker.py at build.
declare const config: {
  /** false on the development server (mkdocs serve): register no worker. */
  enabled: boolean;
};
export default config;
