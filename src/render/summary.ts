// A torchinfo-like table of one model: layer, output shape, parameters, MACs. Markdown for the
// editor's Summary view, plain text for the terminal; both from the same rows.
import type { Analysis, ModelInfo } from '../analysis/types';
import { acceptedLines } from './accepted';
import { stagesOf } from './stages';
import { formatCount, formatShape, type ShapeStyle } from './shape-format';

export interface SummaryRow {
  readonly layer: string;
  readonly output: string;
  readonly params: string;
  readonly macs: string;
}

/** 1234567 → "1,234,567" (as toLocaleString('en-US'), without loading ICU's locale data: ~30 ms
 *  of a `convshape check` process). */
export function withCommas(n: number): string {
  if (!Number.isInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  return (n < 0 ? '-' : '') + digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

export function summaryRows(analysis: Analysis, model: ModelInfo, style: ShapeStyle = 'auto'): SummaryRow[] {
  return stagesOf(
    model.layers.map(i => analysis.layers[i]),
    model.params,
    model.heldParams,
  ).map(s => ({
    layer: `${s.name} (${s.kind})`,
    output: formatShape(s.last.output, style, s.last.framework),
    params: s.params === undefined ? '' : withCommas(s.params),
    macs: s.macs === undefined ? '' : formatCount(s.macs),
  }));
}

function totals(model: ModelInfo, style: ShapeStyle): string[] {
  const lines = [
    `Input: ${model.inputs.map(s => formatShape(s, style, model.framework)).join(', ')}`,
    `Output: ${formatShape(model.output, style, model.framework)}`,
  ];
  if (model.params !== undefined) lines.push(`Total params: ${withCommas(model.params)}`);
  // Keras' model.summary() splits the total.
  if (model.trainableParams !== undefined) lines.push(`Trainable params: ${withCommas(model.trainableParams)}`);
  if (model.nonTrainableParams !== undefined)
    lines.push(`Non-trainable params: ${withCommas(model.nonTrainableParams)}`);
  if (model.macs !== undefined) lines.push(`Total MACs: ${formatCount(model.macs)}`);
  lines.push(...acceptedLines(model, style));
  return lines;
}

const escapeCell = (s: string) => s.replace(/[\\`*_[\]<>|]/g, c => `\\${c}`);

export function summaryMarkdown(analysis: Analysis, model: ModelInfo, style: ShapeStyle = 'auto'): string {
  const rows = summaryRows(analysis, model, style);
  const out = [`# ${escapeCell(model.name)}`, '', '| Layer | Output shape | Param # | MACs |', '|---|---|--:|--:|'];
  for (const r of rows) out.push(`| ${escapeCell(r.layer)} | ${escapeCell(r.output)} | ${r.params} | ${r.macs} |`);
  out.push('', ...totals(model, style).map(l => `${escapeCell(l)}  `));
  return out.join('\n') + '\n';
}

/** Fixed-width columns for a terminal. */
export function summaryText(analysis: Analysis, model: ModelInfo, style: ShapeStyle = 'auto'): string {
  const header: SummaryRow = { layer: 'Layer', output: 'Output shape', params: 'Param #', macs: 'MACs' };
  const rows = [header, ...summaryRows(analysis, model, style)];
  const w = (k: keyof SummaryRow) => Math.max(...rows.map(r => r[k].length));
  const widths = { layer: w('layer'), output: w('output'), params: w('params'), macs: w('macs') };
  const line = (r: SummaryRow) =>
    `  ${r.layer.padEnd(widths.layer)}  ${r.output.padEnd(widths.output)}  ${r.params.padStart(widths.params)}  ${r.macs.padStart(widths.macs)}`.trimEnd();
  const rule = '  ' + '─'.repeat(widths.layer + widths.output + widths.params + widths.macs + 6);
  return (
    [line(header), rule, ...rows.slice(1).map(line), rule, ...totals(model, style).map(l => `  ${l}`)].join('\n') + '\n'
  );
}
