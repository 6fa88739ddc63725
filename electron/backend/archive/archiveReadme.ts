/**
 * The README written inside every `.boardkeeper` archive: the format
 * explained to someone who has never seen the app, with a chain check in a
 * few lines of Python and JavaScript.
 */

/** The README of an archive of `kind`, at journal entry `seq`. */
export function archiveReadme(kind: 'full' | 'without-private-notes', seq: number, hash: string): string {
  const journalPart =
    kind === 'full'
      ? `- \`journal/*.jsonl\`: the journal, every change ever made, one JSON line per change,
  in files named by the number of their first entry (\`000000000001.jsonl\`, ...).
  This is the board's record; the state is derived from it.
- \`journal/seals.jsonl\`: the app's own log of checkpoints and closed journal
  files it wrote (hash-chained like the journal). Not needed to read the data.`
      : `- There is **no journal** in this archive: it was made "without my private notes"
  for someone else, and the journal holds every note ever written. The
  journal's head is in \`manifest.json\` (\`journalHead\`: entry ${seq}, hash
  \`${hash}\`), so this copy can be matched to the full record held by the board.
- Left out: the private notes, highlights and read marks (\`paperMarks\` and \`paperNotes\` are
  empty) and every stored file that no paper refers to.`;
  return `# Boardkeeper archive

This file is a ZIP archive written by Boardkeeper, an offline app that keeps an
oversight board's papers, meetings, decisions, conditions and contracts. It
holds everything in open formats: JSON, the board's own files as they were
stored, and JSON Schemas describing them. You do not need the app to read it.

Kind: **${kind}**. Journal entry: **${seq}**, hash \`${hash}\`.

## Files

- \`manifest.json\`: what this archive is (\`format\`, \`formatVersion\`, \`kind\`,
  \`schemaVersion\`, \`createdAt\`, \`journalHead\`) and every other file with its
  size and SHA-256 (\`files\`).
- \`state.json\`: all records at journal entry ${seq}, one array per collection
  (\`members\`, \`meetings\`, \`papers\`, \`paperMarks\`, \`decisions\`,
  \`conditions\`, \`contracts\`, \`deadlines\`, \`reminderLedger\`, \`minutes\`)
  plus \`settings\`. Each array is sorted by \`id\`; the text is RFC 8785
  canonical JSON (keys sorted, no spaces), so the same records always give the
  same bytes. Described by \`schema/state.schema.json\` (JSON Schema).
${journalPart}
- \`blobs/<first two letters>/<sha256>\`: paper texts (Markdown, UTF-8),
  attached files, the files papers were added from (PDF, Word) and compiled
  pack PDFs, each named by the SHA-256 of its bytes. Records refer to them by
  that hash (\`papers[].versions[].body\`, \`...attachments[].blob\`,
  \`...source.blob\`, \`compiledPacks[].blob\`) and keep the original file name
  and type.
- \`schema/*.json\`: the JSON Schemas of the state and of one journal line.

## Checking the journal's chain

Each journal line is a JSON object with \`seq\` (1, 2, 3, ... without gaps),
\`time\`, \`actor\`, \`summary\`, \`v\` (schema version), \`changes\` (each with
\`target\`, \`id\`, \`before\`, \`after\`) and \`prev\`: the SHA-256, in hex, of the
previous line's exact text without its newline (64 zeros for the first). The
hash of the last line is the \`journalHead.hash\` in \`manifest.json\`. In Python:

\`\`\`python
import glob, hashlib, json
prev, seq = "0" * 64, 0
for name in sorted(glob.glob("journal/[0-9]*.jsonl")):
    for line in open(name, encoding="utf-8").read().splitlines():
        entry = json.loads(line)
        assert entry["seq"] == seq + 1 and entry["prev"] == prev, f"chain broken at {seq + 1}"
        prev, seq = hashlib.sha256(line.encode("utf-8")).hexdigest(), entry["seq"]
print("chain holds up to entry", seq, prev)
\`\`\`

Replaying the lines in order (for each change, set the record \`id\` of
collection \`target\` to \`after\`, or remove it when \`after\` is null;
\`settings\` is one object) gives exactly \`state.json\`.

## Checking a stored file

\`sha256sum blobs/ab/abcd...\` must print the file's own name. \`manifest.json\`
lists the SHA-256 of every file in the archive.

## Seals of decisions

A signed decision's seal is the SHA-256 of the RFC 8785 canonical JSON of a
documented list of its fields; see the app's docs/seals.md and
docs/check_seal.py, which recomputes a seal from this archive's \`state.json\`.
`;
}
