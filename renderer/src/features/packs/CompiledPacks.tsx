/**
 * A meeting's pack as one PDF: "Compile pack PDF" (public, or with the items
 * taken in private; a new version or a supplement of what was added or
 * revised since), the password question for a protected PDF paper (used for
 * that compile only), the versions compiled and which one members have, each
 * pack's page list (the same numbers as printed on its pages), and "Print
 * pages" (a range cut out of the pack, to print); "Read in the app" opens a
 * pack in the PDF reader, and the page list's numbers open their page there.
 */
import { busyButtonProps } from '../../components/busyButton.ts';
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type {
  CompiledPackView,
  PackScopeStatus,
  PasswordQuestion,
} from '../../../../shared/contract/compiledPackViews.ts';
import type { AppError } from '../../../../shared/contract/result.ts';
import type { PackScope } from '../../../../shared/schema/compiledPacks.ts';
import { transportKind } from '../../api.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { formatDateTimeLong } from '../../format.ts';
import { useCellLabels, useStackedWhenNarrow } from '../../components/DataTable.tsx';
import { downloadFile } from '../documents/exportDocument.ts';
import { packReaderLink } from './PackReader.tsx';

const SCOPE_NAMES: { readonly [S in PackScope]: string } = {
  public: 'Public pack',
  confidential: 'Pack with confidential items',
};

function countOf(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** "Members have version 2 (compiled 24 September 2026 at 10:05), with supplement 1. Since then: …". */
function scopeText(status: PackScopeStatus): string {
  const { current, changes } = status;
  if (current === null) return 'not compiled yet.';
  const supplements =
    current.supplements === 0
      ? ''
      : current.supplements === 1
        ? ', with supplement 1'
        : `, with supplements 1 to ${current.supplements}`;
  const since = [
    changes.added.length > 0
      ? `${countOf(changes.added.length, 'paper')} added (${changes.added.map((p) => p.reference).join(', ')})`
      : '',
    changes.revised.length > 0
      ? `${countOf(changes.revised.length, 'paper')} revised (${changes.revised.map((p) => p.reference).join(', ')})`
      : '',
    changes.removed.length > 0
      ? `${countOf(changes.removed.length, 'paper')} taken off (${changes.removed.map((p) => p.reference).join(', ')})`
      : '',
  ].filter(Boolean);
  return `members have version ${current.version}${supplements} (last compiled ${formatDateTimeLong(current.compiledAt)}). ${
    since.length > 0
      ? `Since then: ${since.join('; ')}. Compile a supplement or a new version.`
      : 'Nothing has changed since.'
  }`;
}

function saveFile(fileName: string, mimeType: string, dataBase64: string): void {
  downloadFile({ fileName, mimeType, encoding: 'base64', content: dataBase64 });
}

/** The compiled pack PDF panel of a meeting's page. */
export function CompiledPacks({ meetingId }: { readonly meetingId: string }): ReactNode {
  const id = useId();
  const view = useQuery('compiledPacks:list', { meetingId });
  const compile = useMutation('compiledPacks:compile');
  const file = useMutation('compiledPacks:file');
  const [scope, setScope] = useState<PackScope>('public');
  const [as, setAs] = useState<'version' | 'supplement'>('version');
  const [questions, setQuestions] = useState<readonly PasswordQuestion[]>([]);
  const [passwords, setPasswords] = useState<Record<string, string>>({});
  const [leaveOut, setLeaveOut] = useState<ReadonlySet<string>>(new Set());
  const [compiled, setCompiled] = useState<CompiledPackView | undefined>(undefined);
  const [problem, setProblem] = useState<AppError | undefined>(undefined);
  const [shownId, setShownId] = useState<string | undefined>(undefined);
  const [fileProblem, setFileProblem] = useState<string | undefined>(undefined);

  const data = view.status === 'ok' ? view.value : undefined;
  const status = data?.scopes.find((s) => s.scope === scope);
  const canSupplement = status?.current != null;
  const shown = data?.packs.find((p) => p.id === shownId) ?? data?.packs[0];

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setProblem(undefined);
    setCompiled(undefined);
    const given = Object.fromEntries(
      questions
        .filter((q) => !leaveOut.has(q.paperId) && passwords[q.paperId])
        .map((q) => [q.paperId, passwords[q.paperId]!]),
    );
    const result = await compile.run({
      meetingId,
      scope,
      as: canSupplement ? as : 'version',
      passwords: given,
      leaveOut: [...leaveOut],
    });
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    if (result.value.status === 'needsPassword') {
      setQuestions(result.value.papers);
      return;
    }
    // Passwords are kept only for this compile: forget them now.
    setQuestions([]);
    setPasswords({});
    setLeaveOut(new Set());
    setCompiled(result.value.pack);
    setShownId(result.value.pack.id);
  };

  const download = async (pack: CompiledPackView): Promise<void> => {
    setFileProblem(undefined);
    const result = await file.run({ id: pack.id, saveWithDialog: transportKind() === 'electron' });
    if (!result.ok) setFileProblem(result.error.message);
    else if (result.value.saved === null)
      saveFile(result.value.fileName, result.value.mimeType, result.value.dataBase64);
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <div className="panel-head">
        <h2 id={`${id}-title`} className="panel-title">
          Pack PDF
        </h2>
      </div>
      <p className="field-hint">
        The cover, the agenda with page numbers, and every paper in agenda order as one PDF, numbered “Page N of M” on
        every page: the numbers members see in the app are the numbers on paper.
      </p>
      {data !== undefined && (
        <ul className="plain-list" aria-label="Which version members have">
          {data.scopes.map((s) => (
            <li key={s.scope}>
              <strong>{SCOPE_NAMES[s.scope]}:</strong> {scopeText(s)}
            </li>
          ))}
        </ul>
      )}
      <form aria-label="Compile pack PDF" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="fieldset fieldset-inline">
          <legend className="field-legend">Which pack</legend>
          <div className="radio-row">
            {(['public', 'confidential'] as const).map((s) => (
              <label className="radio" key={s}>
                <input
                  type="radio"
                  name={`${id}-scope`}
                  checked={scope === s}
                  onChange={() => {
                    setScope(s);
                    setQuestions([]);
                  }}
                />{' '}
                {s === 'public' ? 'Public (leaves out the items taken in private)' : 'With confidential items'}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="fieldset fieldset-inline">
          <legend className="field-legend">Compile as</legend>
          <div className="radio-row">
            <label className="radio">
              <input
                type="radio"
                name={`${id}-as`}
                checked={!canSupplement || as === 'version'}
                onChange={() => setAs('version')}
              />{' '}
              A new version{status?.current ? ` (version ${status.current.version + 1})` : ' (version 1)'}
            </label>
            <label className="radio">
              <input
                type="radio"
                name={`${id}-as`}
                disabled={!canSupplement}
                checked={canSupplement && as === 'supplement'}
                onChange={() => setAs('supplement')}
              />{' '}
              A supplement to version {status?.current?.version ?? 1}: only the papers added or revised since
            </label>
          </div>
        </fieldset>
        {questions.length > 0 && (
          <fieldset className="fieldset">
            <legend className="field-legend">Password-protected papers</legend>
            <p className="field-hint">
              The password opens the file for this compile only; it is not kept. Or leave the paper out: the pack then
              has a page saying where to find it.
            </p>
            {questions.map((q) => (
              <div className="field" key={q.paperId}>
                <label htmlFor={`${id}-pw-${q.paperId}`}>
                  Password for {q.reference} {q.title} ({q.fileName})
                </label>
                <input
                  id={`${id}-pw-${q.paperId}`}
                  className="input"
                  type="password"
                  autoComplete="off"
                  disabled={leaveOut.has(q.paperId)}
                  aria-invalid={q.wrong}
                  aria-describedby={q.wrong ? `${id}-pw-${q.paperId}-error` : undefined}
                  value={passwords[q.paperId] ?? ''}
                  onChange={(e) => setPasswords({ ...passwords, [q.paperId]: e.target.value })}
                />
                {q.wrong && (
                  <p className="field-error" id={`${id}-pw-${q.paperId}-error`}>
                    That password did not open {q.fileName}.
                  </p>
                )}
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={leaveOut.has(q.paperId)}
                    onChange={(e) => {
                      const next = new Set(leaveOut);
                      if (e.target.checked) next.add(q.paperId);
                      else next.delete(q.paperId);
                      setLeaveOut(next);
                    }}
                  />{' '}
                  Leave {q.reference} out of the pack
                </label>
              </div>
            ))}
          </fieldset>
        )}
        <div className="button-row">
          <button type="submit" className="button" {...busyButtonProps(compile.pending)}>
            {compile.pending ? 'Compiling… (printing the papers)' : 'Compile pack PDF'}
          </button>
        </div>
      </form>
      <p role="status" className="inline-status">
        {compiled !== undefined &&
          `${compiled.label} compiled: ${compiled.pages} pages. Download it to send to the members, or print pages from it below.`}
        {questions.length > 0 &&
          !compile.pending &&
          'A paper needs its password (or leave it out) before the pack can be compiled.'}
      </p>
      {problem !== undefined && (
        <p role="alert" className="field-error">
          {problem.message}
        </p>
      )}
      {data !== undefined && data.packs.length > 0 && (
        <PackVersionsTable packs={data.packs} shownId={shown?.id} onDownload={download} onShow={setShownId} />
      )}
      {fileProblem !== undefined && (
        <p role="alert" className="field-error">
          {fileProblem}
        </p>
      )}
      {shown !== undefined && <PackPageList pack={shown} />}
    </section>
  );
}

/** The versions compiled, newest first, with their actions; at 320 px or 200% zoom the rows stack. */
function PackVersionsTable({
  packs,
  shownId,
  onDownload,
  onShow,
}: {
  readonly packs: readonly CompiledPackView[];
  readonly shownId: string | undefined;
  readonly onDownload: (pack: CompiledPackView) => Promise<void>;
  readonly onShow: (id: string) => void;
}): ReactNode {
  const table = useRef<HTMLTableElement>(null);
  useCellLabels(table);
  useStackedWhenNarrow(table, 4);
  return (
    <table ref={table} className="table table-stack" aria-label="Compiled packs">
      <thead>
        <tr>
          <th scope="col">Pack</th>
          <th scope="col">Compiled</th>
          <th scope="col">Pages</th>
          <th scope="col" data-label-hidden="">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {packs.map((p) => (
          <tr key={p.id} aria-current={p.id === shownId ? 'true' : undefined}>
            <th scope="row">{p.label}</th>
            <td>
              {formatDateTimeLong(p.compiledAt)} by {p.compiledBy}
            </td>
            <td>{p.pages}</td>
            <td>
              <div className="button-row">
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => void onDownload(p)}
                >
                  Download <span className="visually-hidden">{p.label}</span>
                </button>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-pressed={p.id === shownId}
                  onClick={() => onShow(p.id)}
                >
                  Page list <span className="visually-hidden">of {p.label}</span>
                </button>
                <a className="button button-secondary button-small" href={packReaderLink(p.meetingId, p.id)}>
                  Read in the app <span className="visually-hidden">({p.label})</span>
                </a>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A compiled pack's page list (its items and papers with their first page) and "Print pages". */
function PackPageList({ pack }: { readonly pack: CompiledPackView }): ReactNode {
  const id = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<{ field: string; message: string } | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const file = useMutation('compiledPacks:file');
  const frontPages = pack.papers.length > 0 ? Math.min(...pack.papers.map((p) => p.firstPage)) - 1 : pack.pages;

  const print = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    const first = Number(from);
    const last = to.trim() === '' ? first : Number(to);
    if (!Number.isInteger(first) || first < 1) {
      setError({ field: 'from', message: `From page must be a page number from 1 to ${pack.pages}` });
      return;
    }
    if (!Number.isInteger(last) || last < 1) {
      setError({ field: 'to', message: `To page must be a page number from 1 to ${pack.pages}` });
      return;
    }
    const result = await file.run({
      id: pack.id,
      from: first,
      to: last,
      saveWithDialog: transportKind() === 'electron',
    });
    if (!result.ok) {
      const issue = (result.error.details as { issues?: Array<{ field: string; message: string }> } | undefined)
        ?.issues?.[0];
      setError({
        field: issue?.field ?? 'from',
        message: issue ? `${issue.field === 'to' ? 'To page' : 'From page'} ${issue.message}` : result.error.message,
      });
      return;
    }
    if (result.value.saved === null) saveFile(result.value.fileName, result.value.mimeType, result.value.dataBase64);
    setDone(
      `Pages ${first}–${last} of ${pack.label} are in “${result.value.fileName}”, numbered as in the pack: open it and print.`,
    );
  };

  return (
    <div className="pack-pages">
      <h3 id={`${id}-title`}>Pages of {pack.label}</h3>
      <table className="table" aria-labelledby={`${id}-title`}>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Business and papers</th>
            <th scope="col">Page</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td />
            <td>Cover and agenda</td>
            <td>
              <PageLink pack={pack} first={1} last={Math.max(1, frontPages)} />
            </td>
          </tr>
          {pack.items.map((item) => (
            <ItemRows
              key={item.itemId}
              pack={pack}
              itemId={item.itemId}
              number={item.number}
              title={item.title}
              page={item.firstPage}
            />
          ))}
        </tbody>
      </table>
      <form aria-label={`Print pages of ${pack.label}`} onSubmit={(e) => void print(e)} noValidate>
        <div className="field-pair">
          <div className="field">
            <label htmlFor={`${id}-from`}>From page</label>
            <input
              id={`${id}-from`}
              className="input input-short"
              inputMode="numeric"
              value={from}
              aria-invalid={error?.field === 'from'}
              aria-describedby={error?.field === 'from' ? `${id}-error` : undefined}
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>To page</label>
            <input
              id={`${id}-to`}
              className="input input-short"
              inputMode="numeric"
              value={to}
              aria-invalid={error?.field === 'to'}
              aria-describedby={error?.field === 'to' ? `${id}-error` : undefined}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
        </div>
        {error !== undefined && (
          <p className="field-error" id={`${id}-error`} role="alert">
            {error.message}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button button-secondary" {...busyButtonProps(file.pending)}>
            Print pages
          </button>
        </div>
        <p role="status" className="inline-status">
          {done}
        </p>
      </form>
    </div>
  );
}

function ItemRows({
  pack,
  itemId,
  number,
  title,
  page,
}: {
  readonly pack: CompiledPackView;
  readonly itemId: string;
  readonly number: string;
  readonly title: string;
  readonly page: number | null;
}): ReactNode {
  const papers = pack.papers.filter((p) => p.itemId === itemId);
  return (
    <>
      <tr>
        <td>
          <strong>{number}</strong>
        </td>
        <td>
          <strong>{title}</strong>
        </td>
        <td>{page === null ? '–' : <PageLink pack={pack} first={page} last={page} />}</td>
      </tr>
      {papers.map((p) => (
        <tr key={p.paperId}>
          <td />
          <td>
            <span className="reference">{p.reference}</span> {p.title}{' '}
            <span className="cell-note">
              {p.leftOut === 'password'
                ? '(password-protected: left out)'
                : `(version ${p.version}, ${countOf(p.pages, 'page')})`}
            </span>
          </td>
          <td>
            <PageLink pack={pack} first={p.firstPage} last={p.firstPage + p.pages - 1} />
          </td>
        </tr>
      ))}
    </>
  );
}

/** A page (or pages) of the list, as a link opening the first of them in the app's reader. */
function PageLink({
  pack,
  first,
  last,
}: {
  readonly pack: CompiledPackView;
  readonly first: number;
  readonly last: number;
}): ReactNode {
  return (
    <a href={packReaderLink(pack.meetingId, pack.id, first)}>
      {last > first ? `${first}–${last}` : first}
      <span className="visually-hidden"> (read from page {first} in the app)</span>
    </a>
  );
}
