/**
 * "Check a printed record": every minute and notice is printed with the
 * journal entry and hash it was made from. Typed or pasted here, the app says
 * whether its journal holds exactly that entry.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { PrintedRecordCheck as Check } from '../../../../shared/contract/storeTypes.ts';
import { useMutation } from '../../apiHooks.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

/** The form and its answer, for Settings → Audit trail. */
export function PrintedRecordCheck(): ReactNode {
  const id = useId();
  const check = useMutation('audit:checkPrinted');
  const [seq, setSeq] = useState('');
  const [hash, setHash] = useState('');
  const [answer, setAnswer] = useState<Check | undefined>(undefined);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setAnswer(undefined);
    const result = await check.run({ seq: Number(seq.trim()), hash });
    if (result.ok) setAnswer(result.value);
  }

  return (
    <form className="printed-check" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={`${id}-title`}>Check a printed record</h3>
      <p className="field-hint">
        Type or paste the journal entry number and hash from the foot of a printed minute or notice.
      </p>
      <div className="field">
        <label htmlFor={`${id}-seq`}>Journal entry</label>
        <input
          id={`${id}-seq`}
          inputMode="numeric"
          value={seq}
          onChange={(e) => setSeq(e.target.value)}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-hash`}>Hash</label>
        <input
          id={`${id}-hash`}
          value={hash}
          onChange={(e) => setHash(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-secondary" {...busyButtonProps(check.pending)}>
          {check.pending ? 'Checking…' : 'Check'}
        </button>
      </div>
      <div role="status">
        {answer !== undefined && (
          <p className={answer.outcome === 'match' ? 'message message-success' : 'message message-error'}>
            <strong>{answer.outcome === 'match' ? 'Found: this is the record.' : 'Not found as printed.'}</strong>{' '}
            {answer.message}
          </p>
        )}
      </div>
      {check.error !== undefined && (
        <p role="alert" className="message message-error">
          {check.error.details?.issues?.length
            ? check.error.details.issues
                .map((i) => `${i.field === 'seq' ? 'Journal entry' : 'Hash'} ${i.message}`)
                .join('; ')
            : check.error.message}
        </p>
      )}
    </form>
  );
}
