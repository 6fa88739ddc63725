/**
 * "Check a printed record": every minute and notice is printed with the
 * journal entry and hash it was made from. Typed or pasted here, the app says
 * whether its journal holds exactly that entry.
 */
import { useState, type ReactNode } from 'react';
import { CodeField, RecordCheckForm } from '../../components/RecordCheckForm.tsx';

/** The form and its answer, for Settings → Audit trail. */
export function PrintedRecordCheck(): ReactNode {
  const [seq, setSeq] = useState('');
  const [hash, setHash] = useState('');
  return (
    <RecordCheckForm
      channel="audit:checkPrinted"
      title="Check a printed record"
      hint="Type or paste the journal entry number and hash from the foot of a printed minute or notice."
      checkLabel="Check"
      input={() => ({ seq: Number(seq.trim()), hash })}
      answer={(answer) => (
        <p className={answer.outcome === 'match' ? 'message message-success' : 'message message-error'}>
          <strong>{answer.outcome === 'match' ? 'Found: this is the record.' : 'Not found as printed.'}</strong>{' '}
          {answer.message}
        </p>
      )}
      refusal={(error) =>
        error.details?.issues?.length
          ? error.details.issues.map((i) => `${i.field === 'seq' ? 'Journal entry' : 'Hash'} ${i.message}`).join('; ')
          : error.message
      }
    >
      <CodeField label="Journal entry" inputMode="numeric" value={seq} onChange={setSeq} />
      <CodeField label="Hash" value={hash} onChange={setHash} spellCheck={false} />
    </RecordCheckForm>
  );
}
