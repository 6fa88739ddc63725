/**
 * Rules about attachments that both sides need: which files are programs
 * (never opened, only saved elsewhere) and a safe file name.
 */

/** Extensions of files that run code when opened: Boardkeeper never opens them. */
export const EXECUTABLE_EXTENSIONS: readonly string[] = [
  'app',
  'appimage',
  'apk',
  'bat',
  'bin',
  'cmd',
  'com',
  'command',
  'cpl',
  'csh',
  'deb',
  'desktop',
  'dll',
  'dmg',
  'exe',
  'hta',
  'inf',
  'ins',
  'isp',
  'jar',
  'js',
  'jse',
  'ksh',
  'lnk',
  'mjs',
  'msc',
  'msi',
  'msp',
  'pif',
  'pkg',
  'pl',
  'ps1',
  'psm1',
  'py',
  'pyw',
  'rb',
  'reg',
  'rpm',
  'run',
  'scr',
  'sct',
  'sh',
  'shb',
  'so',
  'url',
  'vb',
  'vbe',
  'vbs',
  'ws',
  'wsc',
  'wsf',
  'wsh',
  'xll',
];

/** The lower-case extension of a file name, without the dot ('' when none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Media types of files that run code when opened. */
export const EXECUTABLE_TYPES: readonly string[] = [
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-executable',
  'application/x-sh',
  'application/x-msi',
  'application/vnd.microsoft.portable-executable',
  'application/java-archive',
  'application/x-apple-diskimage',
  'application/vnd.debian.binary-package',
  'application/x-rpm',
  'text/javascript',
  'application/javascript',
];

/** True when the file would run code if opened (by its name, or its media type when known). */
export function isExecutable(name: string, type = ''): boolean {
  return (
    EXECUTABLE_EXTENSIONS.includes(extensionOf(name.trim().replace(/[.\s]+$/, ''))) ||
    EXECUTABLE_TYPES.includes(type.trim().toLowerCase())
  );
}

/** A file name safe to write anywhere: no folders, no control or reserved characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .map((c) => (c.charCodeAt(0) < 32 || '<>:"|?*'.includes(c) ? '_' : c))
    .join('')
    .replace(/^\.+/, '')
    .trim();
  return cleaned === '' ? 'attachment' : cleaned.slice(0, 200);
}
