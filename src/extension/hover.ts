// Hover on a layer (its definition or a call of it): the guide's diagram and the arithmetic.
import * as vscode from 'vscode';
import type { AnalysisStore, DocumentView } from './analysis-store';
import type { LayerCall, TextRange } from '../analysis/types';
import { layerAt as queryLayerAt } from '../analysis/query';
import { importedMarkdown } from '../render/explain';
import { modelHoverMarkdown } from '../render/accepted';
import type { Theme } from '../render/themes';
import { backboneHover } from '../views/backbone-hover';
import { layerHover } from '../views/hover';
import { OPEN_EXPLORER_COMMAND } from './explorer-panel';

/** `[Open in Explorer](command:…)`: the document and the analysed offset of the layer. */
export function explorerLink(uri: vscode.Uri, offset: number): string {
  const args = encodeURIComponent(JSON.stringify([uri.toString(), offset]));
  return `[$(play) Open in Explorer](command:${OPEN_EXPLORER_COMMAND}?${args} "Animate this layer and try its arguments")`;
}

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
      const text = backboneHover(view, offset, model.name) ?? modelHoverMarkdown(model);
      if (!text) return undefined;
      const markdown = new vscode.MarkdownString(text);
      markdown.isTrusted = false;
      markdown.supportHtml = false;
      return new vscode.Hover(markdown, view.range(model.range));
    }
    const found = layerHover(view, offset, {
      theme: currentTheme(),
      maxImageHeight: MAX_IMAGE_HEIGHT,
      images: true,
    });
    if (!found) return backboneAt(view, document, position, offset) ?? importedHover(view, document, position);
    let text = found.markdown;
    const explorable = !!found.layer.axes?.length && !!found.layer.definition && view.ownsRange(found.layer.definition);
    if (explorable) text += `\n\n${explorerLink(document.uri, found.range.start)}`;
    const markdown = new vscode.MarkdownString(text);
    // The markdown carries user text (layer names, escaped): the one command it may run is the
    // explorer's, with arguments we wrote; no HTML.
    markdown.isTrusted = { enabledCommands: [OPEN_EXPLORER_COMMAND] };
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, view.range(found.range));
  }
}

/** On a variable or attribute holding a library backbone (`m(x)`, `self.backbone(x)`): its stages. */
function backboneAt(
  view: DocumentView,
  document: vscode.TextDocument,
  position: vscode.Position,
  offset: number,
): vscode.Hover | undefined {
  const word = document.getWordRangeAtPosition(position, /[A-Za-z_]\w*/);
  const text = word && backboneHover(view, offset, document.getText(word));
  if (!text || !word) return undefined;
  const markdown = new vscode.MarkdownString(text);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return new vscode.Hover(markdown, word);
}

/** On a name imported from another project file (`Bottleneck`): where it came from. */
function importedHover(
  view: DocumentView,
  document: vscode.TextDocument,
  position: vscode.Position,
): vscode.Hover | undefined {
  const word = document.getWordRangeAtPosition(position, /[A-Za-z_]\w*/);
  const name = word && document.getText(word);
  const imported = name ? view.analysis.imported?.find(i => i.name === name) : undefined;
  if (!imported || !word) return undefined;
  const markdown = new vscode.MarkdownString(importedMarkdown(imported));
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return new vscode.Hover(markdown, word);
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
