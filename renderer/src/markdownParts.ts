/**
 * How a long Markdown text is cut for the page (see markdownParts in
 * markdown.ts): about this much Markdown goes into the first part (a screen
 * or two of text, shown at once) and into each later one. DOM-free, so the
 * benchmark can name them too.
 */
export const FIRST_PART_CHARS = 24_000;
export const PART_CHARS = 128_000;
