/**
 * A member's public identity on their page (secretariat's copy): the file the
 * member exported from their copy (Settings → This copy's identity), imported
 * here so that confidential packs can be encrypted to them. The fingerprint is
 * shown to compare with the member by phone.
 */
import { busyButtonProps } from '../../components/busyButton.ts';
import { useId, useState, type ReactNode } from 'react';
import type { Member } from '../../../../shared/schema/members.ts';
import { useMutation } from '../../apiHooks.ts';
import { Panel } from '../../components/Panel.tsx';
import { formatDateTimeLong } from '../../format.ts';

/** A file's bytes in base64. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The public identity panel of a member's page. */
export function MemberIdentity({ member }: { readonly member: Member }): ReactNode {
  const importing = useMutation('members:importIdentity');
  const [done, setDone] = useState('');
  const inputId = useId();
  const key = member.recipientKey;
  return (
    <Panel id="member-identity" title="Public identity for confidential packs">
      {key === undefined ? (
        <p className="empty-state">
          None imported: {member.name} cannot be sent a confidential pack yet. Ask them for the file their copy exports
          (Settings, “Export the public identity…”).
        </p>
      ) : (
        <>
          <p>
            Fingerprint: <strong className="fingerprint">{key.fingerprint}</strong>
          </p>
          <p className="field-hint">
            Imported {formatDateTimeLong(key.importedAt)} from {key.name ? `${key.name}’s` : 'the member’s'} file. Read
            the fingerprint out to {member.name} by phone: it must match the one their Settings show.
          </p>
        </>
      )}
      <div className="field">
        <label htmlFor={inputId}>{key === undefined ? 'Import' : 'Replace'} the public identity file</label>
        <input
          id={inputId}
          type="file"
          accept=".json,application/json"
          {...busyButtonProps(importing.pending)}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file === undefined) return;
            setDone('');
            void base64Of(file).then((dataBase64) =>
              importing.run({ id: member.id, fileName: file.name, dataBase64 }).then((result) => {
                if (result.ok) setDone(result.value.summary);
              }),
            );
          }}
        />
      </div>
      <p role="status" className="inline-status">
        {done}
      </p>
      {importing.error !== undefined && (
        <p role="alert" className="field-error">
          {importing.error.message}
        </p>
      )}
    </Panel>
  );
}
