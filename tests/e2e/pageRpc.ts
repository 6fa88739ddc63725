/** Calling a channel from a page, as the page's own client does (its host's token as `Authorization: Bearer`). */
import type { Page } from 'playwright-core';

/** Calls `channel` with `input` from `page`; throws with the channel and the error's message when refused. */
export async function pageRpc<T = { id: string }>(
  page: Page,
  token: string,
  channel: string,
  input: unknown,
): Promise<T> {
  const result = (await page.evaluate(
    ([c, body, bearer]) =>
      fetch(`/rpc/${c}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
        body,
      }).then((r) => r.json()),
    [channel, JSON.stringify(input), token] as const,
  )) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result.value;
}
