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
      'dist/tray/**',
      '!**/*.map',
      '!**/node_modules/**',
    ]);
    // No cookie-encryption fuse: the app sets no cookies, and on an unsigned
    // macOS build it only brings keychain prompts.
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('targets deb only on Linux (it installs the AppArmor profile Ubuntu 24.04+ needs), nsis and dmg', async () => {
    const config = await loadConfig();
    // An AppImage aborts on Ubuntu 24.04+ (AppArmor and the Chromium sandbox): not a default target.
    expect(config.linux).toMatchObject({ target: ['deb'], category: 'Office' });
    expect(config.win).toMatchObject({ target: ['nsis'] });
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
    expect(config.mac).toMatchObject({ target: ['dmg'] });
  });
});

/** Why the macOS app would be killed at launch on Apple Silicon, or null when it would not. */
function macLaunchProblem(config: Record<string, unknown>, entitlements: string | null): string | null {
  const fuses = asRecord(config.electronFuses);
  const mac = asRecord(config.mac);
  if (fuses === null || Object.keys(fuses).length === 0) return null;
  // Flipping a fuse rewrites the executable: its signature must be made again.
  const adHoc = mac?.identity === '-';
  if (!adHoc && fuses.resetAdHocDarwinSignature !== true) {
    return 'fuses are flipped but the app is neither signed ad hoc (mac.identity: "-") nor re-signed by the fuses (electronFuses.resetAdHocDarwinSignature)';
  }
  if (adHoc && mac?.hardenedRuntime === true) {
    if (entitlements === null) return 'ad-hoc signing with the hardened runtime needs mac.entitlements';
    if (!/<key>com\.apple\.security\.cs\.disable-library-validation<\/key>\s*<true\/>/.test(entitlements)) {
      return 'ad-hoc signing with the hardened runtime needs com.apple.security.cs.disable-library-validation';
    }
  }
  return null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : null;
}

async function entitlementsOf(config: Record<string, unknown>): Promise<string | null> {
  const file = asRecord(config.mac)?.entitlements;
  return typeof file === 'string' ? readFile(file, 'utf8') : null;
}

describe('macOS on Apple Silicon', () => {
  it('re-signs the app after the fuses are flipped, with the entitlements ad-hoc signing needs', async () => {
    const config = await loadConfig();
    expect(macLaunchProblem(config, await entitlementsOf(config))).toBeNull();
    expect(asRecord(config.mac)?.entitlementsInherit).toBe(asRecord(config.mac)?.entitlements);
  });

  it('would catch fuses set with no signing at all, or ad hoc without the library-validation entitlement', async () => {
    const config = await loadConfig();
    const mac = asRecord(config.mac) ?? {};
    const { identity: _identity, ...unsigned } = mac;
    expect(macLaunchProblem({ ...config, mac: unsigned }, null)).toMatch(/neither signed ad hoc/);
    expect(
      macLaunchProblem(
        {
          ...config,
          mac: unsigned,
          electronFuses: { ...asRecord(config.electronFuses), resetAdHocDarwinSignature: true },
        },
        null,
      ),
    ).toBeNull();
    expect(macLaunchProblem(config, '<plist><dict></dict></plist>')).toMatch(/disable-library-validation/);
  });
});
