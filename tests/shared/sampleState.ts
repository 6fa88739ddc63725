/** The sample board as a state, built in memory (no store) for tests of the pure rules. */
import { buildSampleBoard } from '../../shared/sample/sampleBoard.ts';
import { applyChanges, initialState, type RecordChange, type State } from '../../shared/schema/state.ts';
import { dateInZone } from '../../shared/dates/time.ts';

/** The sample board loaded at `now` (its records stamped with it), with deterministic ids. */
export function sampleState(now: string): State {
  let n = 0;
  const newId = (prefix: string) => `${prefix}${(++n).toString(16).padStart(16, '0')}`;
  const today = dateInZone(new Date(now), 'Europe/London');
  const sample = buildSampleBoard(today, now, newId, 'Secretariat');
  const changes: RecordChange[] = [
    ...sample.members.map((r) => ({ target: 'members' as const, id: r.id, after: r })),
    ...sample.meetings.map((r) => ({ target: 'meetings' as const, id: r.id, after: r })),
    ...sample.contracts.map((r) => ({ target: 'contracts' as const, id: r.id, after: r })),
    ...sample.decisions.map((r) => ({ target: 'decisions' as const, id: r.id, after: r })),
    ...sample.conditions.map((r) => ({ target: 'conditions' as const, id: r.id, after: r })),
  ];
  return applyChanges(initialState(), changes);
}
