/**
 * Minutes of a meeting: a draft the secretariat writes item by item, approved
 * by the board at a later meeting and locked from then on; a correction to
 * approved minutes is an amendment (what and why), as for signed decisions.
 */
import { byCode } from '../../../shared/text/compare.ts';
import type { ParsedInputOf } from '../../../shared/contract/api.ts';
import { byReference } from '../../../shared/documents/recordText.ts';
import { minutesOf } from '../../../shared/documents/minutesDocument.ts';
import type { MeetingRef, MinutesView } from '../../../shared/documents/documentRequests.ts';
import { longDate } from '../../../shared/documents/markdownText.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import type { Meeting } from '../../../shared/schema/meetings.ts';
import { minutesIdOf, type Minutes } from '../../../shared/schema/minutes.ts';
import type { State } from '../../../shared/schema/state.ts';
import { dateInZone } from '../../../shared/dates/time.ts';
import type { Saved } from '../../../shared/contract/views.ts';
import { actorOf, mustGet, newId, save, type ServiceContext } from './context.ts';

function refOf(m: Meeting): MeetingRef {
  return { id: m.id, title: m.title, date: m.date, status: m.status };
}

/** The refusal for any edit of approved minutes: the amendment path is offered. */
export function approvedRefusal(meeting: Meeting, minutes: Minutes): AppFailure {
  return new AppFailure(
    'conflict',
    `The minutes of ${meeting.title} on ${longDate(meeting.date)} were approved on ${longDate(minutes.approvedOn)} and cannot be edited. Record an amendment instead (what is corrected, and why).`,
    { approved: true, amend: { channel: 'minutes:amend', meetingId: meeting.id } },
  );
}

function viewOf(state: State, meeting: Meeting, today: string): MinutesView {
  const stored = state.minutes.get(minutesIdOf(meeting.id));
  const minutes = stored ?? minutesOf(state, meeting);
  const decisions = state.decisions
    .values()
    .filter((d) => d.meetingId === meeting.id && !d.archivedAt)
    .sort(byReference);
  const approvedAt = minutes.approvedAtMeetingId ? state.meetings.get(minutes.approvedAtMeetingId) : undefined;
  return {
    minutes,
    stored: stored !== undefined,
    meeting: { ...refOf(meeting), time: meeting.time, place: meeting.place },
    items: meeting.agenda.map((item) => ({
      id: item.id,
      number: item.number,
      title: item.title,
      confidential: item.confidential,
      discussion: minutes.discussion[item.id] ?? '',
      decisions: decisions
        .filter((d) => d.itemId === item.id)
        .map((d) => ({ id: d.id, reference: d.reference, title: d.title })),
    })),
    approvedAt: approvedAt ? refOf(approvedAt) : null,
    laterMeetings: state.meetings
      .values()
      .filter((m) => m.date > meeting.date && m.date <= today && m.status !== 'cancelled' && !m.archivedAt)
      .sort((a, b) => byCode(a.date, b.date) || byCode(a.time, b.time))
      .map(refOf),
  };
}

/** A meeting's minutes on `today`, with the items, their decisions and the later meetings that can approve them. */
export function getMinutes(state: State, meetingId: string, today: string): MinutesView {
  return viewOf(state, mustGet(state, 'meetings', meetingId, 'meeting'), today);
}

/** Writes the opening or one item of draft minutes (an empty text removes the item’s discussion). */
export function saveMinutesDiscussion(
  ctx: ServiceContext,
  { meetingId, itemId, text }: ParsedInputOf<'minutes:saveDiscussion'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const meeting = mustGet(state, 'meetings', meetingId, 'meeting');
    const current = minutesOf(state, meeting);
    if (current.status === 'approved') throw approvedRefusal(meeting, current);
    const item = itemId === null ? undefined : meeting.agenda.find((i) => i.id === itemId);
    if (itemId !== null && !item) {
      throw new AppFailure('invalid_input', `itemId: is not an item of the meeting of ${longDate(meeting.date)}`, {
        issues: [{ field: 'itemId', message: 'is not an item of this meeting' }],
      });
    }
    const id = minutesIdOf(meeting.id);
    const stored = state.minutes.has(id);
    const discussion = { ...current.discussion };
    if (item) {
      if (text.trim() === '') delete discussion[item.id];
      else discussion[item.id] = text;
    }
    const next: Minutes = {
      ...current,
      ...(stored ? {} : { createdAt: now }),
      updatedAt: now,
      ...(item ? { discussion } : { opening: text }),
    };
    const where = item ? `item ${item.number}` : 'the opening';
    return {
      changes: [{ target: 'minutes', id, after: next }],
      id,
      summary: `Minutes of ${meeting.title} on ${longDate(meeting.date)}: wrote ${where}`,
    };
  });
}

/** Approves a meeting’s minutes at a later meeting that has happened; they are locked from then on. */
export function approveMinutes(
  ctx: ServiceContext,
  { meetingId, atMeetingId }: ParsedInputOf<'minutes:approve'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const meeting = mustGet(state, 'meetings', meetingId, 'meeting');
    const at = mustGet(state, 'meetings', atMeetingId, 'meeting');
    const current = minutesOf(state, meeting);
    if (current.status === 'approved') throw approvedRefusal(meeting, current);
    const refuse = (message: string): never => {
      throw new AppFailure('invalid_input', `atMeetingId: ${message}`, {
        issues: [{ field: 'atMeetingId', message }],
      });
    };
    if (meeting.status === 'cancelled') {
      throw new AppFailure(
        'conflict',
        `The meeting of ${longDate(meeting.date)} was cancelled: it has no minutes to approve.`,
      );
    }
    if (at.date <= meeting.date) {
      refuse(`must be a later meeting: minutes are approved at a meeting after ${longDate(meeting.date)}`);
    }
    if (at.status === 'cancelled') refuse(`the meeting of ${longDate(at.date)} was cancelled`);
    const today = dateInZone(ctx.clock(), state.settings.timeZone);
    if (at.date > today) refuse(`the meeting of ${longDate(at.date)} has not happened yet`);
    const id = minutesIdOf(meeting.id);
    const next: Minutes = {
      ...current,
      ...(state.minutes.has(id) ? {} : { createdAt: now }),
      updatedAt: now,
      status: 'approved',
      approvedAtMeetingId: at.id,
      approvedOn: at.date,
      approvedBy: actorOf(state),
    };
    return {
      changes: [{ target: 'minutes', id, after: next }],
      id,
      summary: `Approved the minutes of ${meeting.title} on ${longDate(meeting.date)} at the meeting of ${longDate(at.date)}`,
    };
  });
}

/** Records an amendment (what is corrected, and why) on approved minutes. */
export function amendMinutes(
  ctx: ServiceContext,
  { meetingId, what, why }: ParsedInputOf<'minutes:amend'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const meeting = mustGet(state, 'meetings', meetingId, 'meeting');
    const current = state.minutes.get(minutesIdOf(meeting.id));
    if (!current || current.status !== 'approved') {
      throw new AppFailure(
        'conflict',
        `The minutes of ${meeting.title} on ${longDate(meeting.date)} are still a draft: edit them directly; amendments are for approved minutes.`,
      );
    }
    const amendment = { id: newId('amd_'), what, why, by: actorOf(state), at: now };
    const next: Minutes = { ...current, amendments: [...current.amendments, amendment], updatedAt: now };
    return {
      changes: [{ target: 'minutes', id: current.id, after: next }],
      id: current.id,
      summary: `Amended the minutes of ${meeting.title} on ${longDate(meeting.date)}: ${what}`,
    };
  });
}
