/**
 * The one place where the contract's channels meet the services: each
 * channel is bound to the named function that does its work (the services
 * never call one another through a channel). `satisfies Handlers` makes a
 * missing or mistyped handler a compile error.
 */
import {
  backupToChosenFolder,
  chooseBackupFolder,
  listChosenFolderBackups,
  restoreFromChosenFolder,
  checkPrintedEntry,
  getBackupFolder,
  setBackupFolder,
  verifyRecord,
} from './services/integrity.ts';
import type { Handlers } from '../../shared/contract/api.ts';
import { getStartAtLogin, openDataFolder, quitSoon, setStartAtLogin } from './services/app.ts';
import {
  createCondition,
  getCondition,
  listConditions,
  setConditionStatus,
  readEvidenceFile,
  updateCondition,
} from './services/conditions.ts';
import { todayOf, type BackendContext } from './services/context.ts';
import { createContract, exerciseOption, getContract, listContracts, updateContract } from './services/contracts.ts';
import { getDashboard } from './services/dashboard.ts';
import {
  chaseDeadline,
  closeManualDeadline,
  createManualDeadline,
  deadlinesIcs,
  dismissReminder,
  getDeadline,
  listDeadlines,
  listReminders,
  setDeadlineReminders,
  snoozeDeadline,
  updateManualDeadline,
} from './services/deadlines.ts';
import {
  amendDecision,
  createDecision,
  getDecision,
  listDecisions,
  signDecision,
  updateDecision,
  proposedReference,
} from './services/decisions.ts';
import { buildDocumentFile, saveDocument } from './services/documents.ts';
import { compileMeetingPack, compiledPackFile, listCompiledPacks } from './services/compiledPacks.ts';
import { recordHistory, undo } from './services/history.ts';
import { archiveRecord, unarchiveRecord } from './services/links.ts';
import { addContractItem, createMeeting, getMeeting, listMeetings, updateMeeting } from './services/meetings.ts';
import { forwardPlanOf } from '../../shared/rules/forwardPlan.ts';
import { supplierExposures } from '../../shared/rules/supplierExposure.ts';
import { createMember, getMember, listMembers, updateMember } from './services/members.ts';
import { amendMinutes, approveMinutes, getMinutes, saveMinutesDiscussion } from './services/minutes.ts';
import {
  createPaper,
  getPaper,
  getPaperVersion,
  listPapers,
  markPaperRead,
  openAttachment,
  readAttachment,
  savePaperNote,
  updatePaper,
} from './services/papers.ts';
import { exportArchive, importArchive, saveArchive } from './services/portability.ts';
import { checkSeal, decisionSeals } from './services/decisionSeals.ts';
import { ocdsFile, ocdsFileToSave } from './services/ocds.ts';
import { AppFailure } from '../../shared/contract/result.ts';
import { loadSampleBoard } from './services/sample.ts';
import {
  addPassageNote,
  deletePaperNote,
  exportPaperNotes,
  listPaperNotes,
  updatePaperNote,
} from './services/paperNotes.ts';
import { addPaperFromFile, saveReadingPosition } from './services/paperFiles.ts';
import {
  exportIdentity,
  getIdentity,
  importPackFrom,
  listMeetingPacks,
  publishMeetingPack,
  setWatchedFolder,
  getConfidentialPlan,
  importMemberIdentity,
  publishConfidentialPacks,
} from './services/packs.ts';
import { updateSettings } from './services/settings.ts';
import { listBackups } from './store/backups.ts';

/** Builds the handlers over a backend context. */
export function createHandlers(ctx: BackendContext): Handlers {
  /** The state as it is now (the store is replaced on restore, so it is asked each time). */
  const state = () => ctx.store().state();
  /** Today in the board's time zone, by the backend's clock. */
  const today = () => todayOf(state(), ctx.clock());
  return {
    'settings:get': async () => state().settings,
    'settings:update': async (patch) => updateSettings(ctx, patch),
    'store:status': async () => ctx.store().status(),
    'store:openDataFolder': async () => openDataFolder(ctx.platform, ctx.dataDir),
    'app:quit': async () => quitSoon(ctx.platform),
    'app:getStartAtLogin': async () => getStartAtLogin(ctx.platform),
    'app:setStartAtLogin': async ({ enabled }) => setStartAtLogin(ctx.platform, enabled),
    'backups:create': async () => ctx.store().backup('manual'),
    'backups:list': async () => listBackups(ctx.dataDir),
    'backups:restore': async ({ id }) => ctx.restore(id),
    'audit:list': async ({ page, pageSize }) => ctx.store().auditPage(page, pageSize),
    'audit:verify': async () => verifyRecord(ctx),
    'audit:checkPrinted': async ({ seq, hash }) => checkPrintedEntry(ctx, seq, hash),
    'backups:folderGet': async () => getBackupFolder(ctx),
    'backups:folderSet': async ({ folder, keep }) => setBackupFolder(ctx, folder, keep),
    'backups:toFolder': async () => backupToChosenFolder(ctx),
    'backups:chooseFolder': async () => chooseBackupFolder(ctx),
    'backups:folderList': async () => listChosenFolderBackups(ctx),
    'backups:restoreFromFolder': async ({ id }) => restoreFromChosenFolder(ctx, id),
    // The spreadsheet readers are loaded on the first import, not with the backend.
    'tracker:preview': async (input) => (await import('./services/trackerImport.ts')).previewTrackerImport(ctx, input),
    'tracker:import': async (input) => (await import('./services/trackerImport.ts')).importTracker(ctx, input),
    'archive:export': async ({ kind }) => exportArchive(ctx, kind),
    'ocds:export': async (input) => ocdsFile(ctx, input),
    'ocds:save': async (input) => {
      const file = ocdsFile(ctx, input);
      if (!ctx.platform.saveFile)
        throw new AppFailure('not_found', 'This host has no save dialog: the page downloads the file itself.');
      const saved = await ctx.platform.saveFile(ocdsFileToSave(file));
      return { ...saved, fileName: file.fileName };
    },
    'archive:save': async ({ kind }) => saveArchive(ctx, kind),
    'archive:import': async (input) => importArchive(ctx, input),
    'history:undo': async ({ seq }) => undo(ctx, seq),
    'history:ofRecord': async (input) => recordHistory(ctx, input),

    'members:list': async (query) => listMembers(state(), query),
    'members:get': async ({ id }) => getMember(state(), id),
    'members:create': async (input) => createMember(ctx, input),
    'members:update': async (input) => updateMember(ctx, input),
    'members:archive': async ({ id }) => archiveRecord(ctx, 'members', id),
    'members:unarchive': async ({ id }) => unarchiveRecord(ctx, 'members', id),

    'meetings:list': async (query) => listMeetings(state(), query, today()),
    'meetings:get': async ({ id }) => getMeeting(state(), id),
    'meetings:create': async (input) => createMeeting(ctx, input),
    'meetings:update': async (input) => updateMeeting(ctx, input),
    'meetings:addContractItem': async (input) => addContractItem(ctx, input),
    'meetings:archive': async ({ id }) => archiveRecord(ctx, 'meetings', id),
    'meetings:unarchive': async ({ id }) => unarchiveRecord(ctx, 'meetings', id),

    'papers:list': async (query) => listPapers(state(), query),
    'papers:get': async ({ id }) => getPaper(ctx.store(), id),
    'papers:create': async (input) => createPaper(ctx, input),
    'papers:update': async (input) => updatePaper(ctx, input),
    'papers:version': async ({ id, version }) => getPaperVersion(ctx.store(), id, version),
    'papers:attachment': async ({ id, blob }) => readAttachment(ctx.store(), id, blob),
    'papers:openAttachment': async ({ id, blob }) => openAttachment(ctx, id, blob),
    'papers:archive': async ({ id }) => archiveRecord(ctx, 'papers', id),
    'papers:unarchive': async ({ id }) => unarchiveRecord(ctx, 'papers', id),
    'papers:markRead': async (input) => markPaperRead(ctx, input),
    'papers:saveNote': async (input) => savePaperNote(ctx, input),
    'papers:addFromFile': async (input) => addPaperFromFile(ctx, input),
    'papers:savePosition': async (input) => saveReadingPosition(ctx, input),

    'decisions:list': async (query) => listDecisions(state(), query),
    'decisions:get': async ({ id }) => getDecision(state(), id, today()),
    'decisions:create': async (input) => createDecision(ctx, input),
    'decisions:update': async (input) => updateDecision(ctx, input),
    'decisions:sign': async (input) => signDecision(ctx, input),
    'decisions:proposeReference': async ({ date }) => ({ reference: proposedReference(state(), date) }),
    'decisions:amend': async (input) => amendDecision(ctx, input),
    'decisions:seals': async ({ id }) => decisionSeals(ctx, id),
    'decisions:checkSeal': async ({ id, seal }) => checkSeal(ctx, id, seal),
    'decisions:archive': async ({ id }) => archiveRecord(ctx, 'decisions', id),
    'decisions:unarchive': async ({ id }) => unarchiveRecord(ctx, 'decisions', id),

    'conditions:list': async (query) => listConditions(state(), query, today()),
    'conditions:get': async ({ id }) => getCondition(state(), id, today()),
    'conditions:create': async (input) => createCondition(ctx, input),
    'conditions:update': async (input) => updateCondition(ctx, input),
    'conditions:setStatus': async (input) => setConditionStatus(ctx, input),
    'conditions:evidenceFile': async ({ id, blob }) => readEvidenceFile(ctx.store(), id, blob),

    'contracts:list': async (query) => listContracts(state(), query, today()),
    'contracts:get': async ({ id }) => getContract(state(), id, today()),
    'contracts:create': async (input) => createContract(ctx, input),
    'contracts:update': async (input) => updateContract(ctx, input),
    'contracts:exerciseOption': async (input) => exerciseOption(ctx, input),
    'contracts:forwardPlan': async () => forwardPlanOf(state(), today()),
    'contracts:suppliers': async () => supplierExposures(state()),
    'contracts:archive': async ({ id }) => archiveRecord(ctx, 'contracts', id),
    'contracts:unarchive': async ({ id }) => unarchiveRecord(ctx, 'contracts', id),

    'sample:load': async ({ confirm }) => loadSampleBoard(ctx, confirm),
    'dashboard:get': async () => getDashboard(state(), today()),
    'search:query': async ({ q, perGroup }) => ctx.search().query(q, perGroup),

    'deadlines:list': async (query) => listDeadlines(state(), query, today()),
    'deadlines:get': async ({ key }) => getDeadline(state(), key, ctx.clock()),
    'deadlines:createManual': async (input) => createManualDeadline(ctx, input),
    'deadlines:updateManual': async (input) => updateManualDeadline(ctx, input),
    'deadlines:closeManual': async (input) => closeManualDeadline(ctx, input),
    'deadlines:setReminders': async (input) => setDeadlineReminders(ctx, input),
    'deadlines:snooze': async (input) => snoozeDeadline(ctx, input),
    'deadlines:dismiss': async (input) => dismissReminder(ctx, input),
    'deadlines:ics': async (filter) => deadlinesIcs(state(), filter, ctx.clock()),
    'deadlines:chase': async ({ key }) => chaseDeadline(state(), key, today()),
    'reminders:list': async (query) => listReminders(state(), query, ctx.clock()),

    'minutes:get': async ({ meetingId }) => getMinutes(state(), meetingId, today()),
    'minutes:saveDiscussion': async (input) => saveMinutesDiscussion(ctx, input),
    'minutes:approve': async (input) => approveMinutes(ctx, input),
    'minutes:amend': async (input) => amendMinutes(ctx, input),

    'documents:minutes': async (input) => buildDocumentFile(ctx, { ...input, document: 'minutes' }),
    'documents:notice': async (input) => buildDocumentFile(ctx, { ...input, document: 'notice' }),
    'documents:conditionsReport': async (input) => buildDocumentFile(ctx, { ...input, document: 'conditionsReport' }),
    'documents:register': async (input) => buildDocumentFile(ctx, { ...input, document: 'register' }),
    'documents:forwardPlan': async (input) => buildDocumentFile(ctx, { ...input, document: 'forwardPlan' }),
    'documents:save': async (request) => saveDocument(ctx, request),

    'identity:get': async () => getIdentity(ctx),
    'identity:export': async ({ saveWithDialog }) => exportIdentity(ctx, saveWithDialog),
    'packs:publish': async ({ meetingId, saveWithDialog }) => publishMeetingPack(ctx, meetingId, saveWithDialog),
    'packs:confidentialPlan': async ({ meetingId }) => getConfidentialPlan(state(), meetingId),
    'packs:publishConfidential': async (input) => publishConfidentialPacks(ctx, input),
    'members:importIdentity': async (input) => importMemberIdentity(ctx, input),
    'packs:list': async ({ meetingId }) => listMeetingPacks(state(), meetingId),
    'compiledPacks:compile': async (input) => compileMeetingPack(ctx, input),
    'compiledPacks:list': async ({ meetingId }) => listCompiledPacks(state(), meetingId),
    'compiledPacks:file': async (input) => compiledPackFile(ctx, input),
    'packs:import': async (input) => {
      const outcome = await importPackFrom(ctx, input);
      // An offered file, once imported, is no longer on offer (it stays where it is).
      if (outcome.outcome === 'imported' && input.path !== undefined) ctx.packOffers().dismiss(input.path);
      return outcome;
    },
    'packs:offers': async () => ctx.packOffers().list(),
    'packs:dismissOffer': async ({ path }) => {
      ctx.packOffers().dismiss(path);
      return null;
    },
    'packs:watchedFolder': async () => ctx.packOffers().watched(),
    'packs:setWatchedFolder': async ({ folder, polling }) => setWatchedFolder(ctx, folder, polling),
    'notes:list': async ({ paperId }) => listPaperNotes(ctx.store(), paperId),
    'notes:addPassage': async (input) => addPassageNote(ctx, input),
    'notes:update': async (input) => updatePaperNote(ctx, input),
    'notes:delete': async (input) => deletePaperNote(ctx, input),
    'notes:export': async ({ paperId }) => exportPaperNotes(ctx.store(), paperId),
  } satisfies Handlers;
}
