// @vitest-environment jsdom
/**
 * The export controls in a DOM, through the renderer's real client: in a
 * browser the chosen format and version go to the documents channel and the
 * answer becomes a download; in Electron the request goes to documents:save
 * (main's save dialog); a PDF the host cannot print offers HTML instead.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BoardBridge, Channel, InputOf, OutputOf } from '../../shared/contract/api.ts';
import type { DocumentFile } from '../../shared/documents/documentRequests.ts';
import type { Result } from '../../shared/contract/result.ts';
import { ExportMenu } from '../../renderer/src/features/documents/ExportMenu.tsx';
import { bytesOf } from '../../renderer/src/features/documents/exportDocument.ts';
import { mountRoot, unmountRoot } from './mountHelpers.ts';

let container: HTMLDivElement;
let root: Root;
let calls: Array<{ channel: string; input: unknown }>;
let answer: (channel: string) => Result<unknown>;
let downloads: Array<{ name: string; href: string }>;

const bridge: BoardBridge = {
  async invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
    calls.push({ channel, input });
    // The test decides the answer for the channel it drives.
    return answer(channel) as Result<OutputOf<C>>;
  },
  on: () => () => undefined,
};

const FILE: DocumentFile = {
  fileName: 'MIN-2026-06-24-minutes-private.docx',
  mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  encoding: 'base64',
  content: btoa('PK\u0003\u0004 not really a zip'),
  reference: 'MIN 2026-06-24',
  title: 'Minutes',
  generatedAt: '2026-11-27T09:00:00.000Z',
  position: { seq: 7, hash: 'c'.repeat(64) },
};

function select(label: string): HTMLSelectElement {
  const found = [...container.querySelectorAll('label')].find((l) => l.textContent === label);
  const control = found ? document.getElementById(found.htmlFor) : null;
  if (!(control instanceof HTMLSelectElement)) throw new Error(`No select labelled ${label}`);
  return control;
}

async function choose(label: string, value: string): Promise<void> {
  await act(async () => {
    const control = select(label);
    control.value = value;
    control.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function press(name: string): Promise<void> {
  const button = [...container.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!button) throw new Error(`No button ${name}`);
  await act(async () => {
    button.click();
  });
  // Let the export's promise chain settle.
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

function status(): string {
  return container.querySelector('[role="status"]')?.textContent ?? '';
}

beforeEach(() => {
  calls = [];
  downloads = [];
  URL.createObjectURL = vi.fn(() => 'blob:test/1');
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, href: this.href });
  });
  ({ container, root } = mountRoot(bridge));
});

afterEach(async () => {
  await unmountRoot({ container, root });
  Reflect.deleteProperty(window, 'board');
  vi.restoreAllMocks();
});

describe('the export controls', () => {
  it('in a browser, asks for the chosen format and version and downloads the answer', async () => {
    answer = () => ({ ok: true, value: FILE });
    await act(async () => {
      root.render(<ExportMenu target={{ document: 'minutes', meetingId: 'mtg_1' }} legend="Export the minutes" />);
    });
    expect(container.querySelector('legend')?.textContent).toBe('Export the minutes');
    await choose('Format', 'docx');
    await choose('Version', 'private');
    await press('Export');
    expect(calls).toEqual([
      { channel: 'documents:minutes', input: { meetingId: 'mtg_1', format: 'docx', version: 'private' } },
    ]);
    expect(downloads).toEqual([{ name: 'MIN-2026-06-24-minutes-private.docx', href: 'blob:test/1' }]);
    expect(status()).toBe('Downloaded MIN-2026-06-24-minutes-private.docx, made from journal entry 7.');
  });

  it('in Electron, hands the request to the save dialog and says where the file went', async () => {
    Object.defineProperty(window, 'board', { value: bridge, configurable: true });
    answer = () => ({
      ok: true,
      value: {
        saved: true,
        path: '/home/clerk/PCD-2026-117-decision-notice.pdf',
        fileName: 'PCD-2026-117-decision-notice.pdf',
      },
    });
    await act(async () => {
      root.render(<ExportMenu target={{ document: 'notice', decisionId: 'dec_1' }} legend="Export the notice" />);
    });
    await press('Export');
    expect(calls).toEqual([
      { channel: 'documents:save', input: { document: 'notice', decisionId: 'dec_1', format: 'pdf' } },
    ]);
    expect(downloads).toEqual([]);
    expect(status()).toBe('Saved PCD-2026-117-decision-notice.pdf to /home/clerk/PCD-2026-117-decision-notice.pdf.');
  });

  it('offers HTML when the host cannot print PDF', async () => {
    answer = () => ({
      ok: false,
      error: {
        code: 'conflict',
        message: 'PDF cannot be made here. Export the document as HTML instead.',
        details: { pdfUnavailable: true, use: 'html' },
      },
    });
    await act(async () => {
      root.render(<ExportMenu target={{ document: 'conditionsReport' }} legend="Export the report" />);
    });
    expect([...select('Format').options].map((o) => o.value)).toEqual(['pdf', 'docx', 'html', 'md', 'csv']);
    await press('Export');
    expect(status()).toBe('PDF cannot be made here. Export the document as HTML instead.');
    await press('Use HTML instead');
    expect(select('Format').value).toBe('html');
  });
});

describe('file bytes', () => {
  it('decodes base64 and keeps a CSV’s byte-order mark', () => {
    expect([...bytesOf({ encoding: 'base64', content: 'AAEC/w==' })]).toEqual([0, 1, 2, 255]);
    expect([...bytesOf({ encoding: 'utf8', content: '\uFEFFa' })]).toEqual([0xef, 0xbb, 0xbf, 0x61]);
  });
});
