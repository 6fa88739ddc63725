import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fitToScreens,
  parseWindowState,
  readWindowState,
  saveWindowState,
  type WindowState,
} from '../../electron/main/windowState.ts';
import { tempDir } from '../helpers/tempDir.ts';

const SCREEN = { x: 0, y: 0, width: 1920, height: 1040 };
const saved: WindowState = { x: 100, y: 50, width: 1200, height: 800, maximized: false };

describe('window state file', () => {
  it('round-trips through a real file', async () => {
    const file = path.join(await tempDir('bk-window-'), 'window-state.json');
    saveWindowState(file, saved);
    expect(readWindowState(file)).toEqual(saved);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(saved);
  });

  it('gives null for a missing file', async () => {
    expect(readWindowState(path.join(await tempDir('bk-window-'), 'absent.json'))).toBeNull();
  });

  it.each([
    ['not JSON', '{"x": 1,'],
    ['an array', '[1,2]'],
    ['a string width', '{"width":"1200","height":800,"maximized":false}'],
    ['a tiny window', '{"width":10,"height":10,"maximized":false}'],
    ['a huge coordinate', '{"x":1e9,"y":0,"width":1200,"height":800,"maximized":false}'],
    ['a fractional size', '{"width":1200.5,"height":800,"maximized":false}'],
    ['an unknown field', '{"width":1200,"height":800,"maximized":false,"zoom":3}'],
    ['no maximized flag', '{"width":1200,"height":800}'],
  ])('ignores a file holding %s', async (_name, text) => {
    const file = path.join(await tempDir('bk-window-'), 'window-state.json');
    await writeFile(file, text);
    expect(readWindowState(file)).toBeNull();
    expect(parseWindowState(text)).toBeNull();
  });
});

describe('fitToScreens', () => {
  it('keeps a position that is on a screen', () => {
    expect(fitToScreens(saved, [SCREEN])).toEqual(saved);
  });

  it('drops a position left on a display that is gone (the window is centred)', () => {
    const offScreen = { ...saved, x: 2500, y: 100 };
    expect(fitToScreens(offScreen, [SCREEN])).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('keeps a position on a second display', () => {
    const right = { x: 1920, y: 0, width: 2560, height: 1400 };
    const there = { ...saved, x: 2500, y: 100 };
    expect(fitToScreens(there, [SCREEN, right])).toEqual(there);
  });

  it('drops a position whose title bar is above the screen', () => {
    expect(fitToScreens({ ...saved, y: -500 }, [SCREEN]).x).toBeUndefined();
  });

  it('shrinks a window larger than every screen', () => {
    const big = { ...saved, x: 0, y: 0, width: 4000, height: 3000 };
    expect(fitToScreens(big, [SCREEN])).toEqual({ x: 0, y: 0, width: 1920, height: 1040, maximized: false });
  });

  it('keeps the state when no display is known', () => {
    expect(fitToScreens(saved, [])).toEqual(saved);
  });
});
