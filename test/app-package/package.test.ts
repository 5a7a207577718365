import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/make-icons';
import { APP_PACKAGE_DIR, packageApp, validateManifest } from '../../scripts/package-app';
import { readZip } from './read-zip';

const readIcon = (name: string) => PNG.sync.read(readFileSync(resolve(APP_PACKAGE_DIR, name)));

describe('icons', () => {
  it('color.png is 192×192 and fully opaque', () => {
    const png = readIcon('color.png');
    expect([png.width, png.height]).toEqual([192, 192]);
    for (let i = 3; i < png.data.length; i += 4) expect(png.data[i]).toBe(255);
  });

  it('outline.png is 32×32, white on transparent, with a visible glyph', () => {
    const png = readIcon('outline.png');
    expect([png.width, png.height]).toEqual([32, 32]);
    let visible = 0;
    const notWhite: number[] = [];
    for (let p = 0; p < 32 * 32; p++) {
      const [r, g, b, a] = png.data.subarray(p * 4, p * 4 + 4);
      if (a === 0) continue;
      visible++;
      if (r !== 255 || g !== 255 || b !== 255) notWhite.push(p);
    }
    expect(notWhite).toEqual([]);
    expect(visible).toBeGreaterThan(100);
    expect(visible).toBeLessThan(32 * 32 - 100);
  });

  it('the committed icons are what scripts/make-icons.ts draws', () => {
    expect(Buffer.compare(readIcon('color.png').data, drawColorIcon().data)).toBe(0);
    expect(Buffer.compare(readIcon('outline.png').data, drawOutlineIcon().data)).toBe(0);
  });
});

describe('npm run package', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'app-package-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes a zip with exactly the manifest and the two icons, and its manifest validates', async () => {
    const env = { TEAMS_APP_ID: '0d5c3a5e-9a4b-4f0e-8d7a-2b1c3d4e5f60', MicrosoftAppId: '7f6e5d4c-3b2a-4190-8a7b-6c5d4e3f2a10' };
    const zipPath = await packageApp(env, outDir);
    expect(zipPath).toBe(join(outDir, 'appPackage.zip'));
    const files = readZip(readFileSync(zipPath));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Record<string, unknown>;
    expect(manifest.id).toBe(env.TEAMS_APP_ID);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(validateManifest(manifest)).toEqual([]);
    expect(files.get('color.png')!.equals(readFileSync(resolve(APP_PACKAGE_DIR, 'color.png')))).toBe(true);
  });

  it('writes nothing when an id is missing', async () => {
    await expect(packageApp({ TEAMS_APP_ID: '0d5c3a5e-9a4b-4f0e-8d7a-2b1c3d4e5f60' }, outDir)).rejects.toThrow('BOT_ID is not set');
    expect(() => readFileSync(join(outDir, 'appPackage.zip'))).toThrow(/ENOENT/);
  });
});
