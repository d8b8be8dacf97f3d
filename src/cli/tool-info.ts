// The CLI's version as reports (SARIF's tool.driver) state it: read from the package's own
// package.json, found upwards from this file (dist/cli.js when bundled, out/src/cli/ under tsc).
// Not imported: tsc would then copy package.json into out/ and the bundle would carry it.
import * as fs from 'fs';
import * as path from 'path';
import type { SarifTool } from './sarif';

const PACKAGE_NAME = 'convshape';

/** The version of the nearest package.json named convshape above `dir`; undefined if none. */
export function packageVersion(dir: string = __dirname): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const version = versionIn(path.join(d, 'package.json'));
    if (version !== undefined) return version;
    if (path.dirname(d) === d) return undefined;
  }
}

function versionIn(file: string): string | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    return manifest.name === PACKAGE_NAME && typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined; // no package.json here, or not JSON: look further up
  }
}

/** What a report says about the tool; the version is left out when it cannot be found. */
export function toolInfo(): SarifTool {
  const version = packageVersion();
  return version === undefined ? {} : { version };
}
