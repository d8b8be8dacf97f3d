// On each model class: `[N, 3, 32, 32] → [N, 10] · 61.7K params`, and a Summary action.
import * as vscode from 'vscode';
import type { AnalysisStore } from './analysis-store';
import type { ModelInfo } from '../analysis/types';
import { acceptsLine, impliedSizes } from '../render/accepted';
import { formatCount, formatShape } from '../render/shape-format';
import { DECLARE_INPUT_COMMAND } from './code-actions';
import { formatShapeWithin } from '../render/dim-names';
import { readSettings } from './settings';

export const SUMMARY_COMMAND = 'convshape.showSummary';
/** A lens is one line of small text above the class: each shape is kept to this, naming long sizes. */
const LENS_SHAPE_MAX_LENGTH = 40;

/** `accepts H, W = 8k, k ≥ 1`, and `input 1×28×28 implied by fc1 — Declare` (writes the comment). */
function acceptedLenses(document: vscode.TextDocument, range: vscode.Range, model: ModelInfo): vscode.CodeLens[] {
  const lenses: vscode.CodeLens[] = [];
  const accepts = acceptsLine(model);
  if (accepts && !model.implied)
    lenses.push(
      new vscode.CodeLens(range, {
        title: accepts,
        tooltip: 'The input sizes for which every layer runs',
        command: SUMMARY_COMMAND,
        arguments: [document.uri, model.name],
      }),
    );
  const sizes = impliedSizes(model);
  if (model.implied && sizes)
    lenses.push(
      new vscode.CodeLens(range, {
        title: `input ${sizes} implied by ${model.implied.layer} — Declare`,
        tooltip: `${accepts ?? ''}\nWrites the shape comment ${formatShape(model.implied.shape, 'auto', model.framework)}`,
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
      lenses.push(...acceptedLenses(document, range, model));
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
