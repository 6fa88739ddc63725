/**
 * electron-builder.yml is checked against electron-builder's own JSON schema
 * (AppImage, deb, nsis and dmg cannot be built offline, so this is where a
 * typo in their options is caught), and its security-relevant settings are
 * pinned.
 */
import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { APP_ID, PRODUCT_NAME } from '../../electron/main/appIdentity.ts';

async function loadConfig(): Promise<Record<string, unknown>> {
  const config: unknown = parse(await readFile('electron-builder.yml', 'utf8'));
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error('not a mapping');
  return Object.fromEntries(Object.entries(config));
}

describe('electron-builder.yml', () => {
  it('is valid against node_modules/app-builder-lib/scheme.json', async () => {
    const schema: unknown = JSON.parse(await readFile('node_modules/app-builder-lib/scheme.json', 'utf8'));
    if (typeof schema !== 'object' || schema === null) throw new Error('scheme.json is not an object');
    // strict: false because the schema carries a keyword of its generator
    // ("typeof": "function", for options that may be hooks) that Ajv does not
    // know; every other keyword is standard draft-07 and is enforced.
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(await loadConfig());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would catch a misspelt option (the schema check is not vacuous)', async () => {
    const schema: unknown = JSON.parse(await readFile('node_modules/app-builder-lib/scheme.json', 'utf8'));
    if (typeof schema !== 'object' || schema === null) throw new Error('scheme.json is not an object');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const config = await loadConfig();
    expect(validate({ ...config, nsis: { oneClik: false } })).toBe(false);
    expect(validate({ ...config, electronFuses: { runAsNode: 'no' } })).toBe(false);
  });

  it('names the app as main does', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
    const pkg: unknown = JSON.parse(await readFile('package.json', 'utf8'));
    expect(pkg).toMatchObject({ productName: PRODUCT_NAME, main: 'dist/main/main.cjs' });
  });

  it('ships only built output, in an asar, with the fuses of the issue', async () => {
    const config = await loadConfig();
    expect(config.asar).toBe(true);
    expect(config.files).toEqual([
      'package.json',
      'dist/main/**',
      'dist/preload/**',
      'dist/renderer/**',
      'dist/icon.png',
      '!**/*.map',
      '!**/node_modules/**',
    ]);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('targets AppImage and deb (Office), a per-user nsis with a folder choice, and dmg', async () => {
    const config = await loadConfig();
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Office' });
    expect(config.win).toMatchObject({ target: ['nsis'] });
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
    expect(config.mac).toMatchObject({ target: ['dmg'] });
  });
});
