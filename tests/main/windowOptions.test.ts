import { describe, expect, it } from 'vitest';
import { configureSpellchecker, spellcheckWithoutNetwork } from '../../electron/main/spelling.ts';
import { createWindowOptions } from '../../electron/main/windowOptions.ts';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE } from '../../electron/main/windowState.ts';

const base = { preloadPath: '/app/dist/preload/preload.cjs', state: null, devTools: false, spellcheck: false } as const;

describe('createWindowOptions', () => {
  it('sets every security preference explicitly, field by field', () => {
    const prefs = createWindowOptions(base).webPreferences;
    expect(prefs?.preload).toBe('/app/dist/preload/preload.cjs');
    expect(prefs?.contextIsolation).toBe(true);
    expect(prefs?.sandbox).toBe(true);
    expect(prefs?.nodeIntegration).toBe(false);
    expect(prefs?.nodeIntegrationInWorker).toBe(false);
    expect(prefs?.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs?.webSecurity).toBe(true);
    expect(prefs?.allowRunningInsecureContent).toBe(false);
    expect(prefs?.experimentalFeatures).toBe(false);
    expect(prefs?.webviewTag).toBe(false);
    expect(prefs?.navigateOnDragDrop).toBe(false);
    expect(prefs?.safeDialogs).toBe(true);
    expect(prefs?.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs?.devTools).toBe(false);
  });

  it('enables no Blink feature and sets nothing beyond the reviewed list', () => {
    const prefs = createWindowOptions(base).webPreferences ?? {};
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'devTools',
        'disableBlinkFeatures',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });

  it('turns developer tools on only when asked (running from source)', () => {
    expect(createWindowOptions({ ...base, devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('opens hidden (shown on ready-to-show), centred at the default size on first start', () => {
    const options = createWindowOptions(base);
    expect(options.show).toBe(false);
    expect(options.center).toBe(true);
    expect(options.x).toBeUndefined();
    expect([options.width, options.height]).toEqual([DEFAULT_WINDOW_SIZE.width, DEFAULT_WINDOW_SIZE.height]);
    expect([options.minWidth, options.minHeight]).toEqual([MIN_WINDOW_SIZE.width, MIN_WINDOW_SIZE.height]);
  });

  it('restores a remembered position and size', () => {
    const options = createWindowOptions({
      ...base,
      state: { x: 40, y: 30, width: 1000, height: 700, maximized: false },
      icon: '/app/dist/icon.png',
    });
    expect([options.x, options.y, options.width, options.height]).toEqual([40, 30, 1000, 700]);
    expect(options.center).toBeUndefined();
    expect(options.icon).toBe('/app/dist/icon.png');
  });
});

describe('spellchecking', () => {
  it('is on only where it needs no dictionary download (macOS), in the window and the session', () => {
    expect(spellcheckWithoutNetwork('darwin')).toBe(true);
    expect(spellcheckWithoutNetwork('win32')).toBe(false);
    expect(spellcheckWithoutNetwork('linux')).toBe(false);
    expect(createWindowOptions({ ...base, spellcheck: true }).webPreferences?.spellcheck).toBe(true);
    expect(createWindowOptions(base).webPreferences?.spellcheck).toBe(false);
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const calls: boolean[] = [];
      configureSpellchecker({ setSpellCheckerEnabled: (on) => calls.push(on) }, platform);
      expect(calls).toEqual([platform === 'darwin']);
    }
  });
});
