/**
 * The app's areas and hash-based routing (`#/settings`), so that Back and
 * Forward work and a reload stays on the same page, in Electron and the web.
 */
import { useSyncExternalStore } from 'react';

/** Every area of the app, in navigation order. */
export const AREAS = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'meetings', label: 'Meetings' },
  { id: 'papers', label: 'Papers' },
  { id: 'members', label: 'Members' },
  { id: 'decisions', label: 'Decisions' },
  { id: 'conditions', label: 'Conditions' },
  { id: 'deadlines', label: 'Deadlines' },
  { id: 'contracts', label: 'Contracts' },
  { id: 'documents', label: 'Documents' },
  { id: 'settings', label: 'Settings' },
] as const;

/** One area's id, e.g. `settings`. */
export type AreaId = (typeof AREAS)[number]['id'];

/** The area shown when the address names none (or one that does not exist). */
export const DEFAULT_AREA: AreaId = 'dashboard';

/** The link to an area, e.g. `#/settings`. */
export function hrefOf(area: AreaId): string {
  return `#/${area}`;
}

/** The area a hash names, or the default one. */
export function areaOf(hash: string): AreaId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return AREAS.find((area) => area.id === id)?.id ?? DEFAULT_AREA;
}

/** The label of an area, e.g. "Deadlines". */
export function labelOf(area: AreaId): string {
  return AREAS.find((a) => a.id === area)?.label ?? area;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The area the address currently shows; re-renders when it changes. */
export function useArea(): AreaId {
  return areaOf(useSyncExternalStore(subscribe, () => window.location.hash));
}
