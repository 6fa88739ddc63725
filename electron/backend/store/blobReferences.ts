/**
 * Every stored file (blob) the records refer to, with the record that does
 * and what it is: a paper version's text, its attachments and the file it was
 * added from (PDF, Word), and each compiled pack PDF. One list, read by
 * Verify, by the check of a copy (backups, archives) and by the archive that
 * leaves out files no record uses: a new kind of stored file is added here
 * once. Works on the state's plain JSON form (a checkpoint, an archive's
 * state.json), where records may not be valid yet, so it reads defensively.
 */

/** One reference to a stored file. */
export interface BlobReference {
  readonly hash: string;
  /** "papers/pap_… (PAP-2026-001, version 2)" or "compiledPacks/cpk_… (public pack version 1)". */
  readonly record: string;
  /** "the text", "the attachment “x.pdf”", "the original file “x.pdf”", "the compiled PDF". */
  readonly what: string;
}

type Loose = Record<string, unknown>;

function records(list: unknown): Loose[] {
  const isRecord = (r: unknown): r is Loose => typeof r === 'object' && r !== null;
  if (Array.isArray(list)) return list.filter(isRecord);
  // The live state's collections (RecordMap): anything with values().
  if (isRecord(list) && typeof list.values === 'function') {
    return [...((list.values as () => Iterable<unknown>).call(list) as Iterable<unknown>)].filter(isRecord);
  }
  return [];
}

/** The stored files the papers and compiled packs of `doc` refer to (arrays in JSON, or the live state's maps). */
export function* blobReferencesOf(doc: {
  readonly papers?: unknown;
  readonly compiledPacks?: unknown;
}): Generator<BlobReference> {
  for (const paper of records(doc.papers)) {
    for (const version of records(paper.versions)) {
      const reference = typeof paper.reference === 'string' ? `${paper.reference}, ` : '';
      const record = `papers/${String(paper.id)} (${reference}version ${String(version.version)})`;
      if (typeof version.body === 'string') yield { hash: version.body, record, what: 'the text' };
      for (const a of records(version.attachments)) {
        if (typeof a.blob === 'string') yield { hash: a.blob, record, what: `the attachment “${String(a.name)}”` };
      }
      const source = typeof version.source === 'object' && version.source !== null ? (version.source as Loose) : null;
      if (source !== null && typeof source.blob === 'string') {
        yield { hash: source.blob, record, what: `the original file “${String(source.name)}”` };
      }
    }
  }
  for (const pack of records(doc.compiledPacks)) {
    if (typeof pack.blob !== 'string') continue;
    const supplement =
      typeof pack.supplement === 'number' && pack.supplement > 0 ? `, supplement ${pack.supplement}` : '';
    const record = `compiledPacks/${String(pack.id)} (${String(pack.scope)} pack version ${String(pack.version)}${supplement})`;
    yield { hash: pack.blob, record, what: 'the compiled PDF' };
  }
}
