// The iCalendar export, read back with real parsers (ical.js, and Python's icalendar when installed).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { deriveDeadlines } from '../../../shared/caches/deadlineDerivation.ts';
import {
  deadlinesToIcs,
  escapeText,
  foldLine,
  sequenceOf,
  triggerOf,
  uidOf,
  type IcsDeadline,
} from '../../../shared/documents/ics.ts';
import { sampleState } from '../sampleState.ts';

const NOW = new Date('2027-05-25T08:00:00.000Z');

function physicalLines(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  // Every line ends in CRLF: no bare LF or CR anywhere.
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  return text.slice(0, -2).split('\r\n');
}

function strictUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

describe('the .ics writer', () => {
  const deadlines = deriveDeadlines(sampleState('2027-05-20T10:00:00.000Z'), '2027-05-25').filter(
    (d) => d.status === 'open',
  );
  const text = deadlinesToIcs(deadlines, { now: NOW, calendarName: 'Policing Oversight Board: deadlines' });

  it('parses with ical.js: one all-day VEVENT and one VTODO per deadline, METHOD:PUBLISH', () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const events = calendar.getAllSubcomponents('vevent');
    const todos = calendar.getAllSubcomponents('vtodo');
    expect(events).toHaveLength(deadlines.length);
    expect(todos).toHaveLength(deadlines.length);
    for (const d of deadlines) {
      const event = events.find((e) => e.getFirstPropertyValue('uid') === uidOf(d.key, 'event'));
      if (event === undefined) throw new Error(`no event for ${d.key}`);
      const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
      const end = event.getFirstPropertyValue('dtend') as ICAL.Time;
      expect(start.isDate).toBe(true);
      expect(start.toString()).toBe(d.due);
      expect(end.isDate).toBe(true);
      expect(end.subtractDate(start).toSeconds()).toBe(86_400);
      expect(event.getFirstPropertyValue('summary')).toBe(d.title);
      expect(event.getFirstPropertyValue('sequence')).toBe(sequenceOf(d.since));
      expect((event.getFirstPropertyValue('dtstamp') as ICAL.Time).toString()).toBe('2027-05-25T08:00:00Z');
      const triggers = event
        .getAllSubcomponents('valarm')
        .map((a) => (a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds());
      expect(triggers).toEqual(d.leadDays.map((days) => (days === 0 ? 0 : -days * 86_400)));
      const todo = todos.find((t) => t.getFirstPropertyValue('uid') === uidOf(d.key, 'todo'));
      expect((todo?.getFirstPropertyValue('due') as ICAL.Time).toString()).toBe(d.due);
      expect(todo?.getFirstPropertyValue('status')).toBe('NEEDS-ACTION');
    }
  });

  it('writes day triggers (-P30D, PT0S), never -P30DT; CRLF; no line over 75 octets', () => {
    expect(text).toContain('TRIGGER:-P30D\r\n');
    expect(text).toContain('TRIGGER:PT0S\r\n');
    expect(text).not.toMatch(/TRIGGER:-P\d+DT\r\n/);
    expect(triggerOf(14)).toBe('-P14D');
    for (const line of physicalLines(text)) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it('keeps UIDs stable and raises SEQUENCE when the source changes', () => {
    const again = deadlinesToIcs(deadlines, { now: new Date('2027-05-26T08:00:00Z'), calendarName: 'x' });
    const uids = (t: string) => [...t.matchAll(/^UID:(.*)$/gm)].map((m) => m[1]);
    expect(uids(again)).toEqual(uids(text));
    expect(sequenceOf('2027-05-26T10:00:00.000Z')).toBeGreaterThan(sequenceOf('2027-05-20T10:00:00.000Z'));
  });

  it('escapes backslash, semicolon, comma and new lines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    const tricky: IcsDeadline = {
      ...deadlines[0]!,
      title: 'Report; costs, risks \\ and\nnext steps',
      detail: 'Line one\nLine two',
    };
    const parsed = new ICAL.Component(ICAL.parse(deadlinesToIcs([tricky], { now: NOW, calendarName: 'c' })));
    expect(parsed.getFirstSubcomponent('vevent')?.getFirstPropertyValue('summary')).toBe(tricky.title);
    expect(String(parsed.getFirstSubcomponent('vtodo')?.getFirstPropertyValue('description'))).toContain(
      'Line one\nLine two',
    );
  });

  it('folds at 75 octets of UTF-8, never inside a character, and unfolds to the same text', () => {
    const title = 'Überprüfung – “Ærøskøbing” ✓ 数据导出计划 🙂 '.repeat(6);
    const folded = foldLine(`SUMMARY:${title}`);
    const bytes = folded.split('\r\n').map((l) => new TextEncoder().encode(l));
    for (const [i, line] of bytes.entries()) {
      expect(line.length).toBeLessThanOrEqual(75);
      if (i > 0) expect(line[0]).toBe(0x20);
      // Each physical line is valid UTF-8 on its own: no character was cut.
      expect(() => strictUtf8(line)).not.toThrow();
    }
    expect(bytes.length).toBeGreaterThan(4);
    const withTitle: IcsDeadline = { ...deadlines[0]!, title };
    const parsed = new ICAL.Component(ICAL.parse(deadlinesToIcs([withTitle], { now: NOW, calendarName: 'c' })));
    expect(parsed.getFirstSubcomponent('vevent')?.getFirstPropertyValue('summary')).toBe(title);
  });

  it('keeps control characters out of the file: line-break ones as escaped new lines, the rest dropped', () => {
    const title =
      'Report\u000bdue\u000cnow\u0000!\u0085Next\u2028X-INJECTED:yes\u2029DTSTART:19700101\u001b[31m\u007f\ud800 end\u0009tab';
    const tricky: IcsDeadline = { ...deadlines[0]!, title, detail: 'Detail\u2028ATTENDEE:mailto:evil@example.com' };
    const ics = deadlinesToIcs([tricky], { now: NOW, calendarName: 'Board\u2028X-WR-TIMEZONE:Mars' });
    // Nothing RFC 5545 forbids in a content line, nor a character any parser splits lines on.
    for (const line of physicalLines(ics)) {
      // eslint-disable-next-line no-control-regex -- looking for control characters
      expect(line).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]/);
    }
    const parsed = new ICAL.Component(ICAL.parse(ics));
    const event = parsed.getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('summary')).toBe(
      'Report\ndue\nnow!\nNext\nX-INJECTED:yes\nDTSTART:19700101[31m end\ttab',
    );
    expect(event.getAllProperties().map((p) => p.name)).not.toContain('x-injected');
    expect(event.getAllProperties('dtstart')).toHaveLength(1);
    expect(parsed.getFirstPropertyValue('x-wr-timezone')).toBeNull();
  });

  const python = '/usr/bin/python3';
  const hasPythonIcalendar =
    existsSync(python) &&
    (() => {
      try {
        execFileSync(python, ['-c', 'import icalendar']);
        return true;
      } catch {
        return false;
      }
    })();

  it.skipIf(!hasPythonIcalendar)(
    'reads back in Python’s icalendar (which splits lines on U+2028, U+0085, VT, FF) with no injected property',
    async () => {
      const title = 'Report\u2028X-INJECTED:yes\u0085DTSTART:19700101\u000bATTENDEE:mailto:evil@example.com\u000cEND';
      const tricky: IcsDeadline = { ...deadlines[0]!, title };
      const dir = await mkdtemp(path.join(tmpdir(), 'boardkeeper-ics-'));
      try {
        const file = path.join(dir, 'deadlines.ics');
        await writeFile(file, deadlinesToIcs([tricky], { now: NOW, calendarName: 'c' }), 'utf8');
        const script = [
          'import icalendar, json, sys',
          'cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())',
          'ev = [c for c in cal.walk() if c.name == "VEVENT"][0]',
          'print(json.dumps({"keys": sorted(ev.keys()), "summary": str(ev["SUMMARY"]), "start": ev["DTSTART"].to_ical().decode()}))',
        ].join('\n');
        const out = JSON.parse(execFileSync(python, ['-c', script, file], { encoding: 'utf8' })) as {
          keys: string[];
          summary: string;
          start: string;
        };
        expect(out.keys).not.toContain('X-INJECTED');
        expect(out.keys).not.toContain('ATTENDEE');
        expect(out.start).toBe(tricky.due.replace(/-/g, ''));
        expect(out.summary).toBe('Report\nX-INJECTED:yes\nDTSTART:19700101\nATTENDEE:mailto:evil@example.com\nEND');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
