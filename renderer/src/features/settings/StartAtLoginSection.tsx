/**
 * Settings: start Boardkeeper when the person logs in, so reminders come on
 * time. Where the host cannot (the web host), it says so and the box is off
 * and disabled.
 */
import { useId, type ReactNode } from 'react';
import { useMutation, useQuery } from '../../apiHooks.ts';

/** The start at login panel in Settings. */
export function StartAtLoginSection(): ReactNode {
  const state = useQuery('app:getStartAtLogin', {});
  const set = useMutation('app:setStartAtLogin');
  const id = useId();
  const supported = state.status === 'ok' && state.value.supported;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        Start at login
      </h2>
      {state.status === 'loading' && <p className="muted">Asking this computer…</p>}
      {state.status === 'error' && (
        <p role="alert" className="message message-error">
          Whether Boardkeeper starts at login could not be read: {state.error.message}
        </p>
      )}
      {state.status === 'ok' && (
        <div className="field field-checkbox">
          <input
            id={id}
            type="checkbox"
            checked={state.value.enabled}
            disabled={!supported || set.pending}
            aria-describedby={`${id}-hint`}
            onChange={(event) => void set.run({ enabled: event.target.checked })}
          />
          <div>
            <label htmlFor={id}>Start Boardkeeper when I log in</label>
            <p id={`${id}-hint`} className="field-hint">
              {supported
                ? `So reminders come on time without opening the app. ${state.value.how}`
                : state.value.how || 'This version of Boardkeeper cannot start when you log in.'}
            </p>
          </div>
        </div>
      )}
      {set.error !== undefined && (
        <p role="alert" className="message message-error">
          The setting was not changed: {set.error.message}
        </p>
      )}
    </section>
  );
}
