/**
 * Opening a board pack in a member's copy: "Open a pack…" (a file picker) or
 * a pack file dropped anywhere on the window. The backend checks everything
 * before anything is written; the first pack from a publisher's key asks
 * whether to trust it (with its fingerprint), and the import ends with a
 * summary ("pack 4 of Police and Crime Board, 24 June 2026: 2 papers revised,
 * 1 added, 1 item withdrawn; 3 of 12 papers unread").
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ImportOutcome } from '../../../../shared/contract/packViews.ts';
import { AGE_EXTENSION, PACK_EXTENSION } from '../../../../shared/packs/packFormat.ts';
import { useEvent, useMutation, useQuery } from '../../apiHooks.ts';
import { invoke } from '../../api.ts';
import { linkTo } from '../../app/location.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';

/** Where the pack's bytes come from: the page (picker, drop) or a file the backend reads (an offer). */
type PackSource = { readonly dataBase64: string } | { readonly path: string };

type Step =
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking'; readonly fileName: string }
  | {
      readonly kind: 'asking';
      readonly fileName: string;
      readonly source: PackSource;
      readonly question: Extract<ImportOutcome, { outcome: 'needs_trust' }>;
    }
  | { readonly kind: 'imported'; readonly summary: string; readonly meetingId: string }
  | { readonly kind: 'refused'; readonly message: string };

/** A file's bytes in base64 (without the data: URL's prefix). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** "Open a pack…" with its dialogs, and the window's drop target for pack files. */
export function OpenPack(): ReactNode {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const offers = useQuery('packs:offers', {});
  useEvent('packs:offered', offers.refetch);
  const dismiss = useMutation('packs:dismissOffer');

  async function send(fileName: string, source: PackSource, trust: boolean): Promise<void> {
    setStep({ kind: 'checking', fileName });
    const result = await invoke('packs:import', { fileName, ...source, trust });
    if (!result.ok) {
      setStep({ kind: 'refused', message: result.error.message });
      return;
    }
    const outcome = result.value;
    if (outcome.outcome === 'needs_trust') {
      setStep({ kind: 'asking', fileName, source, question: outcome });
      return;
    }
    // The import's data:changed event re-reads what it touched.
    setStep({ kind: 'imported', summary: outcome.summary, meetingId: outcome.meetingId });
  }

  async function open(file: File): Promise<void> {
    try {
      await send(file.name, { dataBase64: await base64Of(file) }, false);
    } catch (error) {
      setStep({ kind: 'refused', message: `${file.name} could not be read: ${(error as Error).message}.` });
    }
  }

  // A pack dropped anywhere on the window is opened; other drops are left to the page.
  useEffect(() => {
    const isPack = (event: DragEvent) => [...(event.dataTransfer?.items ?? [])].some((item) => item.kind === 'file');
    const over = (event: DragEvent) => {
      if (isPack(event)) event.preventDefault();
    };
    const drop = (event: DragEvent) => {
      const file = [...(event.dataTransfer?.files ?? [])].find(
        (f) => f.name.endsWith(PACK_EXTENSION) || f.name.endsWith(PACK_EXTENSION + AGE_EXTENSION),
      );
      if (file === undefined) return;
      event.preventDefault();
      void open(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  });

  return (
    <div className="open-pack">
      <button type="button" className="button button-small button-secondary" onClick={() => input.current?.click()}>
        Open a pack…
      </button>
      <input
        ref={input}
        id={`${id}-file`}
        className="visually-hidden"
        type="file"
        tabIndex={-1}
        aria-label="Pack file to open"
        accept={`${PACK_EXTENSION},${AGE_EXTENSION}`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file !== undefined) void open(file);
        }}
      />
      {offers.status === 'ok' && offers.value.length > 0 && (
        <ul className="plain-list pack-offers" aria-label="Packs waiting to be opened">
          {offers.value.map((offer) => (
            <li key={offer.path}>
              A pack is waiting: <strong>{offer.fileName}</strong>{' '}
              <span className="cell-note">
                ({offer.from === 'watchedFolder' ? 'found in the watched folder' : 'opened with Boardkeeper'})
              </span>{' '}
              <button
                type="button"
                className="button button-small button-primary"
                onClick={() => void send(offer.fileName, { path: offer.path }, false)}
              >
                Open {offer.fileName}
              </button>{' '}
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => void dismiss.run({ path: offer.path }).then(() => offers.refetch())}
              >
                Not now<span className="visually-hidden">: {offer.fileName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div role="status" className="inline-status open-pack-status">
        {step.kind === 'checking' && `Checking ${step.fileName}…`}
        {step.kind === 'imported' && (
          <>
            Imported {step.summary}. <a href={linkTo(['meetings', step.meetingId])}>Open the meeting</a>{' '}
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => setStep({ kind: 'idle' })}
            >
              Dismiss
            </button>
          </>
        )}
      </div>
      {step.kind === 'refused' && (
        <div role="alert" className="message message-error open-pack-problem">
          <p>The pack was not imported: {step.message}</p>
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => setStep({ kind: 'idle' })}
          >
            Dismiss
          </button>
        </div>
      )}
      <ConfirmDialog
        open={step.kind === 'asking'}
        title={
          step.kind === 'asking'
            ? step.question.replacesFingerprint === null
              ? `Trust the secretariat of ${step.question.boardName}?`
              : `A new key for ${step.question.boardName}`
            : 'Trust this publisher?'
        }
        confirmLabel="Trust and import"
        cancelLabel="Do not import"
        onCancel={() => setStep({ kind: 'refused', message: 'you chose not to trust its publisher.' })}
        onConfirm={() => {
          if (step.kind === 'asking') void send(step.fileName, step.source, true);
        }}
      >
        {step.kind === 'asking' && (
          <>
            <p>{step.question.question}</p>
            <p>
              Fingerprint: <strong className="fingerprint">{step.question.fingerprint}</strong>
            </p>
            <p className="muted">
              Pack {step.question.pack} of {step.question.meetingTitle}, published by {step.question.publisherName}.
            </p>
          </>
        )}
      </ConfirmDialog>
    </div>
  );
}
