// Hover on a layer (its definition or a call of it): the guide's diagram and the arithmetic.
import * as vscode from 'vscode';
import type { AnalysisStore, DocumentView } from './analysis-store';
import type { LayerCall, TextRange } from '../analysis/types';
import { layerAt as queryLayerAt } from '../analysis/query';
import { hoverMarkdown } from '../render/explain';
import { modelHoverMarkdown } from '../render/accepted';
import type { Theme } from '../render/themes';

export class LayerHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: AnalysisStore) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const view = await this.store.viewOf(document, token);
    if (!view || token.isCancellationRequested) return undefined;
    const offset = view.offset(position);
    const model = view.analysis.models.find(
      m => view.ownsRange(m.range) && m.range.start <= offset && offset <= m.range.end,
    );
    if (model) {
      const text = modelHoverMarkdown(model);
      if (!text) return undefined;
      const markdown = new vscode.MarkdownString(text);
      markdown.isTrusted = false;
      markdown.supportHtml = false;
      return new vscode.Hover(markdown, view.range(model.range));
    }
    const found = layerAt(view, offset);
    if (!found) return undefined;
    const markdown = new vscode.MarkdownString(
      hoverMarkdown(found.layer, { theme: currentTheme(), maxImageHeight: MAX_IMAGE_HEIGHT }),
    );
    // The markdown carries user text (layer names): no command links, no HTML.
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, view.range(found.range));
  }
}

/**
 * VS Code's hover is about 250 px tall unless resized. The formulas come first; the diagram below
 * them is scaled to stay legible without taking over the screen.
 */
export const MAX_IMAGE_HEIGHT = 240;

/** The innermost layer of this document whose call or definition range holds the offset (the first call wins). */
export function layerAt(view: DocumentView, offset: number): { layer: LayerCall; range: TextRange } | undefined {
  return queryLayerAt(view.analysis, offset, range => view.ownsRange(range));
}

export function currentTheme(): Theme {
  switch (vscode.window.activeColorTheme.kind) {
    case vscode.ColorThemeKind.Dark:
      return 'dark';
    case vscode.ColorThemeKind.HighContrast:
      return 'high-contrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'high-contrast-light';
    default:
      return 'light';
  }
}
