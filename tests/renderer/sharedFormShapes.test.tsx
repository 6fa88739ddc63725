// @vitest-environment jsdom
/**
 * The shapes that several screens' forms now share, in a DOM through the
 * renderer's real client and hooks: the contract page's procurement form (a
 * problem found before sending is listed and nothing is sent; a refused
 * field is named with its record path shortened; a save closes the form and
 * empties what the panel asks), the "check a code against the record" form
 * (the screen's own answer and refusal words), and a row list of plain
 * fields (break clauses: each row's labels and problems, focus in the new
 * row).
 */
import { act, useState, type ReactNode } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputField } from '../../renderer/src/components/Field.tsx';
import { CodeField, RecordCheckForm } from '../../renderer/src/components/RecordCheckForm.tsx';
import { draftOf, type Draft } from '../../renderer/src/features/contracts/contractForm/contractDraft.ts';
import { DraftRowList } from '../../renderer/src/features/contracts/contractForm/DraftRowList.tsx';
import { ProcurementRecordForm } from '../../renderer/src/features/contracts/ProcurementRecordForm.tsx';
import { PrintedRecordCheck } from '../../renderer/src/features/settings/PrintedRecordCheck.tsx';
import {
  buttonIn,
  labelledControl,
  mountRoot,
  recordingBridge,
  settle,
  unmountRoot,
  type RecordingBridge,
} from './mountHelpers.ts';

let container: HTMLDivElement;
let root: Root;
let bridge: RecordingBridge;

beforeEach(() => {
  bridge = recordingBridge();
  ({ container, root } = mountRoot(bridge));
});

afterEach(async () => {
  await unmountRoot({ container, root });
});

function byLabel<T extends HTMLElement>(text: string): T {
  return labelledControl<T>(container, text);
}

/** Types `value` into `input` as React sees typing. */
function type(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function press(name: string): Promise<void> {
  await act(async () => {
    buttonIn(container, name).click();
  });
  await settle();
}

/** A procurement form of one field, "Months", refused before sending unless it is a whole number. */
function MonthsForm(): ReactNode {
  const [months, setMonths] = useState('');
  return (
    <ProcurementRecordForm
      contractId="ctr_1"
      name="Add a modification"
      openLabel="Add a modification"
      notSaved="The modification was not added"
      saveLabel="Add the modification"
      errorPath={/^modifications\.\d+\./}
      patch={() =>
        /^\d+$/.test(months)
          ? { modifications: [{ date: '2026-11-02', description: 'More', valueChangeGbp: 0, termChangeMonths: 3 }] }
          : 'Term change: must be a whole number of months'
      }
      onSaved={() => setMonths('')}
    >
      <InputField label="Months" value={months} onChange={setMonths} />
    </ProcurementRecordForm>
  );
}

describe('the procurement form', () => {
  it('lists a problem found before sending and sends nothing; names a refused field without its record path', async () => {
    bridge.answer = () => ({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'The contract was not saved',
        details: { issues: [{ field: 'modifications.0.description', message: 'is required' }] },
      },
    });
    await act(async () => root.render(<MonthsForm />));
    expect(container.querySelector('form')).toBeNull();
    await press('Add a modification');
    expect(container.querySelector('form')?.getAttribute('aria-label')).toBe('Add a modification');

    await act(async () => type(byLabel('Months'), 'three'));
    await press('Add the modification');
    expect(bridge.calls).toEqual([]);
    const summary = container.querySelector('[role="alert"]');
    expect(summary?.querySelector('h2')?.textContent).toBe('The modification was not added');
    expect([...summary!.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Term change: must be a whole number of months',
    ]);

    await act(async () => type(byLabel('Months'), '3'));
    await press('Add the modification');
    expect(bridge.calls).toHaveLength(1);
    expect(bridge.calls[0]!.channel).toBe('contracts:update');
    expect(bridge.calls[0]!.input).toMatchObject({ id: 'ctr_1', modifications: [{ termChangeMonths: 3 }] });
    expect([...container.querySelectorAll('[role="alert"] li')].map((li) => li.textContent)).toEqual([
      'description is required',
    ]);
  });

  it('closes after a save and empties what the panel asks', async () => {
    bridge.answer = () => ({ ok: true, value: { id: 'ctr_1', seq: 4, summary: 'Updated contract CTR-1' } });
    await act(async () => root.render(<MonthsForm />));
    await press('Add a modification');
    await act(async () => type(byLabel('Months'), '3'));
    await press('Add the modification');
    expect(container.querySelector('form')).toBeNull();
    await press('Add a modification');
    expect(byLabel<HTMLInputElement>('Months').value).toBe('');
  });
});

describe('checking a code against the record', () => {
  it('shows the screen’s own answer, and a refusal in the screen’s own words', async () => {
    bridge.answer = (_channel, input) =>
      (input as { seq: number }).seq === 0
        ? {
            ok: false,
            error: {
              code: 'invalid_input',
              message: 'The check was refused',
              details: { issues: [{ field: 'seq', message: 'must be a journal entry number (1 or more)' }] },
            },
          }
        : { ok: true, value: { outcome: 'match', message: 'Entry 12 of the journal.' } };
    await act(async () => root.render(<PrintedRecordCheck />));
    expect(container.querySelector('h3')?.textContent).toBe('Check a printed record');
    const form = container.querySelector('form')!;
    expect(form.getAttribute('aria-labelledby')).toBe(container.querySelector('h3')!.id);

    await act(async () => type(byLabel('Journal entry'), ' 12 '));
    await act(async () => type(byLabel('Hash'), 'ABC'));
    await press('Check');
    expect(bridge.calls).toEqual([{ channel: 'audit:checkPrinted', input: { seq: 12, hash: 'ABC' } }]);
    expect(container.querySelector('[role="status"]')?.textContent).toBe(
      'Found: this is the record. Entry 12 of the journal.',
    );

    await act(async () => type(byLabel('Journal entry'), '0'));
    await press('Check');
    expect(container.querySelector('[role="status"]')?.textContent).toBe('');
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(
      'Journal entry must be a journal entry number (1 or more)',
    );
  });

  it('labels each code field, with no autocompletion', async () => {
    bridge.answer = () => ({ ok: true, value: {} });
    await act(async () =>
      root.render(
        <RecordCheckForm
          channel="audit:checkPrinted"
          title="Check"
          checkLabel="Check"
          input={() => ({ seq: 1, hash: '' })}
          answer={() => 'answered'}
        >
          <CodeField label="Seal" value="" onChange={() => undefined} spellCheck={false} />
        </RecordCheckForm>,
      ),
    );
    const seal = byLabel<HTMLInputElement>('Seal');
    expect(seal.getAttribute('autocomplete')).toBe('off');
    expect(seal.getAttribute('spellcheck')).toBe('false');
  });
});

describe('a row list of plain fields', () => {
  function Breaks({
    errors,
    saves,
  }: {
    readonly errors: Readonly<Record<string, string>>;
    readonly saves: number;
  }): ReactNode {
    const [draft, setDraft] = useState<Draft>(() => draftOf(undefined));
    return (
      <DraftRowList
        list="breaks"
        draft={draft}
        set={(field, value) => setDraft((d) => ({ ...d, [field]: value }))}
        errors={errors}
        saves={saves}
      />
    );
  }

  it('labels each row’s fields by its number, shows each row’s problems, and puts the focus in a new row', async () => {
    await act(async () => root.render(<Breaks errors={{}} saves={0} />));
    await press('Add a break clause');
    expect(document.activeElement).toBe(byLabel('Break 1: earliest date'));
    await press('Add a break clause');
    expect(document.activeElement).toBe(byLabel('Break 2: earliest date'));
    const days = byLabel<HTMLInputElement>('Break 2: notice in days');
    expect(days.inputMode).toBe('numeric');
    expect(days.className).toBe('input input-short');
    expect(byLabel<HTMLInputElement>('Break 1: earliest date').type).toBe('date');
    expect(container.textContent).toContain('Break 2: note (optional)');

    await act(async () => type(days, '90'));
    expect(byLabel<HTMLInputElement>('Break 2: notice in days').value).toBe('90');

    await act(async () =>
      root.render(<Breaks errors={{ 'breakClauses.1.noticeDays': 'must be a whole number' }} saves={1} />),
    );
    expect([...container.querySelectorAll('.field-error')].map((p) => p.textContent)).toEqual([
      'Error: Break 2: notice in days must be a whole number',
    ]);
  });
});
