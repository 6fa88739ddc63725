/**
 * When opening a paper marks it read. A member who opens a paper from the
 * pack or the library expects it to count as read (the reader says so, and
 * offers "Mark as unread"); the person who has just written or edited it, and
 * lands on it after saving, has not read it as a member would, so that one
 * opening leaves the mark alone. A paper changed since it was read counts as
 * unread again, "changed since you read it", until the member marks it read.
 */

const leaveAlone = new Set<string>();

/** The next opening of this paper, right after saving it, does not mark it read. */
export function leaveUnreadOnOpen(paperId: string): void {
  leaveAlone.add(paperId);
}

/**
 * Whether opening the paper now should mark it read; consumes a
 * {@link leaveUnreadOnOpen}. A paper changed since it was read (`changed`, as
 * the backend says from the version read) is not: the reader shows what
 * changed, and the member marks it read once they have looked.
 */
export function shouldMarkReadOnOpen(paperId: string, readAt: string | null, changed: boolean): boolean {
  if (leaveAlone.delete(paperId)) return false;
  return readAt === null && !changed;
}
