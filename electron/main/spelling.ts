/**
 * Spellchecking without the network. On macOS Chromium asks the system's
 * spellchecker. On Windows and Linux it uses Hunspell dictionaries that it
 * downloads from Google's servers on first use, against the app's promise of
 * no network; there it is turned off (the session's spellchecker and each
 * window's `spellcheck` preference).
 */
import type { Session } from 'electron';

/** Whether spellchecking works on `platform` without downloading dictionaries. */
export function spellcheckWithoutNetwork(platform: NodeJS.Platform): boolean {
  return platform === 'darwin';
}

/** Turns the session's spellchecker off where it would download dictionaries. */
export function configureSpellchecker(
  session: Pick<Session, 'setSpellCheckerEnabled'>,
  platform: NodeJS.Platform,
): void {
  session.setSpellCheckerEnabled(spellcheckWithoutNetwork(platform));
}
