/**
 * The Contracts area: the list (`#/contracts`), a new contract
 * (`#/contracts/new`), a contract's page (`#/contracts/<id>`) and its edit
 * form (`#/contracts/<id>/edit`).
 */
import type { ReactNode } from 'react';
import { useQuery } from '../../apiHooks.ts';
import { linkTo, useFocusHeadingOnPageChange, usePlace } from '../../app/location.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ContractForm } from './ContractForm.tsx';
import { ContractPage } from './ContractPage.tsx';
import { ContractsList } from './ContractsList.tsx';
import { ForwardPlanPage } from './ForwardPlanPage.tsx';
import { SuppliersPage } from './SuppliersPage.tsx';

function EditContract({ id }: { readonly id: string }): ReactNode {
  const detail = useQuery('contracts:get', { id });
  const contract = detail.status === 'ok' ? detail.value.contract : undefined;
  return (
    <>
      <Breadcrumb
        trail={[
          { href: linkTo(['contracts']), label: 'Contracts' },
          ...(contract !== undefined ? [{ href: linkTo(['contracts', id]), label: contract.reference }] : []),
        ]}
      />
      <PageHeading>{contract === undefined ? 'Edit contract' : `Edit ${contract.reference}`}</PageHeading>
      {detail.status === 'loading' && <p className="muted">Loading…</p>}
      {detail.status === 'error' && <LoadProblem what="This contract" error={detail.error} />}
      {detail.status === 'ok' && <ContractForm key={id} detail={detail.value} />}
    </>
  );
}

/** Shows the contracts page the address names. */
export function ContractsArea(): ReactNode {
  const { path, query } = usePlace();
  const [first, second] = path;
  useFocusHeadingOnPageChange(path.join('/'));
  if (first === undefined) return <ContractsList query={query} />;
  if (first === 'forward-plan') return <ForwardPlanPage />;
  if (first === 'suppliers') return <SuppliersPage />;
  if (first === 'new') {
    return (
      <>
        <Breadcrumb trail={[{ href: linkTo(['contracts']), label: 'Contracts' }]} />
        <PageHeading>Add a contract</PageHeading>
        <ContractForm />
      </>
    );
  }
  if (second === 'edit') return <EditContract id={first} />;
  return <ContractPage id={first} />;
}
