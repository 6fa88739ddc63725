// @vitest-environment jsdom
/**
 * The one Markdown helper under jsdom: ordinary Markdown comes through, and
 * everything that could run, load from elsewhere or move the app is made
 * inert. Each hostile input is checked on the sanitised DOM, not on a string.
 */
import { describe, expect, it } from 'vitest';
import { markdownParts, renderMarkdown } from '../../renderer/src/markdown.ts';
import { FIRST_PART_CHARS, PART_CHARS } from '../../renderer/src/markdownParts.ts';

function dom(source: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = renderMarkdown(source);
  return container;
}

/** Every attribute of every element, as `tag attr=value`. */
function attributesOf(root: HTMLElement): string[] {
  return [...root.querySelectorAll('*')].flatMap((el) =>
    [...el.attributes].map((a) => `${el.tagName.toLowerCase()} ${a.name}=${a.value}`),
  );
}

describe('renderMarkdown', () => {
  it('renders ordinary Markdown, with headings under the page’s own h1', () => {
    const root = dom(
      '# Recommendation\n\nApprove a **12-month** extension.\n\n## Conditions\n\n1. Re-tender\n2. Report\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n',
    );
    expect(root.querySelector('h2')?.textContent).toBe('Recommendation');
    expect(root.querySelector('h3')?.textContent).toBe('Conditions');
    expect(root.querySelector('h1')).toBeNull();
    expect(root.querySelector('strong')?.textContent).toBe('12-month');
    expect(root.querySelectorAll('ol li')).toHaveLength(2);
    expect(root.querySelector('table td')?.textContent).toBe('1');
    // Task boxes are drawn, not form controls.
    expect(root.querySelector('input')).toBeNull();
    expect(root.textContent).toContain('☑');
    expect(root.textContent).toContain('☐');
  });

  it('removes scripts, frames, objects, forms, styles and event handlers', () => {
    const root = dom(
      [
        '<script>window.__pwned = 1</script>',
        '<iframe src="https://example.org"></iframe>',
        '<object data="https://example.org/x.swf"></object>',
        '<embed src="https://example.org/x">',
        '<form action="https://example.org"><input name="q"><button>Go</button></form>',
        '<style>body { display: none }</style>',
        '<link rel="stylesheet" href="https://example.org/x.css">',
        '<meta http-equiv="refresh" content="0;url=https://example.org">',
        '<base href="https://example.org/">',
        '<svg><image href="https://example.org/x.png"/></svg>',
        '<p onclick="alert(1)" style="background:url(https://example.org/bg.png)">Hello</p>',
        '<table background="https://example.org/t.png"><tr><td>x</td></tr></table>',
        '<video poster="https://example.org/p.png" src="https://example.org/v.mp4"></video>',
        '<img src=x onerror="window.__pwned=2">',
        '<img alt=">" src=x onerror="window.__pwned=4">',
        '<img/src=x/onerror=window.__pwned=5>',
        '<div class="button button-primary" id="main" data-x="1" aria-label="fake">Styled</div>',
      ].join('\n\n'),
    );
    for (const tag of [
      'script',
      'iframe',
      'object',
      'embed',
      'form',
      'input',
      'button',
      'style',
      'link',
      'meta',
      'base',
      'svg',
      'video',
    ]) {
      expect(root.querySelector(tag), tag).toBeNull();
    }
    const attributes = attributesOf(root);
    expect(attributes.filter((a) => /^\S+ on/.test(a))).toEqual([]);
    expect(attributes.filter((a) => /example\.org/.test(a))).toEqual([]);
    expect(attributes.filter((a) => /^\S+ (style|background|poster|id|data-x|aria-label)=/.test(a))).toEqual([]);
    expect(root.querySelector('.button')).toBeNull();
    expect(root.textContent).toContain('Hello');
    expect(root.textContent).not.toContain('window.__pwned = 1');
    expect((window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('keeps http(s) and mailto links, opened apart from the app; other links become text', () => {
    const root = dom(
      [
        '[site](https://example.org/report)',
        '[mail](mailto:secretariat@example.org)',
        '[js](javascript:alert(1))',
        '[JS](JaVaScRiPt:alert(1))',
        '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
        '[vb](vbscript:msgbox(1))',
        '[here](#/settings)',
        '[rel](other-page.html)',
        '<a href="javascript:alert(1)">raw</a>',
        '<a href="  java\tscript:alert(1)">spaced</a>',
      ].join('\n\n'),
    );
    const links = [...root.querySelectorAll('a')];
    const withHref = links.filter((a) => a.hasAttribute('href'));
    expect(withHref.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.org/report',
      'mailto:secretariat@example.org',
    ]);
    for (const a of withHref) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    // The rest keep their words but go nowhere.
    expect(root.textContent).toContain('here');
    expect(root.textContent).toContain('raw');
    expect(attributesOf(root).filter((a) => /script:|data:text/i.test(a))).toEqual([]);
  });

  it('loads no remote image, and keeps inline ones', () => {
    const pixel =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC';
    const root = dom(
      [
        '![remote](https://example.org/t.png)',
        '<img src="https://example.org/raw.png" alt="raw" srcset="https://example.org/2x.png 2x">',
        '![svg](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)',
        `![pixel](${pixel})`,
      ].join('\n\n'),
    );
    const images = [...root.querySelectorAll('img')];
    const sources = images.map((img) => img.getAttribute('src')).filter((src) => src !== null);
    expect(sources).toEqual([pixel]);
    expect(attributesOf(root).filter((a) => /example\.org/.test(a))).toEqual([]);
    expect(root.textContent).toContain('Image not loaded (Boardkeeper loads nothing from the network): remote');
    expect(images.find((img) => !img.hasAttribute('src'))?.getAttribute('alt')).toBe('Image not loaded: raw');
  });
});

/** A long paper: headings, loose and tight lists, tables, fenced code with blank lines, reference links defined at the end. */
function longPaper(sections: number): string {
  const out: string[] = [];
  for (let i = 1; i <= sections; i++) {
    out.push(
      `## Section ${i}: contract PCD 2026-${String(i).padStart(3, '0')}`,
      `The board considered [the re-tender plan][plan] and the **extension** of contract ${i}. ${'Further detail on the procurement timetable. '.repeat(8)}`,
      `1. First point of ${i}\n2. Second point\n\n3. Third point, after a blank line`,
      `| Item | Value |\n| --- | ---: |\n| Spend | £${(i * 1250).toLocaleString('en-GB')} |\n| Term | 12 months |`,
      '```text\nline one\n\nline three after a blank line\n```',
      `> A quotation in section ${i}.`,
    );
  }
  out.push('[plan]: https://example.org/re-tender "The plan"');
  return out.join('\n\n');
}

function html(fragment: DocumentFragment): string {
  const box = document.createElement('div');
  box.append(fragment);
  return box.innerHTML;
}

describe('markdownParts', () => {
  it('cuts a long text into parts between blocks that together make what renderMarkdown makes of it', () => {
    let sections = 50;
    while (longPaper(sections).length < FIRST_PART_CHARS + 2 * PART_CHARS) sections += 50;
    const source = longPaper(sections);
    const parts = [...markdownParts(source)].map(html);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    // The first part is small enough to show at once; every part starts at a block.
    expect(parts[0]!.length).toBeLessThan(FIRST_PART_CHARS * 2);
    expect(parts.join('')).toBe(renderMarkdown(source));
    // A reference link defined at the very end resolves in the first part.
    const first = document.createElement('div');
    first.innerHTML = parts[0]!;
    expect(first.querySelector('a')?.getAttribute('href')).toBe('https://example.org/re-tender');
    // DOMPurify over ~200 KB in jsdom takes seconds on a loaded machine: a limit on waiting, not a speed claim.
  }, 60_000);

  it('sanitises every part: what is hostile deep in a long text is made inert like the rest', () => {
    const source = `${longPaper(120)}\n\n<img src=x onerror="alert(1)">\n\n<script>alert(2)</script>\n\n[click](javascript:alert(3))\n\n<iframe src="https://example.org"></iframe>`;
    const parts = [...markdownParts(source)];
    expect(parts.length).toBeGreaterThan(1);
    const root = document.createElement('div');
    root.append(...parts);
    expect(root.querySelector('script, iframe')).toBeNull();
    expect(attributesOf(root).filter((a) => /onerror|javascript:/i.test(a))).toEqual([]);
    expect(root.querySelector('img')?.getAttribute('src')).toBeNull();
  }, 60_000);

  it('makes one part of a short text, and none of an empty one', () => {
    expect([...markdownParts('Approve the **extension**.')].map(html)).toEqual([
      renderMarkdown('Approve the **extension**.'),
    ]);
    expect([...markdownParts('')]).toEqual([]);
  });
});
