/**
 * Attachments as files on this computer: reading a chosen file into base64
 * for the contract, saving a stored one back to a file, and telling the kinds
 * that could run a program (never opened, only saved).
 */
import { useCallback, useState } from 'react';
import type { AppError } from '../../../../shared/contract/result.ts';
import { safeFileName } from '../../../../shared/rules/attachments.ts';
import { MAX_ATTACHMENT_BYTES } from '../../../../shared/schema/papers.ts';
import { invoke } from '../../api.ts';

/** True for a file that could run a program if opened: it is offered to save, never to open. */
export { isExecutable } from '../../../../shared/rules/attachments.ts';

/** The refusal for a file over the limit, in the backend's own words. */
export function tooLargeMessage(name: string, bytes: number): string | undefined {
  if (bytes <= MAX_ATTACHMENT_BYTES) return undefined;
  return `${name} is ${(bytes / 1024 / 1024).toFixed(1)} MB; attachments may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`;
}

/** A chosen file's bytes in base64 (without the `data:` prefix). */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`${file.name} could not be read`));
    reader.readAsDataURL(file);
  });
}

/** The bytes of base64 text. */
export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves bytes as a file through the browser's own download (the only way a page can hand a file over). */
export function saveAs(name: string, type: string, base64: string): void {
  const url = URL.createObjectURL(new Blob([bytesOf(base64)], { type: type || 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  // The host cleans names too; a download never carries bidi or zero-width characters, whoever sent it.
  link.download = safeFileName(name);
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the download time to start before the bytes are let go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opening an attachment in the system's viewer (a temporary copy; never a program). */
export function useAttachmentOpener(): AttachmentSaver {
  const [pending, setPending] = useState<string | undefined>(undefined);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const save = useCallback(async (paperId: string, blob: string): Promise<boolean> => {
    setPending(blob);
    setError(undefined);
    try {
      const result = await invoke('papers:openAttachment', { id: paperId, blob });
      if (!result.ok) {
        setError(result.error);
        return false;
      }
      if (!result.value.opened) {
        setError({ code: 'io_error', message: `no viewer could be started here; a copy is at ${result.value.path}` });
        return false;
      }
      return true;
    } finally {
      setPending(undefined);
    }
  }, []);
  return { save, pending, error };
}

/** Saving attachments to this computer: which one is being fetched, and the last problem. */
export interface AttachmentSaver {
  readonly save: (paperId: string, blob: string) => Promise<boolean>;
  readonly pending: string | undefined;
  readonly error: AppError | undefined;
}

/** The channels that answer a stored file by its record and blob: a paper's attachment, an update's evidence file. */
type StoredFileChannel = 'papers:attachment' | 'conditions:evidenceFile';

/** Fetches a stored file through `channel` and hands it to the browser as a download. */
function useStoredFileSaver(channel: StoredFileChannel): AttachmentSaver {
  const [pending, setPending] = useState<string | undefined>(undefined);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const save = useCallback(
    async (id: string, blob: string): Promise<boolean> => {
      setPending(blob);
      setError(undefined);
      try {
        const result = await invoke(channel, { id, blob });
        if (!result.ok) {
          setError(result.error);
          return false;
        }
        saveAs(result.value.name, result.value.type, result.value.dataBase64);
        return true;
      } finally {
        setPending(undefined);
      }
    },
    [channel],
  );
  return { save, pending, error };
}

/** Fetches a stored attachment (papers:attachment) and hands it to the browser as a download. */
export function useAttachmentSaver(): AttachmentSaver {
  return useStoredFileSaver('papers:attachment');
}

/** Fetches a file attached to an update of a condition (conditions:evidenceFile) as a download. */
export function useEvidenceFileSaver(): AttachmentSaver {
  return useStoredFileSaver('conditions:evidenceFile');
}
