// The CLI's name and version as reports (SARIF's tool.driver) state them: from package.json, so a
// release bumps one place. Only `version` is imported, so the bundle keeps none of the manifest.
import { version } from '../../package.json';
import type { SarifTool } from './sarif';

export const TOOL_INFO: SarifTool = { version };
