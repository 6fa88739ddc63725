// @vitest-environment jsdom
/**
 * A Markdown or Word paper's text as the reader draws it (the one Markdown
 * helper: marked, then DOMPurify, under jsdom), a selection in it mapped to
 * the plain text that notes are anchored on: the appearance selected is the
 * one noted (not its twin), and a note's place in the plain text is drawn
 * back over the same words of the page. The Word paper is a real .docx made
 * with the `docx` package and converted as the app converts it (mammoth,
 * turndown).
 */
import { describe, expect, it } from 'vitest';
import { convertDocx } from '../../electron/backend/paperFiles/docxConvert.ts';
import {
  alignShownText,
  anchorOfPassage,
  locateAnchor,
  passageOfSpan,
  plainSpanOfShown,
  plainTextOf,
  shownSpanOfPlain,
} from '../../shared/rules/passageAnchors.ts';
import { renderMarkdown } from '../../renderer/src/markdown.ts';
import { collapsedTextOf, indexAtPoint, rangeOfCollapsed } from '../../renderer/src/pdf/textLayerText.ts';
import { makeDocx } from '../helpers/paperFileMakers.ts';

const TWICE = 'must report progress quarterly';

function drawn(markdown: string): HTMLElement {
  const box = document.createElement('div');
  box.innerHTML = renderMarkdown(markdown);
  document.body.replaceChildren(box);
  return box;
}

/** A DOM range over the n-th (1-based) appearance of `words` inside one text node of the box. */
function rangeOver(box: HTMLElement, words: string, n: number): Range {
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode() as Text | null; node !== null; node = walker.nextNode() as Text | null) {
    for (let at = node.data.indexOf(words); at !== -1; at = node.data.indexOf(words, at + 1)) {
      if (++seen < n) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      return range;
    }
  }
  throw new Error(`"${words}" does not appear ${n} times`);
}

/** What the reader does with a selection: the passage it quotes and which appearance, from where it is. */
function noteOfSelection(box: HTMLElement, markdown: string, range: Range) {
  const plain = plainTextOf(markdown);
  const collapsed = collapsedTextOf(box);
  const alignment = alignShownText(plain, collapsed.text);
  const span = plainSpanOfShown(
    alignment,
    indexAtPoint(collapsed, range.startContainer, range.startOffset),
    indexAtPoint(collapsed, range.endContainer, range.endOffset),
  );
  expect(span).not.toBeNull();
  return { plain, collapsed, alignment, span: span!, ...passageOfSpan(plain, span!.start, span!.end) };
}

describe('a selection in a drawn paper, as the note anchors it', () => {
  const markdown = [
    '# Analytics platform',
    '',
    `The force ${TWICE} on the [procurement](https://example.org/procurement) plan.`,
    '',
    '| Year | Cost |',
    '|---|---|',
    '| 2026 | £1,250,000 |',
    '',
    `- On data, the supplier **${TWICE}** to the board &amp; its committee.`,
    '- [ ] Ask about the *exit* plan',
  ].join('\n');

  it('notes the second appearance when the second is selected, and draws it there', () => {
    const box = drawn(markdown);
    const second = rangeOver(box, TWICE, 2);
    const { plain, collapsed, alignment, passage, occurrence, span } = noteOfSelection(box, markdown, second);
    expect(passage).toBe(TWICE);
    expect(occurrence).toBe(2);
    const anchor = anchorOfPassage(plain, passage, occurrence)!;
    expect(anchor.start).toBe(span.start);
    expect(anchor.prefix.endsWith('the supplier ')).toBe(true);

    // Drawn back: the note's place in the plain text is the selected words of the page, in the list item.
    const place = locateAnchor(anchor, plain);
    expect(place.found).toBe(true);
    if (!place.found) return;
    const shown = shownSpanOfPlain(alignment, place.start, place.end)!;
    const highlight = rangeOfCollapsed(collapsed, shown.start, shown.end)!;
    expect(highlight.toString()).toBe(TWICE);
    expect(highlight.startContainer.parentElement?.closest('li')).not.toBeNull();
    expect(highlight.compareBoundaryPoints(Range.START_TO_START, second)).toBe(0);
  });

  it('notes the first when the first is selected, across a link', () => {
    const box = drawn(markdown);
    const words = `${TWICE} on the procurement plan`;
    const first = rangeOver(box, TWICE, 1);
    first.setEnd(box.querySelector('a')!.nextSibling!, ' plan'.length);
    expect(first.toString()).toBe(words);
    const { plain, passage, occurrence } = noteOfSelection(box, markdown, first);
    // The plain text keeps the link's address: the passage quotes it as search reads it.
    expect(passage).toBe(`${TWICE} on the procurement (https://example.org/procurement) plan`);
    expect(occurrence).toBe(1);
    expect(anchorOfPassage(plain, passage, occurrence)!.start).toBe(plain.indexOf(TWICE));
  });

  it('maps words in a table cell and past a drawn task box', () => {
    const box = drawn(markdown);
    const cell = noteOfSelection(box, markdown, rangeOver(box, '£1,250,000', 1));
    expect(cell.passage).toBe('£1,250,000');
    const task = noteOfSelection(box, markdown, rangeOver(box, 'Ask about the ', 1));
    expect(task.passage).toBe('Ask about the');
  });

  it('in a Word paper converted as the app converts it, the second of two appearances', async () => {
    const docx = await makeDocx(
      'Procurement advice',
      [
        `1. The force ${TWICE} on the procurement.`,
        'The board must retender the contract.',
        `On data, the supplier ${TWICE} to the board.`,
      ],
      [
        ['Year', 'Cost'],
        ['2026', '£1,250,000'],
      ],
    );
    const { markdown: converted } = await convertDocx(docx, 'Procurement advice');
    const box = drawn(converted);
    const { plain, passage, occurrence } = noteOfSelection(box, converted, rangeOver(box, TWICE, 2));
    expect(passage).toBe(TWICE);
    expect(occurrence).toBe(2);
    expect(anchorOfPassage(plain, passage, occurrence)!.prefix).toContain('the supplier');
    // Turndown escapes the "1." that would start a list; the page shows it plain, the selection still maps.
    const numbered = noteOfSelection(box, converted, rangeOver(box, '1. The force', 1));
    expect(numbered.passage.replace('\\', '')).toBe('1. The force');
  });
});
