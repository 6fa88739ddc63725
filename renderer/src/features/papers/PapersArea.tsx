/**
 * The Papers area: the library (`#/papers?…filters`), a new paper
 * (`#/papers/new`), the reader (`#/papers/<id>`), the edit form
 * (`#/papers/<id>/edit`) and one version (`#/papers/<id>/versions/<n>`).
 */
import type { ReactNode } from 'react';
import { useQuery } from '../../apiHooks.ts';
import { linkTo, useFocusHeadingOnPageChange, usePlace } from '../../app/location.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { PaperForm } from './PaperForm.tsx';
import { PaperReader } from './PaperReader.tsx';
import { PapersLibrary } from './PapersLibrary.tsx';
import { PaperVersionPage } from './PaperVersionPage.tsx';

function EditPaper({ id }: { readonly id: string }): ReactNode {
  const detail = useQuery('papers:get', { id });
  const label = detail.status === 'ok' ? `${detail.value.paper.reference} ${detail.value.paper.title}` : 'Paper';
  return (
    <>
      <Breadcrumb
        trail={[
          { href: linkTo(['papers']), label: 'Papers' },
          { href: linkTo(['papers', id]), label },
        ]}
      />
      <PageHeading>Edit the paper</PageHeading>
      {detail.status === 'loading' && <p className="muted">Loading…</p>}
      {detail.status === 'error' && <LoadProblem what="This paper" error={detail.error} />}
      {detail.status === 'ok' && <PaperForm key={id} paper={detail.value} />}
    </>
  );
}

/** Shows the papers page the address names. */
export function PapersArea(): ReactNode {
  const { path, query } = usePlace();
  const [first, second, third] = path;
  useFocusHeadingOnPageChange(path.join('/'));
  if (first === undefined) return <PapersLibrary query={query} />;
  if (first === 'new') {
    return (
      <>
        <Breadcrumb trail={[{ href: linkTo(['papers']), label: 'Papers' }]} />
        <PageHeading>Add a paper</PageHeading>
        <PaperForm />
      </>
    );
  }
  if (second === 'edit') return <EditPaper id={first} />;
  const version = Number(third);
  if (second === 'versions' && Number.isInteger(version) && version >= 1) {
    return <PaperVersionPage id={first} version={version} />;
  }
  const page = Number(query.get('page'));
  return (
    <PaperReader
      id={first}
      page={Number.isInteger(page) && page >= 1 ? page : undefined}
      note={query.get('note') ?? undefined}
    />
  );
}
