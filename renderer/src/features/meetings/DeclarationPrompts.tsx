/**
 * The contracts an agenda item links and, for each member whose registered
 * interests name one of their suppliers, a prompt to declare, with what
 * withdrawing does to the quorum, and a button that records the declaration
 * on the item. The matching is the backend's (shared/rules/supplierConflicts.ts).
 */
import type { ReactNode } from 'react';
import type { MeetingDetail } from '../../../../shared/contract/views.ts';
import type { AgendaItem } from '../../../../shared/schema/meetings.ts';
import { useMutation } from '../../apiHooks.ts';
import { linkTo } from '../../app/location.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { announce } from '../../components/UndoToast.tsx';
import { busyButtonProps } from '../../components/busyButton.ts';

/** The linked contracts and the declaration prompts of one item. */
export function DeclarationPrompts({
  item,
  detail,
  readOnly,
}: {
  readonly item: AgendaItem;
  readonly detail: MeetingDetail;
  readonly readOnly: boolean;
}): ReactNode {
  const update = useMutation('meetings:update');
  const contracts = (item.contractIds ?? []).flatMap((id) => (detail.contracts[id] ? [detail.contracts[id]] : []));
  const prompts = detail.declarationPrompts[item.id] ?? [];
  if (contracts.length === 0) return null;

  async function record(memberId: string, interest: string, reference: string): Promise<void> {
    const agenda = detail.meeting.agenda.map((i) =>
      i.id === item.id
        ? { ...i, declarations: [...i.declarations, { memberId, interest: `${interest} (supplier of ${reference})` }] }
        : i,
    );
    const result = await update.run({ id: detail.meeting.id, agenda });
    if (result.ok) announce(result.value.summary);
  }

  return (
    <>
      <p className="agenda-contracts">
        Contract{contracts.length > 1 ? 's' : ''}:{' '}
        {contracts.map((c, i) => (
          <span key={c.id}>
            {i > 0 && ', '}
            <a href={linkTo(['contracts', c.id])}>
              {c.reference}: {c.title}
            </a>{' '}
            ({c.suppliers.join(', ')})
          </span>
        ))}
      </p>
      {prompts.length > 0 && (
        <div
          className="message message-warning"
          role="note"
          aria-label={`Declarations of interest to ask for on item ${item.number}`}
        >
          <p>
            <strong>Ask for a declaration:</strong> registered interests name a supplier of this item’s contract.
          </p>
          <ul className="plain-list">
            {prompts.map((p) => (
              <li key={p.memberId}>
                <a href={linkTo(['members', p.memberId])}>{p.memberName}</a>: “{p.interest}” names {p.supplier},
                supplier of {p.contractReference}. {p.quorumEffect}{' '}
                {p.declared ? (
                  <StatusTag tone="good">Declared</StatusTag>
                ) : (
                  !readOnly && (
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      {...busyButtonProps(update.pending)}
                      onClick={() => void record(p.memberId, p.interest, p.contractReference)}
                    >
                      Record {p.memberName}’s declaration
                    </button>
                  )
                )}
              </li>
            ))}
          </ul>
          {update.error !== undefined && <ErrorMessage>{update.error.message}</ErrorMessage>}
        </div>
      )}
    </>
  );
}
