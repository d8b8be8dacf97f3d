// The user's settings under `convshape.*`, read fresh on each use (VS Code caches them).
import * as vscode from 'vscode';
import { type SeverityOverrides, severityOverrides } from './severity-overrides';
import type { ShapeStyle } from '../render/shape-format';

export type HintSites = 'all' | 'definitions' | 'statements';
export type { SeverityOverride } from './severity-overrides';

export interface Settings {
  readonly inlayHints: boolean;
  readonly hintSites: HintSites;
  readonly shapeStyle: ShapeStyle;
  /** Per-code overrides; keys that are not catalogue codes or severities are ignored. */
  readonly severity: SeverityOverrides;
  readonly debounceMs: number;
  /** The editor cuts inlay hints longer than this (`editor.inlayHints.maximumLength`; 0: never). */
  readonly hintMaxLength: number;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('convshape', scope);
  return {
    inlayHints: c.get<boolean>('inlayHints.enabled', true),
    hintSites: c.get<HintSites>('inlayHints.sites', 'all'),
    shapeStyle: c.get<ShapeStyle>('shapeFormat', 'auto'),
    severity: severityOverrides(c.get<unknown>('diagnostics.severity', {})),
    debounceMs: c.get<number>('diagnostics.debounceMs', 250),
    hintMaxLength: vscode.workspace.getConfiguration('editor', scope).get<number>('inlayHints.maximumLength', 43),
  };
}
