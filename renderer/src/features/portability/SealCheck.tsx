/**
 * A signed decision's seal on its page, and "Check a seal": a seal typed or
 * pasted from a printed notice is checked against the record, and when it is
 * an earlier one, the page says what changed since (the amendments).
 */
import { useState, type ReactNode } from 'react';
import { shortSeal } from '../../../../shared/rules/seals.ts';
import { useQuery } from '../../apiHooks.ts';
import { Panel } from '../../components/Panel.tsx';
import { CodeField, RecordCheckForm } from '../../components/RecordCheckForm.tsx';

/** The seal panel of a signed decision's page. */
export function SealPanel({ decisionId }: { readonly decisionId: string }): ReactNode {
  const seals = useQuery('decisions:seals', { id: decisionId });
  const [typed, setTyped] = useState('');
  const current = seals.status === 'ok' ? seals.value.current : null;
  return (
    <Panel id="decision-seal" title="Seal">
      {current !== null && (
        <p>
          Seal <code>{shortSeal(current.seal)}</code>, in full <code className="seal-full">{current.seal}</code>, made
          at journal entry {current.seq}. It covers {seals.status === 'ok' ? seals.value.fields.join(', ') : ''}.
        </p>
      )}
      <RecordCheckForm
        channel="decisions:checkSeal"
        title="Check a seal"
        checkLabel="Check the seal"
        input={() => ({ id: decisionId, seal: typed })}
        answer={(answer) => (
          <div className={answer.verdict === 'current' ? 'message message-success' : 'message message-warning'}>
            <p>
              <strong>
                {answer.verdict === 'current'
                  ? 'The record matches this seal.'
                  : answer.verdict === 'earlier'
                    ? 'This is an earlier seal: the record has changed since.'
                    : 'This seal is not of this record.'}
              </strong>{' '}
              {answer.message}
            </p>
            {answer.amendmentsSince.length > 0 && (
              <ul>
                {answer.amendmentsSince.map((a) => (
                  <li key={a.at + a.what}>
                    Amended: {a.what} ({a.why})
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      >
        <CodeField label="Seal from a printed notice" value={typed} onChange={setTyped} spellCheck={false} />
      </RecordCheckForm>
    </Panel>
  );
}
