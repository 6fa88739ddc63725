/**
 * Builds a meeting's agenda: add, edit, remove and reorder items (number,
 * title, presenter, taken in private or not), attach papers from the library,
 * link contracts to an item (their suppliers are checked against members'
 * interests), and record each member's declaration of interest on an item. The whole
 * agenda is saved in one go; a problem from the backend (`agenda.0.title`)
 * shows next to that item's field.
 */
import { useLayoutEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AgendaItem } from '../../../../shared/schema/meetings.ts';
import type { MeetingDetail } from '../../../../shared/contract/views.ts';
import { goTo, linkTo } from '../../app/location.ts';
import { useChange } from '../../changes.ts';
import { CheckboxField, ErrorSummary, Field, InputField, useFocusFirstInvalid } from '../../components/Field.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { PaperPicker } from './PaperPicker.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { useQuery } from '../../apiHooks.ts';

interface DeclarationDraft {
  readonly key: number;
  readonly memberId: string;
  readonly interest: string;
}

interface ItemDraft {
  readonly key: number;
  readonly id: string | undefined;
  readonly number: string;
  readonly title: string;
  readonly presenter: string;
  readonly confidential: boolean;
  readonly paperIds: readonly string[];
  readonly declarations: readonly DeclarationDraft[];
  /** The contracts the item links (from the forward plan or "Link a contract"). */
  readonly contractIds?: readonly string[] | undefined;
}

/** What the editor knows of a paper to show it on an item. */
interface PaperLabel {
  readonly reference: string;
  readonly title: string;
  readonly confidential: boolean;
}

let nextKey = 1;

function draftOf(item: AgendaItem): ItemDraft {
  return {
    key: nextKey++,
    id: item.id,
    number: item.number,
    title: item.title,
    presenter: item.presenter,
    confidential: item.confidential,
    paperIds: item.paperIds,
    declarations: item.declarations.map((d) => ({ key: nextKey++, memberId: d.memberId, interest: d.interest })),
    contractIds: item.contractIds,
  };
}

/** The next item number after the highest whole number used, e.g. "3" after 1 and 2. */
export function nextItemNumber(numbers: readonly string[]): string {
  const whole = numbers.map((n) => Number.parseInt(n, 10)).filter((n) => Number.isFinite(n));
  return String(whole.length === 0 ? numbers.length + 1 : Math.max(...whole) + 1);
}

/** Moves the element at `from` to `to`. */
function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [element] = next.splice(from, 1);
  if (element !== undefined) next.splice(to, 0, element);
  return next;
}

const ITEM_FIELDS = { number: 'Number', title: 'Title', presenter: 'Presenter' } as const;

/** The agenda editor of a meeting. */
export function AgendaEditor({ detail }: { readonly detail: MeetingDetail }): ReactNode {
  const { meeting, members } = detail;
  const [items, setItems] = useState<readonly ItemDraft[]>(() => meeting.agenda.map(draftOf));
  const [labels, setLabels] = useState<ReadonlyMap<string, PaperLabel>>(
    () =>
      new Map(
        Object.values(detail.papers).map((p) => [
          p.id,
          { reference: p.reference, title: p.title, confidential: p.classification === 'confidential' },
        ]),
      ),
  );
  const [picking, setPicking] = useState<number | undefined>(undefined);
  const [focusKey, setFocusKey] = useState<number | undefined>(undefined);
  /** The item just moved and the button that moved it: the focus follows the item to its new place. */
  const movedItem = useRef<{ readonly key: number; readonly button: 'up' | 'down' } | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const update = useChange('meetings:update');
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, update.error);
  const errors = fieldErrorsOf(update.error);
  const nameOf = new Map(members.map((m) => [m.id, m.name]));
  const contractList = useQuery('contracts:list', { pageSize: 500, sort: 'reference' });
  const contractRows = contractList.status === 'ok' ? contractList.value.rows : [];
  /** What the editor knows of a contract to show it on an item: the linked ones, then the list's. */
  const contractLabels = new Map<string, string>([
    ...Object.values(detail.contracts).map((c) => [c.id, `${c.reference}: ${c.title}`] as const),
    ...contractRows.map((c) => [c.id, `${c.reference}: ${c.title}`] as const),
  ]);
  /** The contract chosen in each item's "Link a contract" list, by item key, and a problem with it. */
  const [chosen, setChosen] = useState<Readonly<Record<number, string>>>({});
  const [linkProblem, setLinkProblem] = useState<{ readonly key: number; readonly message: string } | undefined>(
    undefined,
  );
  /** The item whose link was just removed: the focus goes to its "Contract to link" list. */
  const unlinkedFrom = useRef<number | undefined>(undefined);

  function change(key: number, patch: (item: ItemDraft) => ItemDraft): void {
    setItems((list) => list.map((item) => (item.key === key ? patch(item) : item)));
  }

  /** A change of structure makes the last save's problems point at the wrong items: forget them. */
  function restructure(next: readonly ItemDraft[]): void {
    update.reset();
    setItems(next);
  }

  /** Moves item `from` to `to`, keeps the focus on its button and says where it is now. */
  function move(from: number, to: number, button: 'up' | 'down'): void {
    const item = items[from];
    if (item === undefined || to < 0 || to >= items.length) return;
    restructure(moved(items, from, to));
    movedItem.current = { key: item.key, button };
    setAnnouncement(`Item ${item.number || from + 1} moved to position ${to + 1} of ${items.length}.`);
  }

  // After the move is drawn (the item's element moved, which drops the focus): back on its button.
  useLayoutEffect(() => {
    const just = movedItem.current;
    if (just === undefined) return;
    movedItem.current = undefined;
    form.current?.querySelector<HTMLElement>(`[data-item-key="${just.key}"] [data-move="${just.button}"]`)?.focus();
  });

  // After an unlink (its button went): to the item's list of contracts to link.
  useLayoutEffect(() => {
    const key = unlinkedFrom.current;
    if (key === undefined) return;
    unlinkedFrom.current = undefined;
    form.current?.querySelector<HTMLElement>(`[data-item-key="${key}"] [data-link-contract]`)?.focus();
  });

  function linkContract(item: ItemDraft, itemLabel: string): void {
    const contractId = chosen[item.key] ?? '';
    if (contractId === '') {
      setLinkProblem({ key: item.key, message: 'is required: choose a contract to link' });
      form.current?.querySelector<HTMLElement>(`[data-item-key="${item.key}"] [data-link-contract]`)?.focus();
      return;
    }
    setLinkProblem(undefined);
    change(item.key, (x) => ({ ...x, contractIds: [...(x.contractIds ?? []), contractId] }));
    setChosen((c) => ({ ...c, [item.key]: '' }));
    setAnnouncement(
      `${contractLabels.get(contractId) ?? 'The contract'} linked to ${itemLabel}. Save the agenda to keep it.`,
    );
  }

  function unlinkContract(item: ItemDraft, contractId: string, itemLabel: string): void {
    restructure(
      items.map((x) =>
        x.key === item.key ? { ...x, contractIds: (x.contractIds ?? []).filter((c) => c !== contractId) } : x,
      ),
    );
    unlinkedFrom.current = item.key;
    setAnnouncement(`${contractLabels.get(contractId) ?? 'The contract'} unlinked from ${itemLabel}.`);
  }

  function addItem(): void {
    const key = nextKey++;
    restructure([
      ...items,
      {
        key,
        id: undefined,
        number: nextItemNumber(items.map((i) => i.number)),
        title: '',
        presenter: '',
        confidential: false,
        paperIds: [],
        declarations: [],
      },
    ]);
    setFocusKey(key);
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setPicking(undefined);
    const agenda = items.map((item) => ({
      ...(item.id === undefined ? {} : { id: item.id }),
      number: item.number,
      title: item.title,
      presenter: item.presenter,
      confidential: item.confidential,
      paperIds: [...item.paperIds],
      declarations: item.declarations.map((d) => ({ memberId: d.memberId, interest: d.interest })),
      ...(item.contractIds === undefined ? {} : { contractIds: [...item.contractIds] }),
    }));
    const result = await update.run({ id: meeting.id, agenda });
    if (result.ok) goTo(linkTo(['meetings', meeting.id]));
  }

  const problems: string[] = [];
  items.forEach((item, i) => {
    const name = `Item ${item.number || i + 1}`;
    for (const [field, label] of Object.entries(ITEM_FIELDS)) {
      const message = errors[`agenda.${i}.${field}`];
      if (message !== undefined) problems.push(`${name}: ${label} ${message}`);
    }
    item.paperIds.forEach((_, j) => {
      const message = errors[`agenda.${i}.paperIds.${j}`];
      if (message !== undefined) problems.push(`${name}: a paper: ${message}`);
    });
    (item.contractIds ?? []).forEach((_, j) => {
      const message = errors[`agenda.${i}.contractIds.${j}`];
      if (message !== undefined) problems.push(`${name}: a linked contract: ${message}`);
    });
    item.declarations.forEach((_, j) => {
      for (const [field, label] of [
        ['memberId', 'Member'],
        ['interest', 'Interest'],
      ] as const) {
        const message = errors[`agenda.${i}.declarations.${j}.${field}`];
        if (message !== undefined) problems.push(`${name}, declaration ${j + 1}: ${label} ${message}`);
      }
    });
  });
  if (errors['agenda'] !== undefined) problems.push(`The agenda ${errors['agenda']}`);
  const otherError =
    update.error !== undefined && update.error.code !== 'invalid_input' ? update.error.message : undefined;

  return (
    <form ref={form} className="form form-wide" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary title="The agenda was not saved" problems={problems} message={otherError} />
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {items.length === 0 && <p className="empty-state">The agenda has no items yet. Add the first item below.</p>}
      <ol className="agenda-editor">
        {items.map((item, i) => {
          const itemLabel = `item ${item.number || i + 1}`;
          const error = (field: string): string | undefined => errors[`agenda.${i}.${field}`];
          return (
            <li key={item.key} className="agenda-editor-item" data-item-key={item.key}>
              <fieldset className="item-fieldset">
                <legend className="item-legend">
                  <h2 className="item-legend-title">
                    Item {item.number || i + 1}
                    {item.title ? `: ${item.title}` : ''}
                  </h2>
                </legend>
                <div className="item-tools" role="group" aria-label={`Move or remove ${itemLabel}`}>
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    data-move="up"
                    aria-disabled={i === 0 || undefined}
                    onClick={() => move(i, i - 1, 'up')}
                  >
                    Move up<span className="visually-hidden"> {itemLabel}</span>
                  </button>
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    data-move="down"
                    aria-disabled={i === items.length - 1 || undefined}
                    onClick={() => move(i, i + 1, 'down')}
                  >
                    Move down<span className="visually-hidden"> {itemLabel}</span>
                  </button>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => restructure(items.filter((x) => x.key !== item.key))}
                  >
                    Remove<span className="visually-hidden"> {itemLabel}</span>
                  </button>
                </div>
                <div className="item-grid">
                  <InputField
                    label="Number"
                    error={error('number')}
                    className="field-number"
                    inputClassName="input input-short"
                    value={item.number}
                    onChange={(value) => change(item.key, (x) => ({ ...x, number: value }))}
                  />
                  <Field label="Title" error={error('title')} className="field-grow">
                    {(control) => (
                      <input
                        {...control}
                        className="input input-wide"
                        autoFocus={item.key === focusKey}
                        value={item.title}
                        onChange={(e) => change(item.key, (x) => ({ ...x, title: e.target.value }))}
                      />
                    )}
                  </Field>
                </div>
                <InputField
                  label="Presenter"
                  optional
                  error={error('presenter')}
                  inputClassName="input input-wide"
                  value={item.presenter}
                  onChange={(value) => change(item.key, (x) => ({ ...x, presenter: value }))}
                />
                <CheckboxField
                  label="Confidential: taken in private"
                  hint="The item is taken in the private part of the meeting, without the public."
                  checked={item.confidential}
                  onChange={(checked) => change(item.key, (x) => ({ ...x, confidential: checked }))}
                />

                <div className="item-section">
                  <h3 className="item-section-title">Papers</h3>
                  {item.paperIds.length === 0 && <p className="muted">No papers on this item.</p>}
                  <ul className="plain-list item-papers">
                    {item.paperIds.map((paperId, j) => {
                      const label = labels.get(paperId);
                      const problem = error(`paperIds.${j}`);
                      return (
                        <li key={paperId} className="item-paper">
                          <span>
                            {label === undefined ? (
                              <span className="muted">A paper no longer in the library</span>
                            ) : (
                              <>
                                <span className="reference">{label.reference}</span> {label.title}
                                {label.confidential && <span className="badge badge-confidential">Confidential</span>}
                              </>
                            )}
                            {problem !== undefined && <span className="field-error"> {problem}</span>}
                          </span>
                          <button
                            type="button"
                            className="button button-small button-quiet"
                            onClick={() =>
                              restructure(
                                items.map((x) =>
                                  x.key === item.key ? { ...x, paperIds: x.paperIds.filter((p) => p !== paperId) } : x,
                                ),
                              )
                            }
                          >
                            Remove
                            <span className="visually-hidden">
                              {' '}
                              {label?.reference ?? 'the paper'} from {itemLabel}
                            </span>
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                  {picking === item.key ? (
                    <PaperPicker
                      itemLabel={itemLabel}
                      exclude={item.paperIds}
                      onClose={() => setPicking(undefined)}
                      onPick={(paper) => {
                        setLabels((l) =>
                          new Map(l).set(paper.id, {
                            reference: paper.reference,
                            title: paper.title,
                            confidential: paper.classification === 'confidential',
                          }),
                        );
                        change(item.key, (x) => ({ ...x, paperIds: [...x.paperIds, paper.id] }));
                      }}
                    />
                  ) : (
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      onClick={() => setPicking(item.key)}
                    >
                      Add a paper<span className="visually-hidden"> to {itemLabel}</span>
                    </button>
                  )}
                </div>

                <div className="item-section">
                  <h3 className="item-section-title">Contracts</h3>
                  {(item.contractIds ?? []).length === 0 && (
                    <p className="muted">No contracts linked: link one to check its suppliers against interests.</p>
                  )}
                  <ul className="plain-list item-papers">
                    {(item.contractIds ?? []).map((contractId, j) => {
                      const label = contractLabels.get(contractId);
                      const problem = error(`contractIds.${j}`);
                      return (
                        <li key={contractId} className="item-paper">
                          <span>
                            {label ?? <span className="muted">A contract no longer on record</span>}
                            {problem !== undefined && <span className="field-error"> {problem}</span>}
                          </span>
                          <button
                            type="button"
                            className="button button-small button-quiet"
                            onClick={() => unlinkContract(item, contractId, itemLabel)}
                          >
                            Unlink
                            <span className="visually-hidden">
                              {' '}
                              {label ?? 'the contract'} from {itemLabel}
                            </span>
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                  <div className="declaration-row">
                    <Field
                      label={`Contract to link to ${itemLabel}`}
                      error={linkProblem?.key === item.key ? linkProblem.message : undefined}
                      className="field-grow"
                    >
                      {(control) => (
                        <select
                          {...control}
                          className="input input-wide"
                          data-link-contract=""
                          value={chosen[item.key] ?? ''}
                          onChange={(e) => {
                            setLinkProblem(undefined);
                            setChosen((c) => ({ ...c, [item.key]: e.target.value }));
                          }}
                        >
                          <option value="">Choose a contract</option>
                          {contractRows
                            .filter((c) => !(item.contractIds ?? []).includes(c.id))
                            .map((c) => (
                              <option key={c.id} value={c.id}>
                                {c.reference}: {c.title} ({c.suppliers.join(', ')})
                              </option>
                            ))}
                        </select>
                      )}
                    </Field>
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      onClick={() => linkContract(item, itemLabel)}
                    >
                      Link a contract<span className="visually-hidden"> to {itemLabel}</span>
                    </button>
                  </div>
                </div>

                <div className="item-section">
                  <h3 className="item-section-title">Declarations of interest</h3>
                  {item.declarations.length === 0 && <p className="muted">No one has declared an interest.</p>}
                  {item.declarations.map((d, j) => (
                    <div key={d.key} className="declaration-row">
                      <Field label="Member" error={error(`declarations.${j}.memberId`)}>
                        {(control) => (
                          <select
                            {...control}
                            className="input"
                            autoFocus={d.key === focusKey}
                            value={d.memberId}
                            onChange={(e) =>
                              change(item.key, (x) => ({
                                ...x,
                                declarations: x.declarations.map((y) =>
                                  y.key === d.key ? { ...y, memberId: e.target.value } : y,
                                ),
                              }))
                            }
                          >
                            <option value="">Choose a member</option>
                            {members.map((m) => (
                              <option key={m.id} value={m.id}>
                                {m.name}
                              </option>
                            ))}
                            {d.memberId !== '' && !nameOf.has(d.memberId) && (
                              <option value={d.memberId}>A former member</option>
                            )}
                          </select>
                        )}
                      </Field>
                      <Field
                        label="Interest declared"
                        error={error(`declarations.${j}.interest`)}
                        className="field-grow"
                      >
                        {(control) => (
                          <input
                            {...control}
                            className="input input-wide"
                            value={d.interest}
                            onChange={(e) =>
                              change(item.key, (x) => ({
                                ...x,
                                declarations: x.declarations.map((y) =>
                                  y.key === d.key ? { ...y, interest: e.target.value } : y,
                                ),
                              }))
                            }
                          />
                        )}
                      </Field>
                      <button
                        type="button"
                        className="button button-small button-quiet declaration-remove"
                        onClick={() =>
                          restructure(
                            items.map((x) =>
                              x.key === item.key
                                ? { ...x, declarations: x.declarations.filter((y) => y.key !== d.key) }
                                : x,
                            ),
                          )
                        }
                      >
                        Remove
                        <span className="visually-hidden">
                          {' '}
                          declaration {j + 1} on {itemLabel}
                        </span>
                      </button>
                    </div>
                  ))}
                  <button
                    type="button"
                    className="button button-small button-secondary"
                    onClick={() => {
                      const key = nextKey++;
                      setFocusKey(key);
                      restructure(
                        items.map((x) =>
                          x.key === item.key
                            ? { ...x, declarations: [...x.declarations, { key, memberId: '', interest: '' }] }
                            : x,
                        ),
                      );
                    }}
                  >
                    Add a declaration<span className="visually-hidden"> on {itemLabel}</span>
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={addItem}>
          Add an item
        </button>
        {items.length > 1 && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => restructure(items.map((item, i) => ({ ...item, number: String(i + 1) })))}
          >
            Number the items 1 to {items.length} in this order
          </button>
        )}
      </div>
      <FormActions label="Save the agenda" pending={update.pending} cancel={linkTo(['meetings', meeting.id])} />
    </form>
  );
}
