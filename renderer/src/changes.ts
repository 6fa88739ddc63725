/**
 * Changes made from the record screens: a mutation that, once saved,
 * announces what was done in the undo toast.
 */
import { useCallback } from 'react';
import type { Channel, InputOf, OutputOf } from '../../shared/contract/api.ts';
import type { Result } from '../../shared/contract/result.ts';
import type { Saved } from '../../shared/contract/views.ts';
import { useMutation, type Mutation } from './apiHooks.ts';
import { announceSaved } from './components/UndoToast.tsx';

/** The channels that answer `Saved` (a change recorded in the journal). */
export type ChangeChannel = { [C in Channel]: OutputOf<C> extends Saved ? C : never }[Channel];

function isSaved(value: unknown): value is Saved {
  return (
    typeof value === 'object' &&
    value !== null &&
    'seq' in value &&
    typeof value.seq === 'number' &&
    'summary' in value &&
    typeof value.summary === 'string'
  );
}

/** Like useMutation, and a successful change shows the toast with its Undo. */
export function useChange<C extends ChangeChannel>(channel: C): Mutation<C> {
  const mutation = useMutation(channel);
  const { run: runMutation } = mutation;
  const run = useCallback(
    async (input: InputOf<C>): Promise<Result<OutputOf<C>>> => {
      const result = await runMutation(input);
      if (result.ok && isSaved(result.value)) announceSaved(result.value);
      return result;
    },
    [runMutation],
  );
  return { ...mutation, run };
}
