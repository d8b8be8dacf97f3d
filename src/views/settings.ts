// ConvShape's settings as every view reads them: VS Code's `convshape.*` configuration
// (extension/settings.ts) and the language server's initialization options (lsp/) both become
// this. No `vscode` and no language-server library here.
import type { ShapeStyle } from '../render/shape-format';
import { severityOverrides, type SeverityOverrides } from './severity-overrides';

export type HintSites = 'all' | 'definitions' | 'statements';

export interface ViewSettings {
  readonly inlayHints: boolean;
  readonly hintSites: HintSites;
  readonly shapeStyle: ShapeStyle;
  /** Per-code overrides; keys that are not catalogue codes or severities are ignored. */
  readonly severity: SeverityOverrides;
  readonly debounceMs: number;
  /** The editor cuts inlay hints longer than this (`editor.inlayHints.maximumLength`; 0: never). */
  readonly hintMaxLength: number;
  /** The editor shows images in hover markdown: the diagram is an SVG, else the text diagram. */
  readonly hoverImages: boolean;
}

export const DEFAULT_SETTINGS: ViewSettings = {
  inlayHints: true,
  hintSites: 'all',
  shapeStyle: 'auto',
  severity: { overrides: {}, ignored: [] },
  debounceMs: 250,
  hintMaxLength: 43,
  hoverImages: false,
};

const SITES: readonly string[] = ['all', 'definitions', 'statements'];
const STYLES: readonly string[] = ['auto', 'brackets', 'parens', 'times'];

/**
 * Settings from a plain object shaped like VS Code's `convshape.*` settings, nested
 * (`{"inlayHints": {"enabled": false}}`) or dotted (`{"inlayHints.enabled": false}`), optionally
 * wrapped in `{"convshape": …}`. Values of the wrong type keep their default.
 */
export function settingsFromObject(raw: unknown): ViewSettings {
  const root = record(raw);
  const c = record(root.convshape ?? root);
  const get = (path: string): unknown => {
    if (path in c) return c[path];
    let at: unknown = c;
    for (const key of path.split('.')) at = record(at)[key];
    return at;
  };
  const bool = (path: string, d: boolean) => (typeof get(path) === 'boolean' ? (get(path) as boolean) : d);
  const num = (path: string, d: number) => {
    const v = get(path);
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d;
  };
  const oneOf = <T extends string>(path: string, allowed: readonly string[], d: T): T => {
    const v = get(path);
    return typeof v === 'string' && allowed.includes(v) ? (v as T) : d;
  };
  const d = DEFAULT_SETTINGS;
  return {
    inlayHints: bool('inlayHints.enabled', d.inlayHints),
    hintSites: oneOf<HintSites>('inlayHints.sites', SITES, d.hintSites),
    shapeStyle: oneOf<ShapeStyle>('shapeFormat', STYLES, d.shapeStyle),
    severity: severityOverrides(get('diagnostics.severity') ?? {}),
    debounceMs: num('diagnostics.debounceMs', d.debounceMs),
    hintMaxLength: num('inlayHints.maximumLength', d.hintMaxLength),
    hoverImages: bool('hover.images', d.hoverImages),
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
