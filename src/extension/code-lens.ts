// On each model class: `[N, 3, 32, 32] → [N, 10] · 61.7K params`, and a Summary action.
import * as vscode from 'vscode';
import type { AnalysisStore } from './analysis-store';
import { formatCount } from '../render/shape-format';
import { formatShapeWithin } from '../render/dim-names';
import { readSettings } from './settings';
import { OPEN_EXPLORER_COMMAND } from './explorer-panel';

export const SUMMARY_COMMAND = 'convshape.showSummary';
/** A lens is one line of small text above the class: each shape is kept to this, naming long sizes. */
const LENS_SHAPE_MAX_LENGTH = 40;

export class ModelCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly store: AnalysisStore) {}

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const view = await this.store.viewOf(document, token);
    if (!view || token.isCancellationRequested) return [];
    const style = readSettings(document).shapeStyle;
    const lenses: vscode.CodeLens[] = [];
    for (const model of view.analysis.models) {
      if (!view.ownsRange(model.range)) continue;
      const range = view.range(model.range);
      const shapes = [...model.inputs, model.output].map(s =>
        formatShapeWithin(s, LENS_SHAPE_MAX_LENGTH, style, model.framework),
      );
      const input = shapes
        .slice(0, -1)
        .map(s => s.text)
        .join(', ');
      const output = shapes[shapes.length - 1].text;
      const legend = [...new Set(shapes.flatMap(s => s.legend))];
      const params = model.params === undefined ? '' : ` · ${formatCount(model.params)} params`;
      lenses.push(
        new vscode.CodeLens(range, {
          title: `${input} → ${output}${params}`,
          tooltip: legend.length ? legend.join('\n') : undefined,
          command: SUMMARY_COMMAND,
          arguments: [document.uri, model.name],
        }),
      );
      lenses.push(
        new vscode.CodeLens(range, {
          title: 'Summary',
          command: SUMMARY_COMMAND,
          arguments: [document.uri, model.name],
        }),
      );
    }
    // On each convolution, pooling and transposed convolution: open it in the explorer.
    const seen = new Set<number>();
    for (const layer of view.analysis.layers) {
      const d = layer.definition;
      if (!d || !layer.axes?.length || !view.ownsRange(d) || seen.has(d.start)) continue;
      seen.add(d.start);
      lenses.push(
        new vscode.CodeLens(view.range(d), {
          title: `Explore ${layer.kind}`,
          tooltip: 'Open in the ConvShape Explorer: animate the kernel, try other arguments',
          command: OPEN_EXPLORER_COMMAND,
          arguments: [document.uri.toString(), d.start],
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
