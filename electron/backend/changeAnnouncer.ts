/**
 * Announces the store's changes to the pages (`data:changed`), each page
 * reading again what a change touched. A change is announced at once, but
 * one of a run the backend makes on its own (the reminder catch-up records
 * what came due while the app was closed in hundreds of changes at ten-year
 * scale) is gathered while the run is held, and the run is announced once
 * at its end. Announced one by one, every change of such a run made each
 * open page read its reminders and deadlines again, one read after another
 * for as long as the run lasted; those reads held the event loop, the run
 * itself and the search index's build for minutes (issue 16).
 */
import type { EventPayloads } from '../../shared/contract/api.ts';

/** One change, as the store reports it. */
export interface AnnouncedChange {
  readonly seq: number;
  readonly targets: readonly string[];
}

export class ChangeAnnouncer {
  private holds = 0;
  private gatheredSeq = 0;
  private readonly gathered = new Set<string>();

  constructor(private readonly announce: (payload: EventPayloads['data:changed']) => void) {}

  /**
   * A change was made. `held`: it belongs to a run that may be held (the
   * scheduler's own); it is announced at once unless a run is held now. Any
   * other change is announced at once, with what was gathered so far.
   */
  changed(change: AnnouncedChange, held: boolean): void {
    if (held && this.holds > 0) {
      this.gatheredSeq = change.seq;
      for (const target of change.targets) this.gathered.add(target);
      return;
    }
    if (this.gathered.size === 0) {
      this.announce({ seq: change.seq, targets: [...change.targets] });
      return;
    }
    for (const target of change.targets) this.gathered.add(target);
    this.gatheredSeq = Math.max(this.gatheredSeq, change.seq);
    this.flush();
  }

  /** Holds the announcement of the held changes until the function returned is called (once is enough). */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds === 0) this.flush();
    };
  }

  private flush(): void {
    if (this.gathered.size === 0) return;
    const payload = { seq: this.gatheredSeq, targets: [...this.gathered] };
    this.gathered.clear();
    this.announce(payload);
  }
}
