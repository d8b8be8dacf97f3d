// The user's settings under `convshape.*`, read fresh on each use (VS Code caches them).
import * as vscode from 'vscode';
import type { DiagnosticCode } from '../engine/types';
import type { Severity } from '../analysis/types';
import type { ShapeStyle } from '../render/shape-format';

export type HintSites = 'all' | 'definitions' | 'statements';
export type SeverityOverride = Severity | 'off';

export interface Settings {
  readonly inlayHints: boolean;
  readonly hintSites: HintSites;
  readonly shapeStyle: ShapeStyle;
  readonly severity: Readonly<Partial<Record<DiagnosticCode, SeverityOverride>>>;
  readonly debounceMs: number;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('convshape', scope);
  return {
    inlayHints: c.get<boolean>('inlayHints.enabled', true),
    hintSites: c.get<HintSites>('inlayHints.sites', 'all'),
    shapeStyle: c.get<ShapeStyle>('shapeFormat', 'auto'),
    severity: c.get<Record<string, SeverityOverride>>('diagnostics.severity', {}),
    debounceMs: c.get<number>('diagnostics.debounceMs', 250),
  };
}
