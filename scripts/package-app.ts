/**
 * `npm run package`: fills the placeholders in appPackage/manifest.json from the environment (and .env), validates the
 * result offline against the Teams JSON schema bundled in @microsoft/app-manifest, and writes
 * appPackage/build/appPackage.zip (manifest.json, color.png, outline.png) for upload to Teams.
 */
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { config as readDotEnv } from 'dotenv';
import { ZipFile } from 'yazl';

export const APP_PACKAGE_DIR = resolve(__dirname, '..', 'appPackage');
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER = /\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g;
/** Where a placeholder's value comes from, in order of preference. Every placeholder here must be a GUID. */
const SOURCES: Record<string, readonly string[]> = {
  TEAMS_APP_ID: ['TEAMS_APP_ID'],
  BOT_ID: ['BOT_ID', 'MicrosoftAppId'],
};

type Env = Readonly<Record<string, string | undefined>>;

/** Replaces every `${{NAME}}` in the manifest text; throws one error naming every missing or malformed value. */
export function fillManifest(template: string, env: Env): Record<string, unknown> {
  const names = [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
  const values = new Map<string, string>();
  const problems: string[] = [];
  for (const name of names) {
    const sources = SOURCES[name] ?? [name];
    const value = sources.map((s) => env[s]?.trim()).find((v) => v);
    if (!value) problems.push(`${name} is not set (set ${sources.join(' or ')})`);
    else if (SOURCES[name] && !GUID.test(value)) problems.push(`${name} must be a GUID like 00000000-0000-0000-0000-000000000000, got "${value}"`);
    else values.set(name, value);
  }
  if (problems.length > 0) throw new Error(`Cannot build the Teams app package:\n  - ${problems.join('\n  - ')}`);
  return JSON.parse(template.replace(PLACEHOLDER, (_m, name: string) => JSON.stringify(values.get(name)!).slice(1, -1))) as Record<string, unknown>;
}

/** Schema errors for a manifest, checked offline against the copy of its `$schema` bundled in @microsoft/app-manifest. */
export function validateManifest(manifest: Record<string, unknown>): string[] {
  const version = /\/teams\/(v1\.\d+|vDevPreview)\/MicrosoftTeams\.schema\.json$/.exec(String(manifest.$schema ?? ''))?.[1];
  if (!version) return [`$schema ${JSON.stringify(manifest.$schema)} is not a Teams manifest schema URL`];
  const schemaPath = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/${version}/MicrosoftTeams.schema.json`);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** Builds and writes the zip; returns its path. */
export async function packageApp(env: Env, outDir = resolve(APP_PACKAGE_DIR, 'build')): Promise<string> {
  const manifest = fillManifest(readFileSync(resolve(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'), env);
  const errors = validateManifest(manifest);
  if (errors.length > 0) throw new Error(`appPackage/manifest.json does not match its schema:\n  - ${errors.join('\n  - ')}`);
  const zipPath = resolve(outDir, 'appPackage.zip');
  mkdirSync(dirname(zipPath), { recursive: true });
  const zip = new ZipFile();
  // A fixed timestamp keeps the zip identical for identical inputs.
  const mtime = new Date('2026-01-01T00:00:00Z');
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json', { mtime });
  for (const icon of PACKAGE_FILES.slice(1)) zip.addBuffer(readFileSync(resolve(APP_PACKAGE_DIR, icon)), icon, { mtime });
  zip.end();
  await new Promise<void>((done, fail) => {
    zip.outputStream.pipe(createWriteStream(zipPath)).on('close', done).on('error', fail);
  });
  return zipPath;
}

if (require.main === module) {
  readDotEnv(); // MicrosoftAppId usually lives in .env already; variables set in the shell win.
  packageApp(process.env).then(
    (path) => console.log(`Wrote ${path}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
