/**
 * The Decisions area: the register (`#/decisions`), a new decision
 * (`#/decisions/new`), a decision's page (`#/decisions/<id>`) and the edit
 * form of a draft (`#/decisions/<id>/edit`).
 */
import type { ReactNode } from 'react';
import { useQuery } from '../../apiHooks.ts';
import { linkTo, useFocusHeadingOnPageChange, usePlace } from '../../app/location.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { DecisionForm } from './DecisionForm.tsx';
import { DecisionPage } from './DecisionPage.tsx';
import { DecisionsRegister } from './DecisionsRegister.tsx';

function EditDecision({ id }: { readonly id: string }): ReactNode {
  const detail = useQuery('decisions:get', { id });
  const decision = detail.status === 'ok' ? detail.value.decision : undefined;
  return (
    <>
      <Breadcrumb
        trail={[
          { href: linkTo(['decisions']), label: 'Decisions' },
          ...(decision !== undefined ? [{ href: linkTo(['decisions', id]), label: decision.reference }] : []),
        ]}
      />
      <PageHeading>{decision === undefined ? 'Edit decision' : `Edit ${decision.reference}`}</PageHeading>
      {detail.status === 'loading' && <p className="muted">Loading…</p>}
      {detail.status === 'error' && <LoadProblem what="This decision" error={detail.error} />}
      {detail.status === 'ok' && decision?.status === 'signed' && (
        <div className="message message-error" role="alert">
          <p>
            {decision.reference} was signed by {decision.signedBy} and cannot be edited. Corrections to a signed
            decision are recorded as amendments.
          </p>
          <p>
            <a href={linkTo(['decisions', id])}>Go to {decision.reference} to record an amendment</a>
          </p>
        </div>
      )}
      {detail.status === 'ok' && decision?.status === 'draft' && <DecisionForm key={id} detail={detail.value} />}
    </>
  );
}

/** Shows the decisions page the address names. */
export function DecisionsArea(): ReactNode {
  const { path, query } = usePlace();
  const [first, second] = path;
  useFocusHeadingOnPageChange(path.join('/'));
  if (first === undefined) return <DecisionsRegister query={query} />;
  if (first === 'new') {
    return (
      <>
        <Breadcrumb trail={[{ href: linkTo(['decisions']), label: 'Decisions' }]} />
        <PageHeading>Record a decision</PageHeading>
        <p className="section-intro">
          The decision is saved as a draft, with its reference taken from the pattern in Settings. Add its conditions on
          its page, then sign it when it is final.
        </p>
        <DecisionForm />
      </>
    );
  }
  if (second === 'edit') return <EditDecision id={first} />;
  return <DecisionPage id={first} />;
}
