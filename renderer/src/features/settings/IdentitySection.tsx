/**
 * Settings → This copy's identity: the fingerprint of the key that signs the
 * packs this copy publishes (short, to read out to members), whether the
 * private key is protected by the system's key store, and exporting the
 * public identity as a small file.
 */
import type { ReactNode } from 'react';
import { transportKind } from '../../api.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { Panel } from '../../components/Panel.tsx';
import { downloadFile } from '../documents/exportDocument.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

/** The identity section of Settings. */
export function IdentitySection(): ReactNode {
  const identity = useQuery('identity:get', {});
  const exporting = useMutation('identity:export');
  return (
    <Panel id="identity-title" title="This copy’s identity">
      {identity.status === 'loading' && <p className="muted">Loading…</p>}
      {identity.status === 'error' && <p role="alert">The identity could not be read: {identity.error.message}</p>}
      {identity.status === 'ok' && (
        <>
          <p>
            Fingerprint: <strong className="fingerprint">{identity.value.fingerprint}</strong>
          </p>
          <p className="field-hint">
            Packs this copy publishes are signed with this key. Members check the fingerprint with you the first time
            they import a pack.
          </p>
          <p>
            Recipient key for confidential packs: <code className="fingerprint">{identity.value.ageRecipient}</code>
          </p>
          <p className="field-hint">
            Export the public identity and send it to the secretariat: confidential packs for you are encrypted to this
            key, and only this copy can open them. The secretariat will read the fingerprint back to you by phone.
          </p>
          {identity.value.protectedBySystem ? (
            <p className="field-hint">The private key is protected by the system’s key store.</p>
          ) : (
            <p className="message message-warning">
              The system offers no key store here, so the private key is stored unprotected in the data folder. Anyone
              who can read the data folder can sign packs as this copy.
            </p>
          )}
          <button
            type="button"
            className="button button-small button-secondary"
            {...busyButtonProps(exporting.pending)}
            onClick={() =>
              void exporting.run({ saveWithDialog: transportKind() === 'electron' }).then((result) => {
                if (!result.ok || result.value.saved !== null) return;
                downloadFile({ ...result.value, encoding: 'base64', content: result.value.dataBase64 });
              })
            }
          >
            Export the public identity…
          </button>
          {exporting.error !== undefined && <p role="alert">Not exported: {exporting.error.message}</p>}
        </>
      )}
    </Panel>
  );
}
