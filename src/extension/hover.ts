// Hover on a layer (its definition or a call of it): the guide's diagram and the arithmetic.
import * as vscode from 'vscode';
import type { AnalysisStore, DocumentView } from './analysis-store';
import type { LayerCall, TextRange } from '../analysis/types';
import { hoverMarkdown } from '../render/explain';
import type { Theme } from '../render/themes';

export class LayerHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: AnalysisStore) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const view = await this.store.viewOf(document, token);
    if (!view || token.isCancellationRequested) return undefined;
    const found = layerAt(view, view.offset(position));
    if (!found) return undefined;
    const markdown = new vscode.MarkdownString(fitImages(hoverMarkdown(found.layer, { theme: currentTheme() }), MAX_IMAGE_HEIGHT));
    // The markdown carries user text (layer names): no command links, no HTML.
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, view.range(found.range));
  }
}

/**
 * VS Code's hover is about 250 px tall unless resized: a diagram drawn at its natural size would
 * push the formula out of sight. Scale each tall SVG to `maxHeight`, keeping its aspect ratio, with
 * the `|width=…,height=…` suffix VS Code's markdown renderer reads from an image link.
 */
export const MAX_IMAGE_HEIGHT = 160;

export function fitImages(markdown: string, maxHeight: number): string {
  return markdown.replace(/\]\((data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+))\)/g, (whole, uri: string, payload: string) => {
    const size = svgSize(latin1OfBase64(payload.slice(0, 400)));
    if (!size || size.height <= maxHeight) return whole;
    const width = Math.round((size.width * maxHeight) / size.height);
    return `](${uri}|width=${width},height=${maxHeight})`;
  });
}

/** The `width`/`height` attributes of an `<svg …>` opening tag. */
function svgSize(head: string): { width: number; height: number } | undefined {
  const tag = /<svg\b[^>]*>/.exec(head)?.[0];
  const width = tag && /\swidth="(\d+(?:\.\d+)?)"/.exec(tag)?.[1];
  const height = tag && /\sheight="(\d+(?:\.\d+)?)"/.exec(tag)?.[1];
  return width && height ? { width: Number(width), height: Number(height) } : undefined;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes base64 to one character per byte (enough to read an ASCII SVG header; no Buffer on the web). */
function latin1OfBase64(text: string): string {
  let out = '';
  for (let i = 0; i + 3 < text.length; i += 4) {
    const n = [0, 1, 2, 3].reduce((acc, k) => (acc << 6) | Math.max(0, BASE64.indexOf(text[i + k])), 0);
    out += String.fromCharCode((n >> 16) & 255, (n >> 8) & 255, n & 255);
  }
  return out;
}

/** The innermost layer whose call or definition range holds the offset (the first call wins). */
export function layerAt(view: DocumentView, offset: number): { layer: LayerCall; range: TextRange } | undefined {
  let best: { layer: LayerCall; range: TextRange } | undefined;
  for (const layer of view.analysis.layers) {
    for (const range of [layer.call, layer.definition]) {
      if (!range || offset < range.start || offset > range.end || !view.ownsRange(range)) continue;
      if (!best || range.end - range.start < best.range.end - best.range.start) best = { layer, range };
    }
  }
  return best;
}

export function currentTheme(): Theme {
  switch (vscode.window.activeColorTheme.kind) {
    case vscode.ColorThemeKind.Dark: return 'dark';
    case vscode.ColorThemeKind.HighContrast: return 'high-contrast';
    case vscode.ColorThemeKind.HighContrastLight: return 'high-contrast-light';
    default: return 'light';
  }
}
