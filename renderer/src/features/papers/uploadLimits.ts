/**
 * How much a paper's save may carry through the browser preview's web host,
 * which refuses larger requests (electron/web/server.ts, MAX_UPLOAD_BODY_BYTES;
 * a test keeps the two equal). Through Electron's IPC there is no such limit.
 */

/** The web host's limit on a papers:create or papers:update request, in bytes. */
export const WEB_UPLOAD_LIMIT_BYTES = 40 * 1024 * 1024;
