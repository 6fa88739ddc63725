/**
 * The one Content-Security-Policy of the app (docs/architecture.md): no inline
 * script or style, no remote content. The app:// protocol in Electron and the
 * web host both send it. Zod-free and import-free, so main stays small.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
