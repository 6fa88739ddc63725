/**
 * Settings: start Boardkeeper when the person logs in, so reminders come on
 * time. Where the host cannot (the web host), it says so and the box is off
 * and disabled.
 */
import { useId, type ReactNode } from 'react';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Panel } from '../../components/Panel.tsx';
import { busyButtonProps } from '../../components/busyButton.ts';

/** The start at login panel in Settings. */
export function StartAtLoginSection(): ReactNode {
  const state = useQuery('app:getStartAtLogin', {});
  const set = useMutation('app:setStartAtLogin');
  const id = useId();
  const supported = state.status === 'ok' && state.value.supported;
  return (
    <Panel id={`${id}-title`} title="Start at login">
      {state.status === 'loading' && <p className="muted">Asking this computer…</p>}
      {state.status === 'error' && (
        <ErrorMessage>Whether Boardkeeper starts at login could not be read: {state.error.message}</ErrorMessage>
      )}
      {state.status === 'ok' && (
        <div className="field field-checkbox">
          <input
            id={id}
            type="checkbox"
            checked={state.value.enabled}
            disabled={!supported}
            {...busyButtonProps(set.pending)}
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
      {set.error !== undefined && <ErrorMessage>The setting was not changed: {set.error.message}</ErrorMessage>}
    </Panel>
  );
}
