// The accepted input sizes and the implied input, as the summary, the terminal, the hover and the
// CodeLens say them: `accepts H, W = 8k, k ≥ 1`, `input 1×28×28 implied by fc1`.
import type { ModelInfo } from '../analysis/types';
import { acceptedText } from '../engine/accepted-text';
import { isKnown } from '../engine/dim';
import { formatShape, type ShapeStyle } from './shape-format';

/** `accepts H, W = 8k, k ≥ 1`, or undefined when the sizes are not known. */
export function acceptsLine(model: ModelInfo): string | undefined {
  return model.accepted ? `accepts ${acceptedText(model.accepted)}` : undefined;
}

/** Where a long `accepts …` line may be cut: after a clause, never inside a term. */
const CLAUSE_ENDS = ['; ', ', or ', ': '];

/**
 * The line as a CodeLens title, at most about `max` characters: cut after its last whole clause
 * that fits, with `…` (the tooltip gives it whole). Several inputs' relations run long
 * (`accepts rgb and depth: ⌊H/2⌋−1 = ⌊H₂/2⌋−1 (torch.cat): H₂ = H−1 for …`).
 */
export function shortAcceptsLine(line: string, max = 90): string {
  if (line.length <= max) return line;
  const cut = Math.max(...CLAUSE_ENDS.map(end => line.lastIndexOf(end, max - 2)));
  return cut > 0 ? `${line.slice(0, cut)} …` : line;
}

/** `1×28×28`: the implied input without its batch axis (PyTorch) as the CodeLens says it. */
export function impliedSizes(model: ModelInfo): string | undefined {
  const shape = model.implied?.shape;
  if (!shape) return undefined;
  const batchless = model.framework === 'pytorch' || model.framework === 'keras' ? shape.slice(1) : shape;
  return batchless.every(isKnown) ? batchless.join('×') : formatShape(batchless, 'auto', model.framework);
}

/** `input [N, 1, 28, 28] implied by fc1`. */
export function impliedLine(model: ModelInfo, style: ShapeStyle = 'auto'): string | undefined {
  const implied = model.implied;
  return implied
    ? `input ${formatShape(implied.shape, style, model.framework)} implied by ${implied.layer}`
    : undefined;
}

/** The lines a summary ends with: what the model accepts, and the input its layers imply. */
export function acceptedLines(model: ModelInfo, style: ShapeStyle = 'auto'): string[] {
  const lines: string[] = [];
  const accepts = acceptsLine(model);
  if (accepts) lines.push(`Input sizes: ${accepts}`);
  const implied = impliedLine(model, style);
  if (implied) lines.push(`Implied: ${implied}`);
  return lines;
}

/** The hover of a model's class name: the input sizes it accepts and the input its layers imply. */
export function modelHoverMarkdown(model: ModelInfo): string | undefined {
  const accepts = acceptsLine(model);
  if (!accepts) return undefined;
  const escape = (t: string) => t.replace(/[\\`*_[\]<>|]/g, c => `\\${c}`);
  const lines = [`**${escape(model.name)}** ${escape(accepts)}`];
  const implied = impliedLine(model);
  if (implied) lines.push('', `${escape(implied)} (not assumed: declare it to see its shapes)`);
  return lines.join('\n');
}
