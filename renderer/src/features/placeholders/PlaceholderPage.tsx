/**
 * What an area not built yet shows: its name and, honestly, what it will hold.
 */
import type { ReactNode } from 'react';
import type { AreaId } from '../../app/routes.ts';
import { labelOf } from '../../app/routes.ts';
import { PageHeading } from '../../components/PageHeading.tsx';

/** The areas still to come, each with what it will hold. */
export type PlannedArea = Exclude<
  AreaId,
  'settings' | 'meetings' | 'papers' | 'members' | 'dashboard' | 'decisions' | 'conditions' | 'contracts'
>;

const PLANS: Readonly<Record<PlannedArea, string>> = {
  documents:
    'This is where the minutes, decision notices, the conditions report and the registers will be exported, as PDF, Word, HTML, Markdown and CSV.',
  deadlines:
    'This is where every condition and dated obligation will be tracked, with its owner, due date and status (met, late, waived), and reminders in good time to act.',
};

/** An area's page before it is built: an empty state that says what will be there. */
export function PlaceholderPage({ area }: { readonly area: PlannedArea }): ReactNode {
  return (
    <>
      <PageHeading>{labelOf(area)}</PageHeading>
      <div className="empty-state empty-state-large">
        <h2 className="empty-state-title">Coming in a later version</h2>
        <p>{PLANS[area]}</p>
        <p className="muted">Nothing is here yet. Settings, backups and the audit trail already work.</p>
      </div>
    </>
  );
}
