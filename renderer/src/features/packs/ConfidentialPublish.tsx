/**
 * "Publish confidential packs…" on a meeting's page (secretariat's copy):
 * the dialog shows, before anything is written, who gets what: each member
 * with a public identity on record (chosen by default, with the fingerprint),
 * the items they get and the items withheld from them and why ("Item 4 is
 * withheld from you: declared interest"); members without a public identity
 * are listed, not choosable. Publishing makes one file per member, encrypted
 * to them.
 */
import { busyButtonProps } from '../../components/busyButton.ts';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ConfidentialPlanView, PublishedConfidential } from '../../../../shared/contract/packViews.ts';
import { transportKind } from '../../api.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { downloadFile } from '../documents/exportDocument.ts';

/** What the status line says after publishing. */
export function confidentialPublishedText(published: PublishedConfidential): string {
  const names = published.files.map((f) => f.memberName).join(', ');
  const unsaved = published.files.filter((f) => f.saved !== null && !f.saved.saved).length;
  const head = `Confidential pack ${published.number} published to ${names}`;
  return unsaved > 0
    ? `${head}; ${unsaved} of the files ${unsaved === 1 ? 'was' : 'were'} not saved: publish again to make pack ${published.number + 1}.`
    : `${head}. Send each member their own file: only they can open it.`;
}

/** The items a member gets, as words: "1, 2, 3, 5 and 6". */
function itemsText(numbers: readonly string[]): string {
  if (numbers.length === 0) return 'none';
  if (numbers.length === 1) return `item ${numbers[0]}`;
  return `items ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

function WhoGetsWhat({
  plan,
  chosen,
  setChosen,
}: {
  readonly plan: ConfidentialPlanView;
  readonly chosen: ReadonlySet<string>;
  readonly setChosen: (next: ReadonlySet<string>) => void;
}): ReactNode {
  const toggle = (memberId: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(memberId);
    else next.delete(memberId);
    setChosen(next);
  };
  return (
    <fieldset className="recipient-list">
      <legend>Recipients and what each gets</legend>
      <ul className="plain-list">
        {plan.members.map((m) => {
          const withheld = new Set(m.withheld.map((w) => w.itemId));
          const gets = plan.items.filter((i) => !withheld.has(i.id)).map((i) => i.number);
          return (
            <li key={m.memberId} className="recipient">
              <label>
                <input
                  type="checkbox"
                  disabled={m.fingerprint === null}
                  checked={chosen.has(m.memberId)}
                  onChange={(e) => toggle(m.memberId, e.target.checked)}
                />{' '}
                <strong>{m.name}</strong>
              </label>
              {m.fingerprint === null ? (
                <p className="cell-note">No public identity on record: import it on the member’s page first.</p>
              ) : (
                <>
                  <p className="cell-note">
                    Key <span className="fingerprint">{m.fingerprint}</span>. Gets {itemsText(gets)}.
                  </p>
                  {m.withheld.map((w) => (
                    <p key={w.itemId} className="withheld-line" title={`Their pack says: “${w.line}”`}>
                      Item {w.number} withheld: {w.why}
                    </p>
                  ))}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** The dialog, shown while `open`; `onPublished` gets the publication once its files are handed over. */
export function ConfidentialPublishDialog({
  meetingId,
  onClose,
  onPublished,
}: {
  readonly meetingId: string;
  readonly onClose: () => void;
  readonly onPublished: (published: PublishedConfidential) => void;
}): ReactNode {
  const plan = useQuery('packs:confidentialPlan', { meetingId });
  const publish = useMutation('packs:publishConfidential');
  const [chosen, setChosen] = useState<ReadonlySet<string> | undefined>(undefined);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) {
      element.showModal();
      cancel.current?.focus();
    }
  }, []);
  const title =
    plan.status === 'ok'
      ? `Publish confidential pack ${plan.value.number} of ${plan.value.meetingTitle}?`
      : 'Publish confidential packs?';
  // Until the person changes it: every member with a public identity on record.
  const selected =
    chosen ??
    new Set(
      plan.status === 'ok' ? plan.value.members.filter((m) => m.fingerprint !== null).map((m) => m.memberId) : [],
    );

  return (
    <dialog
      ref={dialog}
      className="dialog dialog-wide"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <div className="dialog-body">
        <p>
          Each member chosen gets their own pack, encrypted to the key on their record: every agenda item and its
          papers, confidential ones included, except the items withheld from them for an interest. The publication is
          recorded in the audit trail with each pack’s hash.
        </p>
        {plan.status === 'loading' && <p className="muted">Working out who gets what…</p>}
        {plan.status === 'error' && <p role="alert">Who gets what could not be worked out: {plan.error.message}</p>}
        {plan.status === 'ok' && <WhoGetsWhat plan={plan.value} chosen={selected} setChosen={setChosen} />}
        {publish.error !== undefined && (
          <p role="alert" className="field-error">
            The packs were not published: {publish.error.message}
          </p>
        )}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={selected.size === 0}
          {...busyButtonProps(publish.pending)}
          onClick={() =>
            void publish
              .run({ meetingId, memberIds: [...selected], saveWithDialog: transportKind() === 'electron' })
              .then((result) => {
                if (!result.ok) return;
                // The shell's save dialog wrote them (Electron); in a browser the page downloads each.
                for (const file of result.value.files) {
                  if (file.saved === null) {
                    downloadFile({
                      fileName: file.fileName,
                      mimeType: file.mimeType,
                      encoding: 'base64',
                      content: file.dataBase64,
                    });
                  }
                }
                onPublished(result.value);
              })
          }
        >
          Publish to {selected.size} {selected.size === 1 ? 'member' : 'members'}
        </button>
        <button type="button" ref={cancel} className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
