/**
 * The answers of the compiled-pack channels: a compile's outcome (compiled, or
 * a question about passwords), the packs compiled for a meeting with what
 * changed since, and a compiled pack's file (whole, or a range of its pages).
 */
import type { CompiledPack, PackScope } from '../schema/compiledPacks.ts';
import type { PackChangesSince } from '../documents/packPdf.ts';
import type { PackFile } from './packViews.ts';

/** A compiled pack as the meeting page lists it. */
export interface CompiledPackView extends CompiledPack {
  /** "Public pack, version 2" or "Supplement 1 to the public pack, version 2". */
  readonly label: string;
  readonly fileName: string;
}

/** A paper whose PDF asks for a password before the pack can be compiled. */
export interface PasswordQuestion {
  readonly paperId: string;
  readonly reference: string;
  readonly title: string;
  readonly fileName: string;
  /** True when a password was given and it was not the right one. */
  readonly wrong: boolean;
}

/** What compiling answers: the pack, or the papers that need a password (nothing was written). */
export type CompileOutcome =
  | { readonly status: 'compiled'; readonly pack: CompiledPackView }
  | { readonly status: 'needsPassword'; readonly papers: readonly PasswordQuestion[] };

/** Where one scope's packs stand: the version members have, and what changed since it. */
export interface PackScopeStatus {
  readonly scope: PackScope;
  /** The newest version and how many supplements go with it; null when never compiled. */
  readonly current: { readonly version: number; readonly supplements: number; readonly compiledAt: string } | null;
  readonly changes: PackChangesSince;
}

/** The compiled packs of a meeting (newest first) and where each scope stands. */
export interface CompiledPacksView {
  readonly packs: readonly CompiledPackView[];
  readonly scopes: readonly PackScopeStatus[];
}

/** A compiled pack's file, whole or pages `from`-`to` of it. */
export interface CompiledPackFile extends PackFile {
  readonly from: number;
  readonly to: number;
  /** Pages in the whole pack. */
  readonly packPages: number;
}
