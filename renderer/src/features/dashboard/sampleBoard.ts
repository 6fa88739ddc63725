/**
 * Loading the sample board (the 2026 case) from the dashboard or Settings.
 * Over existing data the backend refuses with a message that says a backup
 * will be made first; the screen shows that message and, once the person
 * confirms, asks again with `confirm: true`.
 */
import { useState } from 'react';
import type { AppError } from '../../../../shared/contract/result.ts';
import { useMutation } from '../../apiHooks.ts';
import { announceSaved } from '../../components/UndoToast.tsx';

/** The state of a sample load and what a screen can do with it. */
export interface SampleBoardLoader {
  /** Asks to load it; over existing data this ends with `question` set. */
  readonly load: () => Promise<void>;
  /** The backend's question when data is already there (its message), until answered. */
  readonly question: string | undefined;
  /** Goes on after the question: a backup is made, then the sample is added. */
  readonly confirm: () => Promise<void>;
  readonly cancel: () => void;
  readonly pending: boolean;
  /** A failure other than the question. */
  readonly error: AppError | undefined;
  /** What was done, once loaded. */
  readonly done: string | undefined;
}

/** Loads the sample board, asking first when the data folder is not empty. */
export function useSampleBoard(): SampleBoardLoader {
  const mutation = useMutation('sample:load');
  const [question, setQuestion] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);

  async function run(confirm: boolean): Promise<void> {
    setDone(undefined);
    const result = await mutation.run({ confirm });
    if (result.ok) {
      const backup = result.value.backup === null ? '' : ' A backup of the data before it was made first.';
      setDone(`The sample board was loaded.${backup}`);
      announceSaved({ id: '', seq: result.value.seq, summary: result.value.summary });
    } else if (result.error.code === 'conflict' && result.error.details?.['needsConfirm'] === true) {
      setQuestion(result.error.message);
    }
  }

  return {
    load: () => run(false),
    question,
    confirm: async () => {
      setQuestion(undefined);
      await run(true);
    },
    cancel: () => {
      setQuestion(undefined);
      mutation.reset();
    },
    pending: mutation.pending,
    error: mutation.error?.code === 'conflict' && question !== undefined ? undefined : mutation.error,
    done,
  };
}
