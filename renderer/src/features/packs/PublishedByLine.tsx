/**
 * The line on a record a board pack brought: who published it, and that it
 * is read-only in this copy (the secretariat's copy holds it).
 */
import type { ReactNode } from 'react';
import type { PublishedBy } from '../../../../shared/contract/views.ts';
import { formatDateTime } from '../../format.ts';

/** "Published by the secretariat of <board> (pack n, key …): read-only in this copy." */
export function PublishedByLine({ publishedBy }: { readonly publishedBy: PublishedBy }): ReactNode {
  return (
    <p className="field-hint published-by">
      Published by {publishedBy.publisherName} for {publishedBy.boardName} in pack {publishedBy.packNumber} (key{' '}
      <span className="fingerprint">{publishedBy.fingerprint}</span>), imported {formatDateTime(publishedBy.importedAt)}
      . Read-only in this copy; your notes and read marks are yours.
    </p>
  );
}
