/**
 * One version of a paper as it was: what changed from the version before
 * (a line diff, long unchanged stretches folded), its text through the one
 * Markdown helper, and its attached files.
 */
import type { ReactNode } from 'react';
import type { DiffLine } from '../../../../shared/text/textDiff.ts';
import { useQuery } from '../../apiHooks.ts';
import { linkTo } from '../../app/location.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { Markdown } from '../../components/Markdown.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatDateTime } from '../../format.ts';
import { AttachmentList } from './AttachmentList.tsx';

/** Unchanged lines kept around each change. */
const CONTEXT = 2;

/** A diff to show: changed lines with a little context, other unchanged runs folded to a count. */
export type DiffView = ReadonlyArray<DiffLine | { readonly kind: 'folded'; readonly count: number }>;

/** Folds unchanged runs longer than the context around the changes. */
export function foldDiff(lines: readonly DiffLine[]): DiffView {
  const keep = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(lines.length - 1, i + CONTEXT); j++) keep[j] = true;
  });
  const out: Array<DiffLine | { kind: 'folded'; count: number }> = [];
  let folded = 0;
  lines.forEach((line, i) => {
    if (keep[i]) {
      if (folded > 0) out.push({ kind: 'folded', count: folded });
      folded = 0;
      out.push(line);
    } else {
      folded++;
    }
  });
  if (folded > 0) out.push({ kind: 'folded', count: folded });
  return out;
}

function DiffBlock({ diff }: { readonly diff: readonly DiffLine[] }): ReactNode {
  const added = diff.filter((d) => d.kind === 'added').length;
  const removed = diff.filter((d) => d.kind === 'removed').length;
  if (added + removed === 0) return <p className="muted">The text did not change in this version.</p>;
  return (
    <>
      <p className="muted">
        {added} {added === 1 ? 'line' : 'lines'} added, {removed} removed.
      </p>
      <ol className="diff" aria-label="Changes to the text">
        {foldDiff(diff).map((line, i) => {
          switch (line.kind) {
            case 'folded':
              return (
                <li key={i} className="diff-folded">
                  … {line.count} unchanged {line.count === 1 ? 'line' : 'lines'} …
                </li>
              );
            case 'added':
              return (
                <li key={i} className="diff-added">
                  <ins>
                    <span className="diff-mark" aria-hidden="true">
                      +
                    </span>
                    <span className="visually-hidden">Added: </span>
                    {line.text || ' '}
                  </ins>
                </li>
              );
            case 'removed':
              return (
                <li key={i} className="diff-removed">
                  <del>
                    <span className="diff-mark" aria-hidden="true">
                      −
                    </span>
                    <span className="visually-hidden">Removed: </span>
                    {line.text || ' '}
                  </del>
                </li>
              );
            case 'same':
              return (
                <li key={i} className="diff-same">
                  <span className="diff-mark" aria-hidden="true">
                    {' '}
                  </span>
                  {line.text || ' '}
                </li>
              );
          }
        })}
      </ol>
    </>
  );
}

/** The page of one version. */
export function PaperVersionPage({ id, version }: { readonly id: string; readonly version: number }): ReactNode {
  const paper = useQuery('papers:get', { id });
  const view = useQuery('papers:version', { id, version });
  const reference = paper.status === 'ok' ? paper.value.paper.reference : 'Paper';
  const current = paper.status === 'ok' ? paper.value.paper.version : undefined;
  return (
    <>
      <Breadcrumb
        trail={[
          { href: linkTo(['papers']), label: 'Papers' },
          {
            href: linkTo(['papers', id]),
            label: paper.status === 'ok' ? `${reference} ${paper.value.paper.title}` : reference,
          },
        ]}
      />
      <PageHeading>
        {reference}, version {version}
      </PageHeading>
      {view.status === 'loading' && <p className="muted">Loading…</p>}
      {view.status === 'error' && (
        <LoadProblem
          what="This version"
          error={view.error}
          back={{ href: linkTo(['papers', id]), label: 'The paper' }}
        />
      )}
      {view.status === 'ok' && (
        <>
          <p className="page-subtitle">
            <span>Saved {formatDateTime(view.value.createdAt)}</span>
            <span>by {view.value.createdBy}</span>
          </p>
          {current !== undefined && current !== version && (
            <p className="message message-warning">
              This is an earlier version. The current one is version {current}.{' '}
              <a href={linkTo(['papers', id])}>Read the current version</a>
            </p>
          )}
          <Panel
            id="version-changes"
            title={version === 1 ? 'The first version' : `Changes from version ${version - 1}`}
          >
            {version === 1 ? (
              <p className="muted">This is how the paper was first saved.</p>
            ) : (
              <DiffBlock diff={view.value.diff} />
            )}
          </Panel>
          <Panel id="version-text" title={<>Text of version {version}</>}>
            {view.value.body.trim() === '' ? (
              <p className="muted">This version has no text.</p>
            ) : (
              <Markdown source={view.value.body} headingOffset={2} />
            )}
          </Panel>
          <Panel id="version-files" title={<>Files of version {version}</>}>
            <AttachmentList paperId={id} attachments={view.value.attachments} />
          </Panel>
        </>
      )}
    </>
  );
}
