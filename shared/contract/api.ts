/**
 * The contract between the renderer and the backend: every channel with its
 * input schema (zod) and output type, and every event with its payload. The
 * IPC binding, the web host, `window.board` and the renderer client are all
 * derived from this one map.
 */
import { z } from 'zod';
import { CHANNELS, EVENTS, type ChannelName, type EventName } from './channels.ts';
import type { Result } from './result.ts';
import type { CollectionTarget } from './reads.ts';
import { COLLECTION_NAMES, type CollectionName } from '../schema/state.ts';
import { SettingsPatchSchema, type Settings } from '../schema/settings.ts';
import {
  RECORD_HISTORY_PAGE_MAX,
  type AuditPage,
  type BackupInfo,
  type FolderBackupInfo,
  type FolderBackupSettings,
  type PrintedRecordCheck,
  type RecordHistoryPage,
  type StoreStatus,
  type VerifyReport,
} from './storeTypes.ts';
import type {
  IdentityView,
  ImportOutcome,
  PackFile,
  PackLogView,
  PackOffer,
  PaperNoteView,
  PublishedPack,
  WatchedFolderView,
  ConfidentialPlanView,
  PublishedConfidential,
} from './packViews.ts';
import { MAX_PASSAGE_CHARS } from '../rules/passageAnchors.ts';
import { PACK_SCOPES } from '../schema/compiledPacks.ts';
import type { CompileOutcome, CompiledPackFile, CompiledPacksView } from './compiledPackViews.ts';
import { PageInput, type Page } from './paging.ts';
import { CalendarDate, patchOf } from '../schema/common.ts';
import { MEETING_STATUSES, MeetingCreateSchema, MeetingFieldsSchema, AgendaItemSchema } from '../schema/meetings.ts';
import { MEMBER_ROLES, MemberFieldsSchema, MemberCreateSchema } from '../schema/members.ts';
import { AttachmentUploadSchema, CLASSIFICATIONS, MAX_BODY_CHARS, PaperFieldsSchema } from '../schema/papers.ts';
import { CONDITION_STATUSES, ConditionFieldsSchema } from '../schema/conditions.ts';
import { CONTRACT_KINDS, CONTRACT_STATUSES, ContractFieldsSchema, ROUTES, checkContract } from '../schema/contracts.ts';
import { DecisionFieldsSchema, OUTCOMES, SignatureSchema } from '../schema/decisions.ts';
import { DeadlineOwnerSchema, LeadDays } from '../schema/deadlines.ts';
import { DEADLINE_SOURCE_KINDS } from '../rules/deadlines.ts';
import type {
  ChaseView,
  DeadlineDetail,
  DeadlineList,
  IcsExport,
  ReminderItem,
  ReminderList,
  StartAtLogin,
} from './deadlineViews.ts';
import {
  ConditionsReportInput,
  DocumentRequestSchema,
  MinutesDocumentInput,
  NoticeDocumentInput,
  RegisterInput,
  ForwardPlanInput,
  type DocumentFile,
  type MinutesView,
  type SavedFile,
} from '../documents/documentRequests.ts';
import type { DecisionSeals, SealCheck } from './sealTypes.ts';
import type { ForwardPlan } from '../rules/forwardPlan.ts';
import type { SupplierExposure } from '../rules/supplierExposure.ts';
import type { TrackerImported, TrackerPlan } from './trackerTypes.ts';
import type { ArchiveFile, ArchiveImported, ArchiveSaved } from './portabilityTypes.ts';
import type {
  ConditionDetail,
  ConditionRow,
  ContractDetail,
  ContractRow,
  DashboardView,
  DecisionDetail,
  DecisionRow,
  SearchResults,
  MeetingDetail,
  MeetingRow,
  MemberDetail,
  MemberRow,
  PaperDetail,
  PaperRow,
  PaperFromFile,
  PaperVersionView,
  Saved,
} from './views.ts';

/** Carries an output type through the contract without a runtime value. */
interface Out<T> {
  readonly __output?: T;
}
function out<T>(): Out<T> {
  return {};
}

const Empty = z.object({}).strict();
const ById = (prefix: string) =>
  z.object({ id: z.string().startsWith(prefix, { message: `must be an id starting ${prefix}` }) }).strict();
const Archived = z.enum(['active', 'archived', 'all']).default('active');
const Search = z.string().trim().max(200).default('');
const Body = z
  .string()
  .max(MAX_BODY_CHARS, { message: `must be at most ${MAX_BODY_CHARS.toLocaleString('en-GB')} characters` });
const MeetingIdInput = z.string().startsWith('mtg_', { message: 'must be a meeting' });
const PaperIdInput = z.string().startsWith('pap_', { message: 'must be a paper' });
/** A deadline's key: a manual deadline's id, or a derived one's (`cnd:…`, `ctr:…`, `mtg:…`, `dec:…`). */
const DeadlineKey = z.string().min(1, { message: 'is required' }).max(300);
/** The filters of the deadline register, shared by the list and the calendar export. */
const DeadlineFilter = {
  window: z.enum(['overdue', 'week', '30', '90', 'all']).default('all'),
  owner: z.string().trim().max(300).optional(),
  contractId: z.string().startsWith('ctr_', { message: 'must be a contract' }).optional(),
  source: z.enum(DEADLINE_SOURCE_KINDS).optional(),
  /** 'lapsed': the rights (option and break notices) whose day passed unused. */
  status: z.enum(['open', 'closed', 'lapsed', 'all']).default('open'),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
};
/** What a person fills in for a manual deadline. */
const ManualDeadlineFields = z.object({
  title: z.string().trim().min(1, { message: 'is required' }).max(300),
  due: CalendarDate,
  owner: DeadlineOwnerSchema.default({ memberId: null, name: '', email: '' }),
  notes: z.string().max(10_000).default(''),
  contractId: z.string().startsWith('ctr_', { message: 'must be a contract' }).nullable().default(null),
  decisionId: z.string().startsWith('dec_', { message: 'must be a decision' }).nullable().default(null),
  leadDays: LeadDays.nullable().default(null),
});
/** Agenda items as a form sends them: new ones have no id yet. */
const AgendaInput = z.array(AgendaItemSchema.extend({ id: z.string().startsWith('itm_').optional() })).max(200);

/** An OCDS export: the ocid prefix, and one contract (or null: the register). */
const OcdsExportInput = z
  .object({
    prefix: z.string().trim().max(40, { message: 'must be at most 40 characters' }),
    contractId: z.string().startsWith('ctr_', { message: 'must be a contract' }).nullable().default(null),
  })
  .strict();

/** A spreadsheet tracker to read: its kind, the file, and a column mapping (null: guessed from the header). */
const TrackerInput = z
  .object({
    kind: z.enum(['decisions', 'conditions', 'contracts'], { message: 'must be decisions, conditions or contracts' }),
    fileName: z.string().trim().min(1, { message: 'must name the file' }).max(500),
    dataBase64: z.string().min(1, { message: 'is empty: choose a CSV or Excel file' }),
    mapping: z.record(z.string(), z.number().int().min(0).nullable()).nullable().default(null),
  })
  .strict();

/** Which archive: everything, or without the private notes (for someone else). */
const ArchiveExportInput = z.object({ kind: z.enum(['full', 'without-private-notes']).default('full') }).strict();

/** Every channel: `entity:verb` -> input schema and output type. */
export const contract = {
  'settings:get': { input: Empty, output: out<Settings>() },
  'settings:update': { input: SettingsPatchSchema, output: out<Settings>() },
  'store:status': { input: Empty, output: out<StoreStatus>() },
  'store:openDataFolder': { input: Empty, output: out<{ path: string; opened: boolean }>() },
  'app:quit': { input: Empty, output: out<{ quitting: true }>() },
  'backups:create': { input: Empty, output: out<BackupInfo>() },
  'backups:list': { input: Empty, output: out<BackupInfo[]>() },
  'backups:restore': {
    input: z
      .object({
        id: z.union([z.literal('newest'), z.string().regex(/^[0-9A-Za-z-]+$/, { message: 'is not a backup id' })]),
      })
      .strict(),
    output: out<StoreStatus>(),
  },
  'audit:list': {
    input: z
      .object({
        page: z.number().int().min(0, { message: 'must be 0 or more' }).default(0),
        pageSize: z.number().int().min(1).max(200, { message: 'must be at most 200' }).default(50),
      })
      .strict(),
    output: out<AuditPage>(),
  },
  'audit:verify': { input: Empty, output: out<VerifyReport>() },
  'audit:checkPrinted': {
    input: z
      .object({
        seq: z.number().int().min(1, { message: 'must be a journal entry number (1 or more)' }),
        hash: z
          .string()
          .transform((h) => h.replace(/\s+/g, '').toLowerCase())
          .pipe(
            z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be the 64 letters and digits printed after "hash"' }),
          ),
      })
      .strict(),
    output: out<PrintedRecordCheck>(),
  },
  'backups:folderGet': { input: Empty, output: out<FolderBackupSettings | null>() },
  'backups:folderSet': {
    input: z
      .object({
        folder: z.string().trim().min(1, { message: 'must name a folder' }).max(1000).nullable(),
        keep: z.number().int().min(1, { message: 'must be at least 1' }).max(100).default(7),
      })
      .strict(),
    output: out<FolderBackupSettings | null>(),
  },
  'backups:toFolder': { input: Empty, output: out<FolderBackupInfo>() },
  'backups:chooseFolder': { input: Empty, output: out<{ folder: string | null }>() },
  'backups:folderList': { input: Empty, output: out<FolderBackupInfo[]>() },
  'backups:restoreFromFolder': {
    input: z
      .object({ id: z.string().regex(/^boardkeeper-backup-[0-9A-Za-z-]+$/, { message: 'is not a folder backup' }) })
      .strict(),
    output: out<StoreStatus>(),
  },
  'ocds:export': { input: OcdsExportInput, output: out<DocumentFile>() },
  'ocds:save': { input: OcdsExportInput, output: out<SavedFile>() },
  'tracker:preview': { input: TrackerInput, output: out<TrackerPlan>() },
  'tracker:import': {
    input: TrackerInput.extend({ validOnly: z.boolean().default(false) }).strict(),
    output: out<TrackerImported>(),
  },
  'archive:export': { input: ArchiveExportInput, output: out<ArchiveFile>() },
  'archive:save': { input: ArchiveExportInput, output: out<ArchiveSaved>() },
  'archive:import': {
    input: z
      .object({
        fileName: z.string().trim().min(1, { message: 'must name the file' }).max(500),
        dataBase64: z.string().min(1, { message: 'is empty: choose an archive file' }),
        replace: z.boolean().default(false),
      })
      .strict(),
    output: out<ArchiveImported>(),
  },
  'history:undo': {
    input: z.object({ seq: z.number().int().min(1, { message: 'must be a journal entry number' }) }).strict(),
    output: out<Saved>(),
  },
  'history:ofRecord': {
    input: z
      .object({
        target: z.enum(COLLECTION_NAMES as [CollectionName, ...CollectionName[]], {
          message: 'must name a kind of record (decisions, conditions, contracts…)',
        }),
        id: z.string().trim().min(1, { message: 'must name the record' }).max(200),
        page: z.number().int().min(0, { message: 'must be 0 or more' }).default(0),
        pageSize: z
          .number()
          .int()
          .min(1, { message: 'must be at least 1' })
          .max(RECORD_HISTORY_PAGE_MAX, { message: `must be at most ${RECORD_HISTORY_PAGE_MAX}` })
          .default(20),
      })
      .strict(),
    output: out<RecordHistoryPage>(),
  },

  'members:list': {
    input: z
      .object({
        ...PageInput,
        search: Search,
        role: z.enum(MEMBER_ROLES).optional(),
        archived: Archived,
        sort: z.enum(['name', 'surname', 'role']).default('name'),
      })
      .strict(),
    output: out<Page<MemberRow>>(),
  },
  'members:get': { input: ById('mem_'), output: out<MemberDetail>() },
  'members:create': { input: MemberCreateSchema, output: out<Saved>() },
  'members:update': { input: patchOf(MemberFieldsSchema).extend(ById('mem_').shape).strict(), output: out<Saved>() },
  'members:archive': { input: ById('mem_'), output: out<Saved>() },
  'members:unarchive': { input: ById('mem_'), output: out<Saved>() },

  'meetings:list': {
    input: z
      .object({
        ...PageInput,
        search: Search,
        when: z.enum(['upcoming', 'past', 'all']).default('all'),
        status: z.enum(MEETING_STATUSES).optional(),
        archived: Archived,
      })
      .strict(),
    output: out<Page<MeetingRow>>(),
  },
  'meetings:get': { input: ById('mtg_'), output: out<MeetingDetail>() },
  'meetings:create': { input: MeetingCreateSchema, output: out<Saved>() },
  'meetings:update': {
    input: patchOf(MeetingFieldsSchema)
      .extend({ ...ById('mtg_').shape, agenda: AgendaInput.optional() })
      .strict(),
    output: out<Saved>(),
  },
  'meetings:addContractItem': {
    input: ById('mtg_')
      .extend({
        contractId: z.string().startsWith('ctr_', { message: 'must be a contract' }),
        title: z.string().trim().min(1, { message: 'is required' }).max(300),
      })
      .strict(),
    output: out<Saved>(),
  },
  'meetings:archive': { input: ById('mtg_'), output: out<Saved>() },
  'meetings:unarchive': { input: ById('mtg_'), output: out<Saved>() },

  'papers:list': {
    input: z
      .object({
        ...PageInput,
        search: Search,
        meetingId: z.string().startsWith('mtg_').optional(),
        classification: z.enum(CLASSIFICATIONS).optional(),
        read: z.enum(['read', 'unread']).optional(),
        from: CalendarDate.optional(),
        to: CalendarDate.optional(),
        archived: Archived,
        sort: z.enum(['date', 'reference', 'title']).default('date'),
        direction: z.enum(['asc', 'desc']).default('desc'),
      })
      .strict(),
    output: out<Page<PaperRow>>(),
  },
  'papers:get': { input: ById('pap_'), output: out<PaperDetail>() },
  'papers:create': {
    input: PaperFieldsSchema.extend({
      body: Body.default(''),
      attachments: z.array(AttachmentUploadSchema).max(50).default([]),
    }).strict(),
    output: out<Saved>(),
  },
  'papers:update': {
    input: patchOf(PaperFieldsSchema)
      .extend({
        ...ById('pap_').shape,
        body: Body.optional(),
        addAttachments: z.array(AttachmentUploadSchema).max(50).default([]),
        removeAttachments: z.array(z.string().regex(/^[0-9a-f]{64}$/)).default([]),
      })
      .strict(),
    output: out<Saved>(),
  },
  'papers:version': {
    input: ById('pap_')
      .extend({ version: z.number().int().min(1) })
      .strict(),
    output: out<PaperVersionView>(),
  },
  'papers:attachment': {
    input: ById('pap_')
      .extend({ blob: z.string().regex(/^[0-9a-f]{64}$/, { message: 'is not a stored file' }) })
      .strict(),
    output: out<{ name: string; type: string; bytes: number; dataBase64: string }>(),
  },
  'papers:openAttachment': {
    input: ById('pap_')
      .extend({ blob: z.string().regex(/^[0-9a-f]{64}$/, { message: 'is not a stored file' }) })
      .strict(),
    output: out<{ opened: boolean; path: string }>(),
  },
  'papers:archive': { input: ById('pap_'), output: out<Saved>() },
  'papers:unarchive': { input: ById('pap_'), output: out<Saved>() },
  'papers:markRead': { input: ById('pap_').extend({ read: z.boolean() }).strict(), output: out<Saved>() },
  'papers:addFromFile': {
    input: z
      .object({
        /** The file's name: for messages, the title when none is given, and Markdown versus text. */
        fileName: z.string().trim().min(1, { message: 'is required' }).max(255),
        dataBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'is not base64' }),
        /** A new version of this paper; absent for a new paper. */
        paperId: z.string().startsWith('pap_', { message: 'must be a paper' }).optional(),
        /** For a new paper: its details (the reference is the next free one and the title the file's name when left out). */
        reference: z.string().trim().max(60).optional(),
        title: z.string().trim().max(300).optional(),
        date: CalendarDate.optional(),
        classification: z.enum(CLASSIFICATIONS).default('public'),
        /** An agenda item the new paper is put on. */
        meetingId: MeetingIdInput.optional(),
        itemId: z.string().startsWith('itm_', { message: 'must be an agenda item' }).optional(),
        /** A protected PDF's password: used to read it this once, never kept. */
        password: z.string().max(1000).optional(),
      })
      .strict()
      .refine((i) => i.paperId !== undefined || i.date !== undefined, {
        message: 'is required for a new paper',
        path: ['date'],
      })
      .refine((i) => (i.meetingId === undefined) === (i.itemId === undefined), {
        message: 'give both the meeting and the agenda item, or neither',
        path: ['itemId'],
      }),
    output: out<PaperFromFile>(),
  },
  'papers:savePosition': {
    input: ById('pap_')
      .extend({
        version: z.number().int().min(1),
        page: z.number().int().min(1),
        pages: z.number().int().min(1),
      })
      .strict(),
    output: out<Saved>(),
  },
  'papers:saveNote': {
    input: ById('pap_')
      .extend({ note: z.string().max(100_000, { message: 'must be at most 100,000 characters' }) })
      .strict(),
    output: out<Saved>(),
  },

  'decisions:list': {
    input: z
      .object({
        ...PageInput,
        search: Search,
        outcome: z.enum(OUTCOMES).optional(),
        status: z.enum(['draft', 'signed']).optional(),
        contractId: z.string().startsWith('ctr_').optional(),
        meetingId: z.string().startsWith('mtg_').optional(),
        from: CalendarDate.optional(),
        to: CalendarDate.optional(),
        archived: Archived,
        sort: z.enum(['date', 'reference', 'title']).default('date'),
        direction: z.enum(['asc', 'desc']).default('desc'),
      })
      .strict(),
    output: out<Page<DecisionRow>>(),
  },
  'decisions:get': { input: ById('dec_'), output: out<DecisionDetail>() },
  'decisions:create': { input: DecisionFieldsSchema, output: out<Saved>() },
  'decisions:update': {
    input: patchOf(DecisionFieldsSchema).extend(ById('dec_').shape).strict(),
    output: out<Saved>(),
  },
  'decisions:sign': { input: ById('dec_').extend(SignatureSchema.shape).strict(), output: out<Saved>() },
  'decisions:proposeReference': {
    input: z.object({ date: CalendarDate }).strict(),
    output: out<{ reference: string }>(),
  },
  'decisions:amend': {
    input: ById('dec_')
      .extend({
        what: z.string().trim().min(1, { message: 'is required: say what is corrected' }).max(5000),
        why: z.string().trim().min(1, { message: 'is required: say why' }).max(5000),
      })
      .strict(),
    output: out<Saved>(),
  },
  'decisions:seals': { input: ById('dec_'), output: out<DecisionSeals>() },
  'decisions:checkSeal': {
    input: ById('dec_')
      .extend({
        seal: z
          .string()
          .trim()
          .min(1, { message: 'is required: type or paste the seal printed on the notice' })
          .max(200),
      })
      .strict(),
    output: out<SealCheck>(),
  },
  'decisions:archive': { input: ById('dec_'), output: out<Saved>() },
  'decisions:unarchive': { input: ById('dec_'), output: out<Saved>() },

  'conditions:list': {
    input: z
      .object({
        ...PageInput,
        search: Search,
        status: z.enum(CONDITION_STATUSES).optional(),
        open: z.boolean().optional(),
        owner: z.string().trim().max(300).optional(),
        due: z.enum(['overdue', 'next30', 'next90', 'all']).default('all'),
        decisionId: z.string().startsWith('dec_').optional(),
        sort: z.enum(['due', 'decision', 'owner']).default('due'),
      })
      .strict(),
    output: out<Page<ConditionRow>>(),
  },
  'conditions:get': { input: ById('cnd_'), output: out<ConditionDetail>() },
  'conditions:create': { input: ConditionFieldsSchema, output: out<Saved>() },
  'conditions:update': {
    input: patchOf(ConditionFieldsSchema.omit({ decisionId: true }))
      .extend(ById('cnd_').shape)
      .strict(),
    output: out<Saved>(),
  },
  'conditions:setStatus': {
    input: ById('cnd_')
      .extend({
        status: z.enum(CONDITION_STATUSES, { message: `must be one of: ${CONDITION_STATUSES.join(', ')}` }),
        /** The day it happened (default today): not in the future, not before the decision. */
        on: CalendarDate.optional(),
        note: z.string().trim().max(5000).default(''),
        evidencePaperId: z.string().startsWith('pap_', { message: 'must be a paper' }).nullable().default(null),
        /** A file attached to the update itself as evidence. */
        evidenceFile: AttachmentUploadSchema.nullable().default(null),
        /** The due date this update answers (a report received); '' when it answers none (a note). */
        answers: z.union([z.literal(''), CalendarDate]).default(''),
      })
      .strict(),
    output: out<Saved>(),
  },
  'conditions:evidenceFile': {
    input: ById('cnd_')
      .extend({ blob: z.string().regex(/^[0-9a-f]{64}$/, { message: 'is not a blob hash' }) })
      .strict(),
    output: out<{ name: string; type: string; bytes: number; dataBase64: string }>(),
  },

  'contracts:list': {
    input: z
      .object({
        ...PageInput,
        search: Search,
        route: z.enum(ROUTES).optional(),
        status: z.enum(CONTRACT_STATUSES).optional(),
        kind: z.enum(CONTRACT_KINDS).optional(),
        endingBefore: CalendarDate.optional(),
        archived: Archived,
        sort: z.enum(['termEnd', 'reference', 'value']).default('termEnd'),
      })
      .strict(),
    output: out<Page<ContractRow>>(),
  },
  'contracts:get': { input: ById('ctr_'), output: out<ContractDetail>() },
  'contracts:create': { input: ContractFieldsSchema.superRefine(checkContract), output: out<Saved>() },
  'contracts:update': {
    input: patchOf(ContractFieldsSchema).extend(ById('ctr_').shape).strict(),
    output: out<Saved>(),
  },
  'contracts:exerciseOption': {
    input: ById('ctr_')
      .extend({
        optionId: z.string().startsWith('opt_', { message: 'must be an extension option' }),
        decisionId: z.string().startsWith('dec_', { message: 'must be a decision' }).nullable().default(null),
        exercisedOn: z.union([z.literal(''), CalendarDate]).default(''),
      })
      .strict(),
    output: out<Saved>(),
  },
  'contracts:forwardPlan': { input: Empty, output: out<ForwardPlan>() },
  'contracts:suppliers': { input: Empty, output: out<readonly SupplierExposure[]>() },
  'contracts:archive': { input: ById('ctr_'), output: out<Saved>() },
  'contracts:unarchive': { input: ById('ctr_'), output: out<Saved>() },

  'sample:load': {
    input: z.object({ confirm: z.boolean().default(false) }).strict(),
    output: out<{ seq: number; summary: string; backup: BackupInfo | null }>(),
  },
  'dashboard:get': { input: Empty, output: out<DashboardView>() },
  'search:query': {
    input: z
      .object({
        q: z.string().trim().max(200, { message: 'must be at most 200 characters' }),
        perGroup: z.number().int().min(1).max(50).default(8),
      })
      .strict(),
    output: out<SearchResults>(),
  },

  'deadlines:list': {
    input: z
      .object({ ...PageInput, ...DeadlineFilter, groupBy: z.enum(['none', 'owner', 'contract']).default('none') })
      .strict(),
    output: out<DeadlineList>(),
  },
  'deadlines:get': { input: z.object({ key: DeadlineKey }).strict(), output: out<DeadlineDetail>() },
  'deadlines:createManual': { input: ManualDeadlineFields.strict(), output: out<Saved>() },
  'deadlines:updateManual': {
    input: ManualDeadlineFields.partial().extend({ key: DeadlineKey }).strict(),
    output: out<Saved>(),
  },
  'deadlines:closeManual': {
    input: z.object({ key: DeadlineKey, status: z.enum(['done', 'cancelled', 'open']) }).strict(),
    output: out<Saved>(),
  },
  'deadlines:setReminders': {
    input: z.object({ key: DeadlineKey, leadDays: LeadDays.nullable() }).strict(),
    output: out<Saved>(),
  },
  'deadlines:snooze': {
    input: z
      .object({ key: DeadlineKey, for: z.enum(['1d', '1w', 'until', 'clear']), until: CalendarDate.optional() })
      .strict()
      .refine((s) => s.for !== 'until' || s.until !== undefined, {
        path: ['until'],
        message: 'is required: the date to snooze until',
      }),
    output: out<Saved>(),
  },
  'deadlines:dismiss': {
    input: z.object({ occurrence: z.string().min(1).max(400) }).strict(),
    output: out<Saved>(),
  },
  'deadlines:ics': {
    input: z.object({ ...DeadlineFilter, todos: z.boolean().default(false) }).strict(),
    output: out<IcsExport>(),
  },
  'deadlines:chase': { input: z.object({ key: DeadlineKey }).strict(), output: out<ChaseView>() },
  'reminders:list': {
    input: z.object({ ...PageInput, show: z.enum(['active', 'all']).default('active') }).strict(),
    output: out<ReminderList>(),
  },
  'app:getStartAtLogin': { input: Empty, output: out<StartAtLogin>() },
  'app:setStartAtLogin': { input: z.object({ enabled: z.boolean() }).strict(), output: out<StartAtLogin>() },

  'minutes:get': { input: z.object({ meetingId: MeetingIdInput }).strict(), output: out<MinutesView>() },
  'minutes:saveDiscussion': {
    input: z
      .object({
        meetingId: MeetingIdInput,
        /** The agenda item, or null for the opening remarks. */
        itemId: z.string().startsWith('itm_', { message: 'must be an agenda item' }).nullable(),
        text: z.string().max(200_000, { message: 'must be at most 200,000 characters' }),
      })
      .strict(),
    output: out<Saved>(),
  },
  'minutes:approve': {
    input: z
      .object({
        meetingId: MeetingIdInput,
        atMeetingId: z.string().startsWith('mtg_', { message: 'must be a meeting' }),
      })
      .strict(),
    output: out<Saved>(),
  },
  'minutes:amend': {
    input: z
      .object({
        meetingId: MeetingIdInput,
        what: z.string().trim().min(1, { message: 'is required: say what is corrected' }).max(5000),
        why: z.string().trim().min(1, { message: 'is required: say why' }).max(5000),
      })
      .strict(),
    output: out<Saved>(),
  },
  'documents:minutes': { input: MinutesDocumentInput, output: out<DocumentFile>() },
  'documents:notice': { input: NoticeDocumentInput, output: out<DocumentFile>() },
  'documents:conditionsReport': { input: ConditionsReportInput, output: out<DocumentFile>() },
  'documents:register': { input: RegisterInput, output: out<DocumentFile>() },
  'documents:forwardPlan': { input: ForwardPlanInput, output: out<DocumentFile>() },
  'documents:save': { input: DocumentRequestSchema, output: out<SavedFile>() },

  'compiledPacks:compile': {
    input: z
      .object({
        meetingId: MeetingIdInput,
        scope: z.enum(PACK_SCOPES, { message: 'must be public or confidential' }),
        /** A new pack version, or a supplement to the newest one (the papers added or revised since). */
        as: z.enum(['version', 'supplement'], { message: 'must be version or supplement' }).default('version'),
        /** Passwords of protected PDF papers, by paper id: used for this compile only, never stored. */
        passwords: z.record(PaperIdInput, z.string().max(1024)).default({}),
        /** Protected PDF papers to leave out: a page says where to find each. */
        leaveOut: z.array(PaperIdInput).max(500).default([]),
      })
      .strict(),
    output: out<CompileOutcome>(),
  },
  'compiledPacks:list': { input: z.object({ meetingId: MeetingIdInput }).strict(), output: out<CompiledPacksView>() },
  'compiledPacks:file': {
    input: z
      .object({
        id: z.string().startsWith('cpk_', { message: 'must be a compiled pack' }),
        /** Pages to cut out, for printing (1-based, inclusive); the whole pack when left out. */
        from: z.number().int().min(1, { message: 'must be a page number from 1' }).optional(),
        to: z.number().int().min(1, { message: 'must be a page number from 1' }).optional(),
        saveWithDialog: z.boolean().default(false),
      })
      .strict(),
    output: out<CompiledPackFile>(),
  },

  'identity:get': { input: Empty, output: out<IdentityView>() },
  'identity:export': {
    /** `saveWithDialog`: the shell's save dialog writes the file (Electron); else the page downloads it. */
    input: z.object({ saveWithDialog: z.boolean().default(false) }).strict(),
    output: out<PackFile>(),
  },
  'packs:publish': {
    input: z.object({ meetingId: MeetingIdInput, saveWithDialog: z.boolean().default(false) }).strict(),
    output: out<PublishedPack>(),
  },
  'packs:confidentialPlan': {
    input: z.object({ meetingId: MeetingIdInput }).strict(),
    output: out<ConfidentialPlanView>(),
  },
  'packs:publishConfidential': {
    input: z
      .object({
        meetingId: MeetingIdInput,
        /** The members to send it to: each needs a public identity on their record. */
        memberIds: z
          .array(z.string().startsWith('mem_', { message: 'must be a member' }))
          .min(1, { message: 'choose at least one member' })
          .max(500),
        saveWithDialog: z.boolean().default(false),
      })
      .strict(),
    output: out<PublishedConfidential>(),
  },
  /** Puts a member's public identity (the file they exported from their copy) on their record. */
  'members:importIdentity': {
    input: z
      .object({
        id: z.string().startsWith('mem_', { message: 'must be a member' }),
        fileName: z.string().trim().min(1, { message: 'is required' }).max(255),
        dataBase64: z
          .string()
          .max(100_000, { message: 'is too large for a public identity file' })
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'is not base64' }),
      })
      .strict(),
    output: out<Saved>(),
  },
  'packs:list': { input: z.object({ meetingId: MeetingIdInput }).strict(), output: out<PackLogView[]>() },
  'packs:import': {
    input: z
      .object({
        /** The file's name, for messages. */
        fileName: z.string().trim().min(1, { message: 'is required' }).max(255),
        /** The pack's bytes (the page's file picker or a drop)... */
        dataBase64: z
          .string()
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'is not base64' })
          .optional(),
        /** ...or a file on disk the shell names (open with, the watched folder); left where it is. */
        path: z.string().min(1).max(4096).optional(),
        /** True once the person has said yes to the trust question. */
        trust: z.boolean().default(false),
      })
      .strict()
      .refine((i) => (i.dataBase64 === undefined) !== (i.path === undefined), {
        message: 'give either the pack’s bytes or its path',
        path: ['dataBase64'],
      }),
    output: out<ImportOutcome>(),
  },
  'packs:offers': { input: Empty, output: out<PackOffer[]>() },
  'packs:dismissOffer': { input: z.object({ path: z.string().min(1).max(4096) }).strict(), output: out<null>() },
  'packs:watchedFolder': { input: Empty, output: out<WatchedFolderView>() },
  'packs:setWatchedFolder': {
    input: z
      .object({
        /** An absolute folder path, or null for none. */
        folder: z.string().trim().min(1, { message: 'is required' }).max(4096).nullable(),
        polling: z.boolean().default(false),
      })
      .strict(),
    output: out<WatchedFolderView>(),
  },
  'notes:list': {
    input: z.object({ paperId: z.string().startsWith('pap_', { message: 'must be a paper' }) }).strict(),
    output: out<PaperNoteView[]>(),
  },
  'notes:addPassage': {
    input: z
      .object({
        paperId: z.string().startsWith('pap_', { message: 'must be a paper' }),
        passage: z
          .string()
          .trim()
          .min(1, { message: 'is required: quote the passage' })
          .max(MAX_PASSAGE_CHARS, { message: `must be at most ${MAX_PASSAGE_CHARS} characters` }),
        occurrence: z.number().int().min(1).default(1),
        /** In a PDF paper: the page the passage was selected on; `occurrence` then counts on that page. */
        page: z.number().int().min(1).optional(),
        text: z.string().max(100_000, { message: 'must be at most 100,000 characters' }),
      })
      .strict(),
    output: out<Saved>(),
  },
  'notes:update': {
    input: ById('pnt_')
      .extend({ text: z.string().max(100_000, { message: 'must be at most 100,000 characters' }) })
      .strict(),
    output: out<Saved>(),
  },
  'notes:delete': { input: ById('pnt_'), output: out<Saved>() },
  'notes:export': {
    input: z.object({ paperId: z.string().startsWith('pap_', { message: 'must be a paper' }) }).strict(),
    output: out<{ name: string; markdown: string }>(),
  },
} as const satisfies { [C in ChannelName]: { input: z.ZodType; output: Out<unknown> } };

/** Payloads of the events pushed to the renderer. */
export interface EventPayloads {
  'data:changed': { readonly seq: number; readonly targets: readonly string[] };
  'store:status': StoreStatus;
  /** Reminders just fired, merged into one notice ("3 reminders while you were away"). */
  'reminder:due': {
    /** `arrivals`: the in-app summary of obligations already overdue when recorded (no system notification). */
    readonly kind: 'reminders' | 'arrivals';
    readonly count: number;
    readonly titles: readonly string[];
    /** The notice's heading, e.g. the deadline's title or "3 reminders while you were away". */
    readonly message: string;
    /** One line under it: when the deadline is due, or the titles. */
    readonly body: string;
    readonly items: readonly ReminderItem[];
  };
  /** Main asks the page to show a place (a notification was clicked): a hash such as `#/deadlines?key=…`. */
  'app:navigate': { readonly hash: string };
  /** Main tells the page something about the desktop once, e.g. that system notifications are unavailable. */
  'app:notice': { readonly message: string };
  /** A pack is offered: the system opened the app with it, or it appeared in the watched folder. */
  'packs:offered': PackOffer;
}

export type Channel = keyof typeof contract;
/** What a caller passes (defaults may be left out). */
export type InputOf<C extends Channel> = z.input<(typeof contract)[C]['input']>;
/** What a handler receives, after validation and defaults. */
export type ParsedInputOf<C extends Channel> = z.output<(typeof contract)[C]['input']>;
export type OutputOf<C extends Channel> = (typeof contract)[C]['output'] extends Out<infer T> ? T : never;

/** A handler for every channel: a missing one is a compile error where the table is built. */
export type Handlers = { [C in Channel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>> };

/** The shape of `window.board`, as preload exposes it. */
export interface BoardBridge {
  invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>>;
  on<E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void): () => void;
}

// Compile-time proof that the zod-free name lists and the contract agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsAgree: Same<Channel, (typeof CHANNELS)[number]> = true;
const eventsAgree: Same<keyof EventPayloads, (typeof EVENTS)[number]> = true;
// And that the collections a read may depend on are the state's own.
const collectionsAgree: Same<CollectionTarget, CollectionName> = true;
void channelsAgree;
void eventsAgree;
void collectionsAgree;
