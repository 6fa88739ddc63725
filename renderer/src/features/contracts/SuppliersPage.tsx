/**
 * Suppliers (`#/contracts/suppliers`): the board's contracts grouped by
 * supplier, names matched across contracts (and by the aliases the board
 * records here: "these two names are the same supplier"), with the number of
 * contracts, total and annual value, direct awards, the earliest end and the
 * decisions about them.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { linkTo } from '../../app/location.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorSummary, InputField } from '../../components/Field.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { announce } from '../../components/UndoToast.tsx';
import { formatCalendarDate } from '../../format.ts';
import { formatGbp } from '../../money.ts';
import { RouteText } from './contractWords.tsx';

function SameSupplierForm(): ReactNode {
  const settings = useQuery('settings:get', {});
  const update = useMutation('settings:update');
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [problem, setProblem] = useState('');
  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (settings.status !== 'ok') return;
    if (a.trim() === '' || b.trim() === '') {
      setProblem('Both names are required');
      return;
    }
    setProblem('');
    const result = await update.run({ supplierAliases: [...settings.value.supplierAliases, [a.trim(), b.trim()]] });
    if (result.ok) {
      announce(`Recorded that “${a.trim()}” and “${b.trim()}” are the same supplier`);
      setA('');
      setB('');
    }
  }
  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label="Same supplier">
      <ErrorSummary
        title="Not recorded"
        problems={problem ? [problem] : []}
        message={update.error !== undefined ? update.error.message : undefined}
      />
      <InputField label="This supplier name" value={a} onChange={setA} />
      <InputField label="is the same supplier as" value={b} onChange={setB} />
      <button type="submit" className="button button-primary" disabled={update.pending}>
        Record as the same supplier
      </button>
    </form>
  );
}

/** The suppliers page. */
export function SuppliersPage(): ReactNode {
  const suppliers = useQuery('contracts:suppliers', {});
  return (
    <>
      <Breadcrumb trail={[{ href: linkTo(['contracts']), label: 'Contracts' }]} />
      <PageHeading>Suppliers</PageHeading>
      <p className="page-subtitle">
        Contracts grouped by supplier. Totals count the board’s own contracts, proposed and blocked ones at their
        proposed value; watched contracts are listed, not counted.
      </p>
      {suppliers.status === 'loading' && <p className="muted">Loading…</p>}
      {suppliers.status === 'error' && <LoadProblem what="The suppliers" error={suppliers.error} />}
      {suppliers.status === 'ok' && (
        <>
          {suppliers.value.length === 0 && <p className="muted">No contracts yet.</p>}
          {suppliers.value.map((s) => (
            <Panel key={s.key} id={`supplier-${s.key.replace(/\W+/g, '-')}`} title={s.names.join(' / ')}>
              {s.aliases.length > 0 && <p className="muted">Also recorded as: {s.aliases.join(', ')}</p>}
              <dl className="facts facts-plain">
                <div>
                  <dt>Contracts held</dt>
                  <dd>{s.heldContracts}</dd>
                </div>
                <div>
                  <dt>Total value (with options)</dt>
                  <dd>
                    {formatGbp(s.totalValueGbp)}
                    {s.undisclosed > 0 && <span className="muted"> (+ {s.undisclosed} undisclosed)</span>}
                  </dd>
                </div>
                <div>
                  <dt>Annual value</dt>
                  <dd>{formatGbp(s.annualValueGbp)}</dd>
                </div>
                <div>
                  <dt>Direct awards</dt>
                  <dd>{s.directAwards}</dd>
                </div>
                <div>
                  <dt>Earliest end</dt>
                  <dd>
                    {s.earliestEnd ? formatCalendarDate(s.earliestEnd) : <span className="muted">None running</span>}
                  </dd>
                </div>
              </dl>
              <DataTable
                caption={`Contracts with ${s.names[0]}`}
                columns={['Contract', 'Route', { label: 'Value', className: 'numeric' }, 'Ends']}
              >
                {s.contracts.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <a href={linkTo(['contracts', c.id])}>
                        <span className="reference">{c.reference}</span> {c.title}
                      </a>
                      {c.kind === 'watched' && <span className="muted"> (watched: not this board’s)</span>}
                      {c.status === 'blocked' && <span className="muted"> (blocked)</span>}
                    </td>
                    <td>
                      <RouteText route={c.route} />
                    </td>
                    <td className="numeric nowrap">{formatGbp(c.valueGbp)}</td>
                    <td className="nowrap">
                      {c.end ? formatCalendarDate(c.end) : <span className="muted">No dates</span>}
                    </td>
                  </tr>
                ))}
              </DataTable>
              {s.decisions.length > 0 && (
                <>
                  <h3>Decisions</h3>
                  <ul className="link-list">
                    {s.decisions.map((d) => (
                      <li key={d.id}>
                        <a href={linkTo(['decisions', d.id])}>{d.reference}</a> {d.title} ({formatCalendarDate(d.date)})
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Panel>
          ))}
          <Panel id="same-supplier" title="Two names, one supplier">
            <p className="section-intro">
              Say that two names are the same supplier: the contracts group together here, and declarations of interest
              are checked against both.
            </p>
            <SameSupplierForm />
          </Panel>
        </>
      )}
    </>
  );
}
