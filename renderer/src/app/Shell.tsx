/**
 * The frame of every page: the header with the board's name, the navigation
 * between areas, and the main region where the current area shows.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { StoreWarning } from '../../../shared/contract/storeTypes.ts';
import { useQuery } from '../apiHooks.ts';
import { UndoToast } from '../components/UndoToast.tsx';
import { DashboardPage } from '../features/dashboard/DashboardPage.tsx';
import { PlaceholderPage } from '../features/placeholders/PlaceholderPage.tsx';
import { GlobalSearch } from '../features/search/SearchDialog.tsx';
import { OpenPack } from '../features/packs/OpenPack.tsx';
import { NotificationCentre } from './NotificationCentre.tsx';
import { PageTitleContext, documentTitleOf, requestPageHeadingFocus, useFocusKeeper } from './pageFocus.ts';
import { AREAS, hrefOf, labelOf, useArea, type AreaId } from './routes.ts';

// Every area but the dashboard (the first screen) is its own chunk, loaded when first visited: the
// page's first script stays small, so the dashboard paints sooner (issue 16).
const DecisionsArea = lazy(() =>
  import('../features/decisions/DecisionsArea.tsx').then((m) => ({ default: m.DecisionsArea })),
);
const ConditionsArea = lazy(() =>
  import('../features/conditions/ConditionsArea.tsx').then((m) => ({ default: m.ConditionsArea })),
);
const ContractsArea = lazy(() =>
  import('../features/contracts/ContractsArea.tsx').then((m) => ({ default: m.ContractsArea })),
);
const MeetingsArea = lazy(() =>
  import('../features/meetings/MeetingsArea.tsx').then((m) => ({ default: m.MeetingsArea })),
);
const PapersArea = lazy(() => import('../features/papers/PapersArea.tsx').then((m) => ({ default: m.PapersArea })));
const MembersArea = lazy(() => import('../features/members/MembersArea.tsx').then((m) => ({ default: m.MembersArea })));
const SettingsPage = lazy(() =>
  import('../features/settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })),
);
const DeadlinesPage = lazy(() =>
  import('../features/deadlines/DeadlinesPage.tsx').then((m) => ({ default: m.DeadlinesPage })),
);
const DocumentsPage = lazy(() =>
  import('../features/documents/DocumentsPage.tsx').then((m) => ({ default: m.DocumentsPage })),
);

/** What shows while an area's code loads (a moment, from the app's own files). */
function AreaLoading(): ReactNode {
  return (
    <p className="muted" role="status">
      Loading…
    </p>
  );
}

function pageOf(area: AreaId): ReactNode {
  switch (area) {
    case 'dashboard':
      return <DashboardPage />;
    case 'decisions':
      return <DecisionsArea />;
    case 'conditions':
      return <ConditionsArea />;
    case 'contracts':
      return <ContractsArea />;
    case 'meetings':
      return <MeetingsArea />;
    case 'papers':
      return <PapersArea />;
    case 'members':
      return <MembersArea />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <PlaceholderPage area={area} />;
  }
}

/** Props of {@link Shell}. */
export interface ShellProps {
  /** What the store noticed and dealt with at start (e.g. a torn journal line set aside). */
  readonly warnings: readonly StoreWarning[];
}

/** The app's frame around the current area. */
export function Shell({ warnings }: ShellProps): ReactNode {
  const area = useArea();
  const settings = useQuery('settings:get', {});
  const boardName = settings.status === 'ok' ? settings.value.boardName : undefined;
  const main = useRef<HTMLElement>(null);
  const shownArea = useRef<AreaId>(area);
  const [warningsDismissed, setWarningsDismissed] = useState(false);

  const titleParts = useMemo(() => ({ area: labelOf(area), board: boardName }), [area, boardName]);
  useFocusKeeper();

  // Until the page's heading names it (PageHeading), the document is named after the area.
  useEffect(() => {
    document.title = documentTitleOf('', titleParts);
  }, [titleParts]);

  // Moving to another area puts the focus on its heading, as a new page would.
  useEffect(() => {
    if (shownArea.current === area) return;
    shownArea.current = area;
    requestPageHeadingFocus();
  }, [area]);

  return (
    <PageTitleContext value={titleParts}>
      <div className="shell">
        <a
          className="skip-link"
          href="#main"
          onClick={(event) => {
            event.preventDefault();
            main.current?.focus();
          }}
        >
          Skip to main content
        </a>
        <header className="app-header">
          <span className="app-mark" aria-hidden="true">
            B
          </span>
          <p className="app-title">
            <span className="app-product">Boardkeeper</span>
            <span className="app-board">{boardName ?? '\u00a0'}</span>
          </p>
          <GlobalSearch />
        </header>
        <div className="shell-body">
          <nav className="app-nav" aria-label="Main">
            <ul>
              {AREAS.map(({ id, label }) => (
                <li key={id} className={id === 'settings' ? 'nav-item nav-item-settings' : 'nav-item'}>
                  <a href={hrefOf(id)} aria-current={id === area ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
            <NotificationCentre />
            <OpenPack />
          </nav>
          <main id="main" ref={main} className="app-main" tabIndex={-1}>
            {warnings.length > 0 && !warningsDismissed && (
              <div className="message message-warning notice" role="region" aria-label="Notice about your data">
                <div>
                  {warnings.map((warning) => (
                    <p key={`${warning.code}:${warning.file ?? ''}`}>{warning.message}</p>
                  ))}
                </div>
                <button
                  type="button"
                  className="button button-small button-secondary"
                  onClick={() => setWarningsDismissed(true)}
                >
                  Dismiss
                </button>
              </div>
            )}
            <Suspense fallback={<AreaLoading />}>
              {area === 'deadlines' ? <DeadlinesPage /> : area === 'documents' ? <DocumentsPage /> : pageOf(area)}
            </Suspense>
          </main>
        </div>
        <UndoToast />
      </div>
    </PageTitleContext>
  );
}
