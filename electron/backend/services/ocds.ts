/**
 * Contracts as OCDS 1.1 JSON: the register as a release package, or one
 * contract's release (in a package of one). The mapping is the pure
 * `shared/documents/ocds.ts`; this reads the state and names the file.
 */
import { AppFailure } from '../../../shared/contract/result.ts';
import type { DocumentFile } from '../../../shared/documents/documentRequests.ts';
import { contractContext, contractRelease, ocidPrefixProblem, releasePackage } from '../../../shared/documents/ocds.ts';
import type { FileToSave } from '../platform.ts';
import { mustGet, type ServiceContext } from './context.ts';

/** The register's (or one contract's) OCDS release package, as a JSON file. */
export function ocdsFile(ctx: ServiceContext, input: { prefix: string; contractId: string | null }): DocumentFile {
  const store = ctx.store();
  const state = store.state();
  const prefix = input.prefix || state.settings.ocdsPrefix;
  const problem = ocidPrefixProblem(prefix);
  if (problem !== null) {
    throw new AppFailure('invalid_input', `The OCDS file was not made: ${problem}.`, {
      issues: [{ field: 'prefix', message: problem }],
    });
  }
  const publisher = { name: state.settings.boardName, prefix };
  const decisions = state.decisions.values();
  const conditions = state.conditions.values();
  const contracts =
    input.contractId === null
      ? state.contracts.values().filter((c) => !c.archivedAt)
      : [mustGet(state, 'contracts', input.contractId, 'contract')];
  const releases = contracts.map((c) => contractRelease(c, contractContext(c, decisions, conditions), publisher));
  const now = ctx.clock().toISOString();
  const pkg = releasePackage(releases, publisher, now.replace(/\.\d{3}Z$/, 'Z'));
  const one = input.contractId === null ? null : contracts[0]!;
  const name = one ? one.reference.replace(/[^A-Za-z0-9]+/g, '-') : 'contracts-register';
  return {
    fileName: `${name}-ocds.json`,
    mimeType: 'application/json',
    encoding: 'utf8',
    content: `${JSON.stringify(pkg, null, 2)}\n`,
    reference: one ? one.reference : 'Contracts register',
    title: one ? `OCDS release: ${one.title}` : 'Contracts register (OCDS release package)',
    generatedAt: now,
    position: store.head(),
  };
}

/** The same file, for the platform's save dialog. */
export function ocdsFileToSave(file: DocumentFile): FileToSave {
  return { fileName: file.fileName, mimeType: file.mimeType, bytes: Buffer.from(file.content, 'utf8') };
}
