// The user's settings under `convshape.*`, read fresh on each use (VS Code caches them).
import * as vscode from 'vscode';
import { severityOverrides } from '../views/severity-overrides';
import type { HintSites, ViewSettings } from '../views/settings';
import type { ShapeStyle } from '../render/shape-format';

export type { HintSites } from '../views/settings';
export type { SeverityOverride } from '../views/severity-overrides';
export type Settings = ViewSettings;

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('convshape', scope);
  return {
    inlayHints: c.get<boolean>('inlayHints.enabled', true),
    hintSites: c.get<HintSites>('inlayHints.sites', 'all'),
    shapeStyle: c.get<ShapeStyle>('shapeFormat', 'auto'),
    severity: severityOverrides(c.get<unknown>('diagnostics.severity', {})),
    debounceMs: c.get<number>('diagnostics.debounceMs', 250),
    hintMaxLength: vscode.workspace.getConfiguration('editor', scope).get<number>('inlayHints.maximumLength', 43),
    // VS Code's hover shows the SVG diagram.
    hoverImages: true,
  };
}
