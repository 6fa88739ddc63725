/**
 * Settings: the board's details, starting at login, backups, the sample board
 * and the audit trail.
 */
import type { ReactNode } from 'react';
import { useQuery } from '../../apiHooks.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { AuditSection } from './AuditSection.tsx';
import { BackupsSection } from './BackupsSection.tsx';
import { FolderBackupSection } from './FolderBackupSection.tsx';
import { PrintedRecordCheck } from './PrintedRecordCheck.tsx';
import { SampleBoardSection } from './SampleBoardSection.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { StartAtLoginSection } from './StartAtLoginSection.tsx';

/** The Settings page. */
export function SettingsPage(): ReactNode {
  const settings = useQuery('settings:get', {});
  return (
    <>
      <PageHeading>Settings</PageHeading>
      <section className="panel" aria-labelledby="board-settings-title">
        <h2 id="board-settings-title" className="panel-title">
          Board settings
        </h2>
        {settings.status === 'loading' && <p className="muted">Loading settings…</p>}
        {settings.status === 'error' && (
          <p role="alert" className="message message-error">
            The settings could not be read: {settings.error.message}
          </p>
        )}
        {settings.status === 'ok' && <SettingsForm settings={settings.value} />}
      </section>
      <StartAtLoginSection />
      <BackupsSection>
        <FolderBackupSection />
      </BackupsSection>
      <SampleBoardSection />
      <AuditSection>
        <PrintedRecordCheck />
      </AuditSection>
    </>
  );
}
