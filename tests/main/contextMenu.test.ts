/** The right-click menu's template, from the context-menu parameters Electron passes. */
import { describe, expect, it } from 'vitest';
import { contextMenuTemplate, type MenuParams } from '../../electron/main/contextMenu.ts';

const flags = {
  canUndo: false,
  canRedo: false,
  canCut: false,
  canCopy: false,
  canPaste: false,
  canDelete: false,
  canSelectAll: false,
  canEditRichly: false,
};
const plain: MenuParams = {
  isEditable: false,
  selectionText: '',
  misspelledWord: '',
  dictionarySuggestions: [],
  editFlags: flags,
};
const none = { replaceMisspelling: () => {}, addToDictionary: () => {} };

describe('contextMenuTemplate', () => {
  it('offers nothing over plain text with no selection, and Copy over a selection', () => {
    expect(contextMenuTemplate(plain, none)).toEqual([]);
    expect(contextMenuTemplate({ ...plain, selectionText: 'PCD 2026-014' }, none)).toEqual([{ role: 'copy' }]);
  });

  it('in a field: Cut, Copy, Paste and Select all, enabled as the field allows', () => {
    const items = contextMenuTemplate({ ...plain, isEditable: true, editFlags: { ...flags, canPaste: true } }, none);
    expect(items).toEqual([
      { role: 'cut', enabled: false },
      { role: 'copy', enabled: false },
      { role: 'paste', enabled: true },
      { type: 'separator' },
      { role: 'selectAll', enabled: false },
    ]);
  });

  it('on a misspelt word: up to five suggestions and Add to dictionary, which act on the word', () => {
    const replaced: string[] = [];
    const added: string[] = [];
    const items = contextMenuTemplate(
      {
        ...plain,
        isEditable: true,
        misspelledWord: 'tendr',
        dictionarySuggestions: ['tender', 'tend', 'tends', 'trend', 'tenor', 'tendril'],
      },
      { replaceMisspelling: (w) => replaced.push(w), addToDictionary: (w) => added.push(w) },
    );
    expect(items.slice(0, 7).map((item) => item.label ?? item.type)).toEqual([
      'tender',
      'tend',
      'tends',
      'trend',
      'tenor',
      'Add to dictionary',
      'separator',
    ]);
    for (const index of [3, 5]) {
      const click = items[index]?.click;
      if (click === undefined) throw new Error('no click');
      Reflect.apply(click, undefined, []);
    }
    expect(replaced).toEqual(['trend']);
    expect(added).toEqual(['tendr']);
    const noSuggestion = contextMenuTemplate({ ...plain, isEditable: true, misspelledWord: 'xq' }, none);
    expect(noSuggestion[0]).toEqual({ label: 'No spelling suggestions', enabled: false });
  });
});
