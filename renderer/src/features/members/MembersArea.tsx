/**
 * The Members area: the list (`#/members`), a new member (`#/members/new`),
 * a member's page (`#/members/<id>`) and its edit form (`#/members/<id>/edit`).
 */
import type { ReactNode } from 'react';
import { useQuery } from '../../apiHooks.ts';
import { linkTo, useFocusHeadingOnPageChange, usePlace } from '../../app/location.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { MemberForm } from './MemberForm.tsx';
import { MemberPage } from './MemberPage.tsx';
import { MembersList } from './MembersList.tsx';

function EditMember({ id }: { readonly id: string }): ReactNode {
  const detail = useQuery('members:get', { id });
  return (
    <>
      <Breadcrumb
        trail={[
          { href: linkTo(['members']), label: 'Members' },
          ...(detail.status === 'ok' ? [{ href: linkTo(['members', id]), label: detail.value.member.name }] : []),
        ]}
      />
      <PageHeading>Edit member</PageHeading>
      {detail.status === 'loading' && <p className="muted">Loading…</p>}
      {detail.status === 'error' && <LoadProblem what="This member" error={detail.error} />}
      {detail.status === 'ok' && <MemberForm key={id} member={detail.value.member} />}
    </>
  );
}

/** Shows the members page the address names. */
export function MembersArea(): ReactNode {
  const { path, query } = usePlace();
  const [first, second] = path;
  useFocusHeadingOnPageChange(path.join('/'));
  if (first === undefined) return <MembersList query={query} />;
  if (first === 'new') {
    return (
      <>
        <Breadcrumb trail={[{ href: linkTo(['members']), label: 'Members' }]} />
        <PageHeading>Add a member</PageHeading>
        <MemberForm />
      </>
    );
  }
  if (second === 'edit') return <EditMember id={first} />;
  return <MemberPage id={first} />;
}
