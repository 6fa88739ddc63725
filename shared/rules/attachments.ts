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

/**
 * Characters that change how a name shows without being seen: bidi controls
 * (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and zero-width ones
 * (U+200B-U+200D, U+2060, U+FEFF, U+180E). `invoice\u202Efdp.exe` shows as
 * `invoiceexe.pdf`; without them it shows as what it is.
 */
const INVISIBLE_FORMATTING = /[\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/**
 * The name an attachment is stored and downloaded under: the given name
 * without bidi controls and zero-width characters, trimmed; `attachment` when
 * nothing is left.
 */
export function attachmentName(name: string): string {
  const cleaned = name.replace(INVISIBLE_FORMATTING, '').trim();
  return cleaned === '' ? 'attachment' : cleaned;
}

/** A file name safe to write anywhere: no folders, no control, reserved, bidi or zero-width characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base.replace(INVISIBLE_FORMATTING, '')]
    .map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 0x7f || '<>:"|?*'.includes(c) ? '_' : c))
    .join('')
    .replace(/^\.+/, '')
    .trim();
  return cleaned === '' ? 'attachment' : cleaned.slice(0, 200);
}
