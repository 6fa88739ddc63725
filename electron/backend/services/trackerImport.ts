/**
 * "Import from a spreadsheet": a board's decisions, conditions or contracts
 * tracker (CSV or .xlsx) into records. Preview first (the pure reading is
 * shared/documents/trackerImport.ts; here each valid row is matched to a
 * record by its reference and checked against the schema), then import the
 * whole file, or the valid rows only when the person chooses so, in one
 * journaled change whose summary names the file. Rows that change nothing
 * change nothing: the same file twice writes no entry.
 */
import readXlsxFile from 'read-excel-file/node';
import { AppFailure } from '../../../shared/contract/result.ts';
import type { TrackerImported, TrackerPlan } from '../../../shared/contract/trackerTypes.ts';
import {
  TRACKER_FIELDS,
  decodeTrackerBytes,
  guessMapping,
  parseCsv,
  previewTracker,
  type ColumnMapping,
  type RowProblem,
  type TrackerKind,
  type TrackerRow,
} from '../../../shared/documents/trackerImport.ts';
import { ConditionSchema, type Condition } from '../../../shared/schema/conditions.ts';
import { ContractSchema, type Contract } from '../../../shared/schema/contracts.ts';
import { DecisionSchema, type Decision } from '../../../shared/schema/decisions.ts';
import { fieldIssues, type RecordChange, type State } from '../../../shared/schema/state.ts';
import { actorOf, newId, type ServiceContext } from './context.ts';

/** What the page sends: the file, the kind, and a mapping (none: guessed from the header). */
export interface TrackerInput {
  readonly kind: TrackerKind;
  readonly fileName: string;
  readonly dataBase64: string;
  readonly mapping: ColumnMapping | null;
}

async function readTable(
  fileName: string,
  bytes: Buffer,
): Promise<{ table: Array<Array<string | number | null>>; encodingNote: string }> {
  if (/\.xlsx$/i.test(fileName)) {
    let sheets;
    try {
      sheets = await readXlsxFile(bytes);
    } catch (error) {
      throw new AppFailure(
        'invalid_input',
        `${fileName} could not be read as an Excel workbook (${error instanceof Error ? error.message : String(error)}). Nothing was imported.`,
      );
    }
    const data = sheets[0]?.data ?? [];
    const table = data.map((row) =>
      row.map((cell): string | number | null => {
        if (cell === null) return null;
        if ((cell as unknown) instanceof Date) return (cell as unknown as Date).toISOString().slice(0, 10);
        if (typeof cell === 'number' || typeof cell === 'string') return cell;
        return String(cell);
      }),
    );
    return { table, encodingNote: '' };
  }
  const { text, encodingNote } = decodeTrackerBytes(bytes);
  return { table: parseCsv(text), encodingNote };
}

/** The stable reference of each condition: its decision's reference and its place, `PCD 2026-117/C2`. */
export function conditionReferences(state: State): Map<string, string> {
  const out = new Map<string, string>();
  const byDecision = new Map<string, Condition[]>();
  for (const c of state.conditions.values()) {
    const list = byDecision.get(c.decisionId) ?? [];
    list.push(c);
    byDecision.set(c.decisionId, list);
  }
  for (const [decisionId, list] of byDecision) {
    const ref = state.decisions.get(decisionId)?.reference ?? decisionId;
    list
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .forEach((c, i) => out.set(c.id, `${ref}/C${i + 1}`));
  }
  return out;
}

function same(a: object, b: object): boolean {
  return JSON.stringify({ ...a, updatedAt: undefined }) === JSON.stringify({ ...b, updatedAt: undefined });
}

interface Planned {
  readonly changes: RecordChange[];
  readonly problems: RowProblem[];
  readonly create: number;
  readonly update: number;
  readonly unchanged: number;
}

/** The record whose reference is `reference`, in any case (references are matched so). */
function byReference<R extends { readonly reference: string }>(
  records: readonly R[],
  reference: string,
): R | undefined {
  const wanted = reference.toLowerCase();
  return records.find((r) => r.reference.toLowerCase() === wanted);
}

/** The fields among `keys` that the row has a value for (an empty or withheld cell has none), as they were read. */
function givenFields(
  values: TrackerRow['values'],
  keys: readonly string[],
): Record<string, TrackerRow['values'][string]> {
  return Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]));
}

/** The columns of a decisions tracker that overwrite a decision's own fields, each as it was read. */
const DECISION_FIELDS = ['title', 'date', 'outcome', 'wording', 'decisionMaker'] as const;

function schemaProblem(row: number, issues: ReturnType<typeof fieldIssues>): RowProblem[] {
  return issues.slice(0, 3).map((i) => ({ row, column: i.field.split('.').pop() ?? i.field, message: i.message }));
}

function plan(state: State, kind: TrackerKind, rows: readonly TrackerRow[], now: string): Planned {
  const changes: RecordChange[] = [];
  const problems: RowProblem[] = [];
  let create = 0;
  let update = 0;
  let unchanged = 0;
  const put = (
    row: number,
    current: object | undefined,
    next: object,
    target: 'decisions' | 'contracts' | 'conditions',
    id: string,
  ): void => {
    const schema = target === 'decisions' ? DecisionSchema : target === 'contracts' ? ContractSchema : ConditionSchema;
    const parsed = schema.safeParse(next);
    if (!parsed.success) {
      problems.push(...schemaProblem(row, fieldIssues(parsed.error)));
      return;
    }
    if (current !== undefined && same(current, parsed.data)) {
      unchanged++;
      return;
    }
    if (current === undefined) create++;
    else update++;
    changes.push({ target, id, after: parsed.data } as RecordChange);
  };
  for (const { row, values: v } of rows) {
    const text = (k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
    const has = (k: string): boolean => v[k] !== undefined;
    if (kind === 'decisions') {
      const current = byReference(state.decisions.values(), text('reference')!);
      const fresh = current
        ? null
        : DecisionSchema.safeParse({
            id: newId('dec_'),
            createdAt: now,
            updatedAt: now,
            title: text('title'),
            date: v.date,
            outcome: v.outcome,
            reference: text('reference'),
            status: 'draft',
          });
      if (fresh && !fresh.success) {
        problems.push(...schemaProblem(row, fieldIssues(fresh.error)));
        continue;
      }
      const base: Decision = current ?? fresh!.data!;
      const votes =
        has('votesFor') || has('votesAgainst') || has('abstentions')
          ? {
              for: Number(v.votesFor ?? base.votes?.for ?? 0),
              against: Number(v.votesAgainst ?? base.votes?.against ?? 0),
              abstain: Number(v.abstentions ?? base.votes?.abstain ?? 0),
            }
          : base.votes;
      const next: Decision = {
        ...base,
        ...givenFields(v, DECISION_FIELDS),
        votes,
        updatedAt: now,
      };
      if (current?.status === 'signed' && !same(current, next)) {
        problems.push({
          row,
          column: 'Reference',
          message: `${current.reference} is signed: its record is read-only, so record an amendment on its page instead`,
        });
        continue;
      }
      put(row, current, next, 'decisions', base.id);
    } else if (kind === 'contracts') {
      const current = byReference(state.contracts.values(), text('reference')!);
      const fields = givenFields(
        v,
        TRACKER_FIELDS.contracts.map((f) => f.key),
      );
      const next = { ...(current ?? { id: newId('ctr_'), createdAt: now }), ...fields, updatedAt: now } as Contract;
      put(row, current, current ? next : (ContractSchema.safeParse(next).data ?? next), 'contracts', next.id);
    } else {
      const refs = conditionReferences(state);
      const decision = byReference(state.decisions.values(), text('decision')!);
      if (!decision) {
        problems.push({
          row,
          column: 'Decision',
          message: `there is no decision ${text('decision')} in the app: import the decisions first`,
        });
        continue;
      }
      const byRef = text('reference')
        ? [...refs].find(([, r]) => r.toLowerCase() === text('reference')!.toLowerCase())?.[0]
        : undefined;
      const current = byRef
        ? state.conditions.get(byRef)
        : state.conditions.values().find((c) => c.decisionId === decision.id && c.wording === text('wording'));
      const next = {
        // A new one is learned of now (its reminders start from the import), whatever its dates.
        ...(current ?? {
          id: newId('cnd_'),
          createdAt: now,
          learnedAt: now,
          ongoing: false,
          status: 'open',
          history: [],
          recurrence: null,
        }),
        decisionId: decision.id,
        wording: text('wording') ?? current?.wording,
        owner: {
          memberId: current?.owner.memberId ?? null,
          name: text('owner') ?? current?.owner.name,
          email: text('ownerEmail') ?? current?.owner.email ?? '',
        },
        due: has('due') ? (v.due as string) : (current?.due ?? ''),
        evidenceRequired: text('evidenceRequired') ?? current?.evidenceRequired ?? '',
        updatedAt: now,
      } as Condition;
      put(row, current, next, 'conditions', next.id);
    }
  }
  return { changes, problems, create, update, unchanged };
}

async function read(ctx: ServiceContext, input: TrackerInput): Promise<{ plan: Planned; planOut: TrackerPlan }> {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  const { table, encodingNote } = await readTable(input.fileName, bytes);
  if (table.length === 0)
    throw new AppFailure('invalid_input', `${input.fileName} is empty: there is no header row. Nothing was imported.`);
  const header = table[0]!.map((c) => String(c ?? ''));
  const mapping = input.mapping ?? guessMapping(input.kind, header);
  for (const [key, at] of Object.entries(mapping)) {
    if (at !== null && (at < 0 || at >= header.length)) {
      throw new AppFailure(
        'invalid_input',
        `The mapping of ${key} names column ${at + 1}, but the file has ${header.length}.`,
      );
    }
  }
  const preview = previewTracker(input.kind, table, mapping, encodingNote);
  const planned = plan(ctx.store().state(), input.kind, preview.valid, ctx.clock().toISOString());
  const problems = [...preview.problems, ...planned.problems].sort((a, b) => a.row - b.row);
  const badRows = new Set(problems.map((p) => p.row)).size;
  return {
    plan: planned,
    planOut: {
      kind: input.kind,
      fileName: input.fileName,
      header,
      mapping,
      fields: TRACKER_FIELDS[input.kind].map((f) => ({ key: f.key, label: f.label, required: f.required })),
      missing: preview.missing,
      problems,
      rows: table.length - 1,
      invalidRows: badRows,
      create: planned.create,
      update: planned.update,
      unchanged: planned.unchanged,
      encodingNote,
    },
  };
}

/** What importing the file would do, with every row's problems. Nothing is written. */
export async function previewTrackerImport(ctx: ServiceContext, input: TrackerInput): Promise<TrackerPlan> {
  return (await read(ctx, input)).planOut;
}

/**
 * Imports the file: refused while a required column is unmapped, or while a
 * row has a problem unless `validOnly`. One journal entry records it all.
 */
export async function importTracker(
  ctx: ServiceContext,
  input: TrackerInput & { validOnly: boolean },
): Promise<TrackerImported> {
  const { planOut } = await read(ctx, input);
  if (planOut.missing.length > 0) {
    throw new AppFailure(
      'invalid_input',
      `${input.fileName} has no column for ${planOut.missing.join(', ')}: map one to each. Nothing was imported.`,
    );
  }
  if (planOut.problems.length > 0 && !input.validOnly) {
    const first = planOut.problems[0]!;
    throw new AppFailure(
      'invalid_input',
      `${planOut.invalidRows} row(s) of ${input.fileName} have problems (first: row ${first.row}, ${first.column}: ${first.message}). Nothing was imported: fix them, or choose to import the valid rows only.`,
      { problems: planOut.problems },
    );
  }
  const store = ctx.store();
  const { table, encodingNote } = await readTable(input.fileName, Buffer.from(input.dataBase64, 'base64'));
  const valid = previewTracker(input.kind, table, planOut.mapping, encodingNote).valid;
  const mutation = await store.mutate(actorOf(store.state()), '', (state) => {
    // Planned again in the write queue, on the state the change is made to; rows with problems are left out.
    const planned = plan(state, input.kind, valid, ctx.clock().toISOString());
    const bad = new Set(planned.problems.map((p) => p.row));
    const changes = planned.changes;
    const summary = `Imported from ${input.fileName} (${input.kind} tracker): ${planned.create} added, ${planned.update} updated${planOut.invalidRows + bad.size > 0 ? `, ${planOut.invalidRows} row(s) with problems left out` : ''}`;
    return {
      changes,
      summary,
      value: { created: planned.create, updated: planned.update, unchanged: planned.unchanged, summary },
    };
  });
  return {
    ...mutation.value,
    skippedRows: planOut.invalidRows,
    seq: mutation.changed ? mutation.seq : 0,
    summary: mutation.changed
      ? mutation.value.summary
      : `Nothing to import from ${input.fileName}: every row matches the records already.`,
  };
}
