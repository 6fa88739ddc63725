/**
 * Exporting a document from the page: in Electron, the backend builds it and
 * main shows the save dialog (`documents:save`); in a browser, the web host
 * answers with the file and the page downloads it. Either way the person is
 * told, in words, what happened.
 */
import type { DocumentFile, DocumentRequest } from '../../../../shared/documents/documentRequests.ts';
import type { AppError, Result } from '../../../../shared/contract/result.ts';
import { invoke, transportKind } from '../../api.ts';

/** What an export came to, for the status line next to the button. */
export type ExportOutcome =
  | { readonly kind: 'saved'; readonly message: string }
  | { readonly kind: 'cancelled'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string; readonly error: AppError };

/** The file's bytes: text as UTF-8 (a CSV keeps its byte-order mark), base64 decoded. */
export function bytesOf(file: Pick<DocumentFile, 'encoding' | 'content'>): Uint8Array<ArrayBuffer> {
  if (file.encoding === 'utf8') return new TextEncoder().encode(file.content);
  const binary = atob(file.content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Hands a file to the browser as a download. */
export function downloadFile<F extends Pick<DocumentFile, 'fileName' | 'mimeType' | 'encoding' | 'content'>>(
  file: F,
): void {
  const url = URL.createObjectURL(new Blob([bytesOf(file)], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a moment later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileOf(request: DocumentRequest): Promise<Result<DocumentFile>> {
  switch (request.document) {
    case 'minutes': {
      const { document: _, ...input } = request;
      return invoke('documents:minutes', input);
    }
    case 'notice': {
      const { document: _, ...input } = request;
      return invoke('documents:notice', input);
    }
    case 'conditionsReport': {
      const { document: _, ...input } = request;
      return invoke('documents:conditionsReport', input);
    }
    case 'register': {
      const { document: _, ...input } = request;
      return invoke('documents:register', input);
    }
    case 'forwardPlan': {
      const { document: _, ...input } = request;
      return invoke('documents:forwardPlan', input);
    }
  }
}

function failed(error: AppError): ExportOutcome {
  return { kind: 'failed', message: error.message, error };
}

/** Builds the document and saves it (Electron) or downloads it (browser). Never throws. */
export async function exportDocument(request: DocumentRequest): Promise<ExportOutcome> {
  if (transportKind() === 'electron') {
    const result = await invoke('documents:save', request);
    if (!result.ok) return failed(result.error);
    return result.value.saved
      ? { kind: 'saved', message: `Saved ${result.value.fileName} to ${result.value.path ?? 'the chosen folder'}.` }
      : { kind: 'cancelled', message: `Not saved: ${result.value.fileName} was not written.` };
  }
  const result = await fileOf(request);
  if (!result.ok) return failed(result.error);
  downloadFile(result.value);
  return {
    kind: 'saved',
    message: `Downloaded ${result.value.fileName}, made from journal entry ${result.value.position.seq}.`,
  };
}
