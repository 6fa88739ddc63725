/**
 * The page's right-click menu. Electron shows none of its own: without this
 * there is no Cut, Copy or Paste on a right click, and no spelling
 * suggestions. Built from the `context-menu` event's parameters as a plain
 * template, so a test can read it; roles give each platform its labels.
 */
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

/** The parts of Electron's context-menu parameters used here. */
export type MenuParams = Pick<
  ContextMenuParams,
  'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions' | 'editFlags'
>;

/** What the spelling items do (wired to the webContents and its session in main.ts). */
export interface SpellingActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
}

/** How many suggestions are offered, as most editors do. */
const MAX_SUGGESTIONS = 5;

/**
 * The menu for a right click: spelling (suggestions, Add to dictionary) on a
 * misspelt word, then Cut, Copy, Paste and Select all in a field (each
 * enabled as the field allows), or Copy over selected text. Empty where
 * there is nothing to offer (no menu is shown then).
 */
export function contextMenuTemplate(params: MenuParams, actions: SpellingActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  const word = params.misspelledWord;
  if (params.isEditable && word !== '') {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0) items.push({ label: 'No spelling suggestions', enabled: false });
    for (const suggestion of suggestions) {
      items.push({ label: suggestion, click: () => actions.replaceMisspelling(suggestion) });
    }
    items.push({ label: 'Add to dictionary', click: () => actions.addToDictionary(word) }, { type: 'separator' });
  }
  if (params.isEditable) {
    const flags = params.editFlags;
    items.push(
      { role: 'cut', enabled: flags.canCut },
      { role: 'copy', enabled: flags.canCopy },
      { role: 'paste', enabled: flags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: flags.canSelectAll },
    );
  } else if (params.selectionText.trim() !== '') {
    items.push({ role: 'copy' });
  }
  return items;
}
