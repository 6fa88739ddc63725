/**
 * The one way Markdown reaches the page: marked turns it into HTML, then
 * DOMPurify keeps only inert, local content, right before the component in
 * components/Markdown.tsx puts it in the page. A paper is written by someone
 * else, so its text may try anything: no script, frame, form, style or event
 * handler survives; links go only to http(s) and mailto, in a new window with
 * no opener and no referrer; images load only from data: and blob: (nothing
 * is ever fetched from the network); a fragment or relative link, which would
 * move the app itself, is left as plain text.
 */
import DOMPurify from 'dompurify';
import { Marked, type MarkedExtension, type Tokens } from 'marked';
import { FIRST_PART_CHARS, PART_CHARS } from './markdownParts.ts';

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Levels to push headings down, so a paper's `#` sits under the page's own h1 (default 1: `#` becomes h2). */
  readonly headingOffset?: number;
}

const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;
const SAFE_IMAGE = /^(?:data:image\/(?:png|gif|jpeg|webp);base64,|blob:)/i;
/** Classes the renderer itself adds; any other class from the text is dropped, so a paper cannot dress up as the app. */
const OWN_CLASSES = new Set(['md-blocked-image', 'md-task', 'md-task-done']);

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
  'var',
];

const ALLOWED_ATTR = [
  'href',
  'title',
  'alt',
  'src',
  'colspan',
  'rowspan',
  'scope',
  'start',
  'reversed',
  'lang',
  'dir',
  'open',
  'align',
  'class',
];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Markdown images that would load from elsewhere become a visible note instead of a request. */
const extension: MarkedExtension = {
  gfm: true,
  async: false,
  renderer: {
    image({ href, text }: Tokens.Image): string | false {
      if (SAFE_IMAGE.test(href.trim())) return false;
      return `<span class="md-blocked-image">Image not loaded (Boardkeeper loads nothing from the network)${text ? `: ${escapeHtml(text)}` : ''}</span>`;
    },
    // A task list's box would be a form control without a label; a drawn box says the same.
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? '<span class="md-task md-task-done">☑</span> ' : '<span class="md-task">☐</span> ';
    },
  },
};

/**
 * Renames event-handler attributes in a paper's raw HTML (`onerror=` becomes
 * `data-blocked-onerror=`, which DOMPurify then drops). This is not the
 * defence (DOMPurify removes handlers whatever their spelling): the page's
 * CSP reports any inline handler the moment a parser meets one, even in the
 * inert document DOMPurify parses in, and a console full of "inline event
 * handler" violations would hide real ones.
 */
function withoutHandlerNames(html: string): string {
  return html.replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(/([\s"'/])(on[a-z]+\s*=)/gi, '$1data-blocked-$2'));
}

const parsers = new Map<number, Marked>();

function parserFor(headingOffset: number): Marked {
  let parser = parsers.get(headingOffset);
  if (parser === undefined) {
    parser = new Marked(extension, {
      walkTokens(token) {
        if (token.type === 'heading') {
          const heading = token as Tokens.Heading;
          heading.depth = Math.min(6, heading.depth + headingOffset);
        }
        if (token.type === 'html') {
          const html = token as Tokens.HTML | Tokens.Tag;
          html.text = withoutHandlerNames(html.text);
        }
      },
    });
    parsers.set(headingOffset, parser);
  }
  return parser;
}

let purifier: ReturnType<typeof DOMPurify> | undefined;

function sanitizer(): ReturnType<typeof DOMPurify> {
  if (purifier !== undefined) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    const classes = [...node.classList].filter((c) => OWN_CLASSES.has(c));
    if (classes.length > 0) node.setAttribute('class', classes.join(' '));
    else node.removeAttribute('class');

    if (node.tagName === 'A') {
      const href = node.getAttribute('href')?.trim() ?? '';
      if (SAFE_LINK.test(href)) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
        node.setAttribute('referrerpolicy', 'no-referrer');
      } else {
        node.removeAttribute('href');
      }
    }
    if (node.tagName === 'IMG') {
      const src = node.getAttribute('src')?.trim() ?? '';
      if (!SAFE_IMAGE.test(src)) {
        node.removeAttribute('src');
        node.setAttribute('class', 'md-blocked-image');
        node.setAttribute('alt', `Image not loaded${node.getAttribute('alt') ? `: ${node.getAttribute('alt')}` : ''}`);
      }
    }
  });
  purifier = instance;
  return instance;
}

const SANITIZE_OPTIONS = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|gif|jpeg|webp);base64,|blob:)/i,
  SANITIZE_NAMED_PROPS: true,
  KEEP_CONTENT: true,
};

/**
 * Markdown as sanitised HTML, safe to put in the page as it is. Pure but for
 * the DOM it sanitises in (the page's `window`, or jsdom's in tests).
 */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  const html = parserFor(options.headingOffset ?? 1).parse(source, { async: false });
  return sanitizer().sanitize(html, SANITIZE_OPTIONS);
}

/**
 * Markdown rendered in parts, each made by marked and sanitised by DOMPurify
 * on its own into a fragment of inert nodes ready to append: the reader puts
 * the first in the page at once and the others after it, so the first screen
 * of a long paper shows without waiting for its end. The text is lexed once
 * (reference links resolve across all of it) and cut between top-level
 * blocks, so the parts together make the HTML renderMarkdown makes of the
 * whole text; the one difference is raw HTML opened in one part and closed
 * in another, which each part's sanitising closes on its own side (safe, only
 * differently nested). A text shorter than the first part is one part.
 */
export function* markdownParts(source: string, options: MarkdownOptions = {}): Generator<DocumentFragment, void, void> {
  const parser = parserFor(options.headingOffset ?? 1);
  const tokens = parser.lexer(source);
  const walk = parser.defaults.walkTokens;
  if (walk) parser.walkTokens(tokens, walk);
  const purify = sanitizer();
  let from = 0;
  let limit = FIRST_PART_CHARS;
  while (from < tokens.length) {
    let to = from;
    let chars = 0;
    while (to < tokens.length && (to === from || chars < limit)) chars += tokens[to++]!.raw.length;
    const html = parser.parser(tokens.slice(from, to));
    yield purify.sanitize(html, { ...SANITIZE_OPTIONS, RETURN_DOM_FRAGMENT: true });
    from = to;
    limit = PART_CHARS;
  }
}
