// On each model class: `[N, 3, 32, 32] → [N, 10] · 61.7K params`, and a Summary action.
import * as vscode from 'vscode';
import type { AnalysisStore } from './analysis-store';
import type { ModelInfo } from '../analysis/types';
import { acceptsLine, impliedSizes, shortAcceptsLine } from '../render/accepted';
import { formatShape } from '../render/shape-format';
import { DECLARE_INPUT_COMMAND } from './code-actions';
import { readSettings } from './settings';
import { OPEN_EXPLORER_COMMAND } from './explorer-panel';
import { modelLenses } from '../views/lenses';

export const SUMMARY_COMMAND = 'convshape.showSummary';

/** `accepts H, W = 8k, k ≥ 1`, and `input 1×28×28 implied by fc1 — Declare` (writes the comment). */
function acceptedLenses(document: vscode.TextDocument, range: vscode.Range, model: ModelInfo): vscode.CodeLens[] {
  const lenses: vscode.CodeLens[] = [];
  const accepts = acceptsLine(model);
  if (accepts && !model.implied)
    lenses.push(
      new vscode.CodeLens(range, {
        title: shortAcceptsLine(accepts),
        tooltip: `The input sizes for which every layer runs: ${accepts}`,
        command: SUMMARY_COMMAND,
        arguments: [document.uri, model.name],
      }),
    );
  const sizes = impliedSizes(model);
  if (model.implied && sizes)
    lenses.push(
      new vscode.CodeLens(range, {
        title: `input ${sizes} implied by ${model.implied.layer} — Declare`,
        tooltip: model.implied.declaration
          ? `${accepts ?? ''}\nWrites the input's shape ${model.implied.declaration.newText}`
          : `${accepts ?? ''}\nWrites the shape comment ${formatShape(model.implied.shape, 'auto', model.framework)}`,
        command: DECLARE_INPUT_COMMAND,
        arguments: [document.uri, model.name, formatShape(model.implied.shape, 'auto', model.framework)],
      }),
    );
  return lenses;
}

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
    for (const { model, title, tooltip } of modelLenses(view, style)) {
      const range = view.range(model.range);
      lenses.push(
        new vscode.CodeLens(range, {
          title,
          tooltip,
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
      lenses.push(...acceptedLenses(document, range, model));
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
