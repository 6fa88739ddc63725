/**
 * A signed decision's seal on its page, and "Check a seal": a seal typed or
 * pasted from a printed notice is checked against the record, and when it is
 * an earlier one, the page says what changed since (the amendments).
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { SealCheck as Check } from '../../../../shared/contract/sealTypes.ts';
import { shortSeal } from '../../../../shared/rules/seals.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { Panel } from '../../components/Panel.tsx';
import { busyButtonProps } from '../../components/busyButton.ts';

/** The seal panel of a signed decision's page. */
export function SealPanel({ decisionId }: { readonly decisionId: string }): ReactNode {
  const id = useId();
  const seals = useQuery('decisions:seals', { id: decisionId });
  const check = useMutation('decisions:checkSeal');
  const [typed, setTyped] = useState('');
  const [answer, setAnswer] = useState<Check | undefined>(undefined);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setAnswer(undefined);
    const result = await check.run({ id: decisionId, seal: typed });
    if (result.ok) setAnswer(result.value);
  }

  const current = seals.status === 'ok' ? seals.value.current : null;
  return (
    <Panel id="decision-seal" title="Seal">
      {current !== null && (
        <p>
          Seal <code>{shortSeal(current.seal)}</code>, in full <code className="seal-full">{current.seal}</code>, made
          at journal entry {current.seq}. It covers {seals.status === 'ok' ? seals.value.fields.join(', ') : ''}.
        </p>
      )}
      <form aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} noValidate>
        <h3 id={`${id}-title`}>Check a seal</h3>
        <div className="field">
          <label htmlFor={`${id}-seal`}>Seal from a printed notice</label>
          <input
            id={`${id}-seal`}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-secondary" {...busyButtonProps(check.pending)}>
            {check.pending ? 'Checking…' : 'Check the seal'}
          </button>
        </div>
        <div role="status">
          {answer !== undefined && (
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
        </div>
        {check.error !== undefined && (
          <p role="alert" className="message message-error">
            {check.error.message}
          </p>
        )}
      </form>
    </Panel>
  );
}
