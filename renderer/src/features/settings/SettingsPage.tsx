/**
 * Settings: the board's details, starting at login, backups, the sample board
 * and the audit trail.
 */
import type { ReactNode } from 'react';
import { useQuery } from '../../apiHooks.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { ArchiveSection } from '../portability/ArchiveSection.tsx';
import { TrackerImport } from '../portability/TrackerImport.tsx';
import { AuditSection } from './AuditSection.tsx';
import { BackupsSection } from './BackupsSection.tsx';
import { FolderBackupSection } from './FolderBackupSection.tsx';
import { PrintedRecordCheck } from './PrintedRecordCheck.tsx';
import { IdentitySection } from './IdentitySection.tsx';
import { WatchedFolderSection } from './WatchedFolderSection.tsx';
import { SampleBoardSection } from './SampleBoardSection.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { StartAtLoginSection } from './StartAtLoginSection.tsx';

/** The Settings page. */
export function SettingsPage(): ReactNode {
  const settings = useQuery('settings:get', {});
  return (
    <>
      <PageHeading>Settings</PageHeading>
      <Panel id="board-settings-title" title="Board settings">
        {settings.status === 'loading' && <p className="muted">Loading settings…</p>}
        {settings.status === 'error' && (
          <ErrorMessage>The settings could not be read: {settings.error.message}</ErrorMessage>
        )}
        {settings.status === 'ok' && <SettingsForm settings={settings.value} />}
      </Panel>
      <IdentitySection />
      <WatchedFolderSection />
      <StartAtLoginSection />
      <BackupsSection>
        <FolderBackupSection />
      </BackupsSection>
      <ArchiveSection />
      <TrackerImport />
      <SampleBoardSection />
      <AuditSection>
        <PrintedRecordCheck />
      </AuditSection>
    </>
  );
}
