/**
 * Realistic board-paper text: Markdown with headings, numbered
 * recommendations, bullet lists, tables of figures and prose built from
 * domain sentence templates, with references to earlier papers, decisions
 * and contracts. Seeded, so the same seed gives the same words.
 */
import { Random, ZipfPicker } from './random.ts';
import {
  ADJECTIVES,
  BOROUGHS,
  CAUSES,
  CONNECTORS,
  DIRECTIONS,
  DOMAINS,
  DOMAIN_NAMES,
  GROUPS,
  MONTHS,
  OUTSIDE_BODIES,
  PAPER_TITLES,
  PHASES,
  PROGRAMME_NAMES,
  RATINGS,
  ROLES,
  SECTION_HEADINGS,
  SENTENCES,
  STATUSES,
  VERBS,
  type Domain,
} from './vocabulary.ts';

/** What the text may refer to: references that exist by the time it is written. */
export interface TextContext {
  /** The year the text is written in (for financial years and dates). */
  readonly year: number;
  readonly paperRefs: readonly string[];
  readonly decisionRefs: readonly string[];
  readonly contractRefs: readonly string[];
  readonly suppliers: readonly string[];
}

type Part = { readonly literal: string } | { readonly slot: string };

/** Splits a template into literal text and `{slot}` parts once, so filling it is a plain loop. */
function compile(template: string): Part[] {
  const parts: Part[] = [];
  const re = /\{(\w+)\}/g;
  let last = 0;
  for (let m = re.exec(template); m !== null; m = re.exec(template)) {
    if (m.index > last) parts.push({ literal: template.slice(last, m.index) });
    parts.push({ slot: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ literal: template.slice(last) });
  return parts;
}

/** 12345 -> "12,345" (locale-free, so the bytes never depend on the machine's ICU data). */
function thousands(n: number): string {
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

const COMPILED_SENTENCES = SENTENCES.map(compile);
const COMPILED_TITLES = PAPER_TITLES.map(compile);
const ALL_TOPICS = DOMAIN_NAMES.flatMap((d) => [...DOMAINS[d]]);

/** Writes text for one body; keeps its pickers so each call is cheap. */
export class TextWriter {
  private readonly topicPickers: Record<Domain, ZipfPicker<string>>;
  private readonly anyTopic: ZipfPicker<string>;
  private readonly sentencePicker: ZipfPicker<Part[]>;
  private readonly govTopics: ZipfPicker<string>;
  private domain: Domain = 'procurement';
  private focus: string[] = [];

  constructor(private readonly random: Random) {
    this.topicPickers = Object.fromEntries(
      DOMAIN_NAMES.map((d) => [d, new ZipfPicker(random.sample(DOMAINS[d], DOMAINS[d].length), 0.9)]),
    ) as Record<Domain, ZipfPicker<string>>;
    this.anyTopic = new ZipfPicker(random.sample(ALL_TOPICS, ALL_TOPICS.length), 1.1);
    this.sentencePicker = new ZipfPicker(random.sample(COMPILED_SENTENCES, COMPILED_SENTENCES.length), 0.6);
    this.govTopics = new ZipfPicker([...DOMAINS.governance], 1);
  }

  /** Sets the subject area and a few focus topics that the next texts keep returning to. */
  setFocus(domain?: Domain): void {
    this.domain = domain ?? this.random.pick(DOMAIN_NAMES);
    const picker = this.topicPickers[this.domain];
    this.focus = [picker.pick(this.random), picker.pick(this.random), this.anyTopic.pick(this.random)];
  }

  /** A topic: mostly the focus, often the domain, sometimes anything. */
  topic(): string {
    const x = this.random.next();
    if (x < 0.35 && this.focus.length > 0) return this.random.pick(this.focus);
    if (x < 0.8) return this.topicPickers[this.domain].pick(this.random);
    return this.anyTopic.pick(this.random);
  }

  /** A sum of money as papers write it: £850k, £25.3m. */
  amount(): string {
    const r = this.random;
    return r.chance(0.55) ? `£${r.int(1, 99)}.${r.int(0, 9)}m` : `£${r.int(12, 990)}k`;
  }

  /** A date as papers write it: 24 June 2026. */
  date(year: number): string {
    return `${this.random.int(1, 28)} ${this.random.pick(MONTHS)} ${year + this.random.int(0, 1)}`;
  }

  /** A financial year: 2026/27. */
  financialYear(year: number): string {
    const y = year - this.random.int(0, 1);
    return `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
  }

  private fill(parts: readonly Part[], ctx: TextContext): string {
    let out = '';
    for (const part of parts) out += 'literal' in part ? part.literal : this.slot(part.slot, ctx);
    return out;
  }

  private ref(list: readonly string[], fallback: string): string {
    if (list.length === 0) return fallback;
    // Recent references more often than old ones, as papers cite.
    const back = Math.min(list.length - 1, Math.floor(Math.pow(this.random.next(), 3) * list.length));
    return list[list.length - 1 - back]!;
  }

  private slot(name: string, ctx: TextContext): string {
    const r = this.random;
    switch (name) {
      case 'topic':
      case 'topic2':
        return this.topic();
      case 'Topic': {
        const t = this.topic();
        return t.charAt(0).toUpperCase() + t.slice(1);
      }
      case 'gov':
        return this.govTopics.pick(r);
      case 'role':
        return r.pick(ROLES);
      case 'body': {
        const b = r.pick(OUTSIDE_BODIES);
        return b.charAt(0).toUpperCase() + b.slice(1);
      }
      case 'supplier':
        return ctx.suppliers.length > 0 ? r.pick(ctx.suppliers) : 'the supplier';
      case 'programme':
        return r.pick(PROGRAMME_NAMES);
      case 'amount':
        return this.amount();
      case 'pct':
        return `${r.int(1, 98)}.${r.int(0, 9)}%`;
      case 'date':
        return this.date(ctx.year);
      case 'fy':
        return this.financialYear(ctx.year);
      case 'pref':
        return this.ref(ctx.paperRefs, `PAP-${ctx.year}-001`);
      case 'dref':
        return this.ref(ctx.decisionRefs, `PCD ${ctx.year}-001`);
      case 'cref':
        return this.ref(ctx.contractRefs, `CTR-${ctx.year}-001`);
      case 'n':
        return String(r.int(2, 40));
      case 'm':
        return String(r.int(40, 60));
      case 'months':
        return String(r.pick([3, 6, 12, 18, 24]));
      case 'borough':
        return r.pick(BOROUGHS);
      case 'adj':
        return r.pick(ADJECTIVES);
      case 'status':
        return r.pick(STATUSES);
      case 'verb':
        return r.pick(VERBS);
      case 'cause':
        return r.pick(CAUSES);
      case 'group':
        return r.pick(GROUPS);
      case 'rating':
        return r.pick(RATINGS);
      case 'phase':
        return r.pick(PHASES);
      case 'quarter':
        return `Q${r.int(1, 4)}`;
      case 'direction':
        return r.pick(DIRECTIONS);
      default:
        throw new Error(`unknown slot {${name}}`);
    }
  }

  /** One sentence. */
  sentence(ctx: TextContext): string {
    const text = this.fill(this.sentencePicker.pick(this.random), ctx);
    const connector = this.random.pick(CONNECTORS);
    return connector === '' ? text : connector + text.charAt(0).toLowerCase() + text.slice(1);
  }

  /** A paragraph of `min`..`max` sentences. */
  paragraph(ctx: TextContext, min = 3, max = 6): string {
    const n = this.random.int(min, max);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.sentence(ctx));
    return out.join(' ');
  }

  /** A title for a paper. */
  title(ctx: TextContext): string {
    return this.fill(this.random.pick(COMPILED_TITLES), ctx);
  }

  private table(ctx: TextContext): string {
    const r = this.random;
    const kind = r.int(0, 2);
    if (kind === 0) {
      const rows = r.int(4, 9);
      const lines = [
        '| Line | Budget (£k) | Forecast (£k) | Variance (£k) | Note |',
        '| --- | ---: | ---: | ---: | --- |',
      ];
      for (let i = 0; i < rows; i++) {
        const budget = r.int(80, 25_000);
        const forecast = budget + r.int(-Math.floor(budget / 5), Math.floor(budget / 5));
        const t = this.topic();
        lines.push(
          `| ${t.charAt(0).toUpperCase() + t.slice(1)} | ${thousands(budget)} | ${thousands(forecast)} | ${thousands(forecast - budget)} | ${r.pick(CAUSES)} |`,
        );
      }
      return lines.join('\n');
    }
    if (kind === 1) {
      const rows = r.int(3, 7);
      const lines = ['| Risk | Likelihood | Impact | Mitigation | Owner |', '| --- | :---: | :---: | --- | --- |'];
      for (let i = 0; i < rows; i++) {
        lines.push(
          `| ${this.topic()} ${r.pick(['fails to deliver', 'is delayed', 'costs more than planned', 'is challenged', 'loses key staff'])} | ${r.int(1, 5)} | ${r.int(1, 5)} | ${r.pick(VERBS)} the ${this.topic()} | ${r.pick(ROLES)} |`,
        );
      }
      return lines.join('\n');
    }
    const rows = r.int(3, 6);
    const lines = ['| Condition | Owner | Due | Status |', '| --- | --- | --- | --- |'];
    for (let i = 0; i < rows; i++) {
      lines.push(
        `| ${this.ref(ctx.decisionRefs, 'PCD')} (${i + 1}): ${this.topic()} | ${r.pick(OUTSIDE_BODIES)} | ${this.date(ctx.year)} | ${r.pick(STATUSES)} |`,
      );
    }
    return lines.join('\n');
  }

  private list(ctx: TextContext, numbered: boolean): string {
    const n = this.random.int(3, 7);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(`${numbered ? `${i + 1}.` : '-'} ${this.sentence(ctx)}`);
    return out.join('\n');
  }

  /**
   * A whole paper of about `targetBytes` of Markdown (UTF-8), opening with its
   * reference and metadata, then numbered sections until the size is reached.
   */
  paper(
    meta: { reference: string; title: string; author: string; date: string; classification: string; meeting: string },
    ctx: TextContext,
    targetBytes: number,
  ): string {
    const r = this.random;
    const parts: string[] = [
      `# ${meta.reference}: ${meta.title}`,
      `**Meeting:** ${meta.meeting}  \n**Date:** ${meta.date}  \n**Author:** ${meta.author}  \n**Classification:** ${meta.classification}`,
    ];
    let size = parts[0]!.length + parts[1]!.length;
    let section = 0;
    const headings = [
      SECTION_HEADINGS[0],
      SECTION_HEADINGS[1],
      ...r.sample(SECTION_HEADINGS.slice(2), SECTION_HEADINGS.length - 2),
    ];
    while (size < targetBytes) {
      const heading = headings[section % headings.length]!;
      section++;
      const block: string[] = [`## ${section}. ${section > headings.length ? `${heading} (continued)` : heading}`];
      if (heading === 'Recommendations') {
        block.push('The Board is asked to:', this.list(ctx, true));
      } else {
        const paragraphs = r.int(2, 4);
        for (let p = 0; p < paragraphs; p++) {
          block.push(this.paragraph(ctx));
          const x = r.next();
          if (x < 0.2) block.push(this.table(ctx));
          else if (x < 0.4) block.push(this.list(ctx, false));
          else if (x < 0.45) block.push(`> ${this.sentence(ctx)}`);
        }
      }
      const text = block.join('\n\n');
      parts.push(text);
      size += text.length + 2;
    }
    return `${parts.join('\n\n')}\n`;
  }
}
