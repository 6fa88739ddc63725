/**
 * The JSON Schemas the board's data is published with: the state document
 * (checkpoint state and full exports) and the journal line envelope.
 */
import { z } from 'zod';
import { Instant } from './common.ts';
import { StateDocumentSchema } from './state.ts';

/** A journal line's envelope: never changes across versions (see docs/architecture.md). */
export const JournalEntrySchema = z.object({
  seq: z.number().int().min(1).describe('Sequence number, from 1, without gaps'),
  time: Instant.describe('When the change was made (UTC)'),
  actor: z.string().describe('Who made it: the local user named in Settings'),
  summary: z.string().describe('What was done, in words'),
  v: z.number().int().min(1).describe('Schema version of the records in changes'),
  changes: z
    .array(
      z.object({
        target: z.string().describe('A collection of the state, or "settings"'),
        id: z.string(),
        before: z.unknown().describe('The record before the change; null when created'),
        after: z.unknown().describe('The record after the change; null when removed'),
      }),
    )
    .min(1),
  prev: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('SHA-256 (hex) of the previous line’s text; 64 zeros for the first'),
});

/** File name -> JSON Schema, for docs/schema/. */
export function publishedSchemas(): Record<string, unknown> {
  return {
    'state.schema.json': {
      $id: 'https://boardkeeper.invalid/schema/state.schema.json',
      title: 'Boardkeeper state',
      ...z.toJSONSchema(StateDocumentSchema, { io: 'input' }),
    },
    'journal-entry.schema.json': {
      $id: 'https://boardkeeper.invalid/schema/journal-entry.schema.json',
      title: 'Boardkeeper journal line',
      ...z.toJSONSchema(JournalEntrySchema, { io: 'input' }),
    },
  };
}
