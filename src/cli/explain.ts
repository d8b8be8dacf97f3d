// `convshape explain [--input SHAPE] [--framework pytorch|keras] [--json] [--svg FILE] EXPR`:
// one layer constructor on one input shape — the output, the formula of each spatial axis, notes,
// parameters and MACs, and the diagram (ASCII here, SVG with --svg: the hover's renderer).
import {
  applyLayer,
  layerFrozenParams,
  dimJson,
  flatOutputs,
  layerParams,
  LARGEST_REPRESENTATIVE,
  representativeDrawing,
  type ArgValue,
  type Framework,
  type Inference,
  type LayerSpec,
  type Shape,
  type ShapeError,
} from '../engine';
import { renderLayerAscii } from '../render/ascii';
import {
  axisNames,
  costLine,
  drawnAxes,
  drawnForLabel,
  formulaLines,
  frameworkShape,
  layerTitle,
  type LayerFacts,
} from '../render/explain';
import { renderLayerSvg } from '../render/svg';
import { parseArgs, single } from './args';
import { defaultInput } from './default-input';
import { EXIT_ERROR, EXIT_OK, UsageError, type CliIo } from './io';
import { readLayerExpr } from './layer-expr';
import { parseShapeArg } from './shape-arg';

export const EXPLAIN_USAGE =
  'usage: convshape explain [--input SHAPE] [--framework pytorch|keras] [--json] [--svg FILE] EXPR';

export function explainCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { values: ['input', 'framework', 'svg'], flags: ['json', 'help'] });
  if (args.flags.has('help')) {
    io.out(
      `${EXPLAIN_USAGE}\n\n  EXPR   a layer constructor, e.g. "nn.Conv2d(3, 16, 3, stride=2, padding=1)" or "layers.Conv2D(32, 3, padding='same')"\n  SHAPE  1,3,32,32 | [N,3,32,32] | (None,28,28,1)\n`,
    );
    return EXIT_OK;
  }
  if (args.positionals.length !== 1)
    throw new UsageError(
      args.positionals.length === 0
        ? 'missing EXPR'
        : `expected one EXPR, got ${args.positionals.length} (quote the expression)`,
    );
  const frameworkArg = single(args, 'framework');
  if (frameworkArg !== undefined && frameworkArg !== 'pytorch' && frameworkArg !== 'keras')
    throw new UsageError(`--framework must be pytorch or keras, not '${frameworkArg}'`);

  const expr = readLayerExpr(args.positionals[0], frameworkArg as Framework | undefined);
  const json = args.flags.has('json');
  if (!expr.bound.ok)
    return reportError(io, json, { kind: expr.name, framework: expr.framework, input: undefined }, expr.bound.error);
  const spec = expr.bound.spec;

  const inputArg = single(args, 'input');
  let input: Shape;
  let defaulted = false;
  if (inputArg !== undefined) {
    const parsed = parseShapeArg(inputArg);
    if (!parsed.ok) throw new UsageError(parsed.problem);
    input = parsed.shape;
  } else {
    const guess = defaultInput(spec);
    if (!guess) throw new UsageError(`no default input for ${spec.kind}; pass --input SHAPE`);
    input = guess;
    defaulted = true;
  }

  const inference = applyLayer(spec, ...explainedCall(spec, input));
  if (!inference.ok)
    return reportError(io, json, { kind: spec.kind, framework: spec.framework, input }, inference.error);
  const facts = factsOf(spec, input, inference);

  const svgPath = single(args, 'svg');
  let svgWritten = false;
  if (svgPath !== undefined) {
    const svg = renderLayerSvg({ kind: spec.kind, name: spec.name, axes: drawnAxes(facts) });
    if (svg) {
      io.writeFile(svgPath, svg);
      svgWritten = true;
      if (facts.drawnFor && json) io.err(`convshape: ${drawnForLabel(facts.drawnFor)}\n`);
    } else
      io.err(
        `convshape: no diagram to write for ${spec.kind} on ${frameworkShape(input, spec.framework)} (sizes must be known numbers)\n`,
      );
  }

  io.out(
    json
      ? JSON.stringify(explainJson(spec, input, inference, facts)) + '\n'
      : explainText(facts, defaulted, svgWritten ? svgPath : undefined),
  );
  return EXIT_OK;
}

function factsOf(spec: LayerSpec, input: Shape, inference: Extract<Inference, { ok: true }>): LayerFacts {
  const call = explainedCall(spec, input);
  // Keras' Param # counts the weights it creates non-trainable too (BatchNormalization's statistics).
  const trainable = layerParams(spec, input, call[0].length > 1 ? call[0] : undefined);
  const frozen = spec.framework === 'keras' ? layerFrozenParams(spec, input) : 0;
  const params = trainable === undefined || frozen === undefined ? undefined : trainable + frozen;
  const drawnFor = representativeDrawing(spec, input, inference.axes);
  return {
    kind: spec.kind,
    ...(spec.name ? { name: spec.name } : {}),
    framework: spec.framework,
    inputs: [input],
    output: inference.output,
    ...(inference.tuple ? { tuple: inference.tuple } : {}),
    ...(inference.axes ? { axes: inference.axes } : {}),
    ...(inference.notes ? { notes: inference.notes } : {}),
    ...(params !== undefined ? { params } : {}),
    ...(inference.macs !== undefined ? { macs: inference.macs } : {}),
    ...(drawnFor ? { drawnFor } : {}),
  };
}

/** The text report: title, formulas, notes, cost, ASCII diagram. */
export function explainText(facts: LayerFacts, defaulted: boolean, svgPath?: string): string {
  const lines = [layerTitle(facts)];
  if (defaulted) lines.push(`(no --input given: assumed ${frameworkShape(facts.inputs[0] ?? null, facts.framework)})`);
  const formulas = facts.axes ? formulaLines(facts.axes) : [];
  if (formulas.length) lines.push('', ...formulas);
  if (facts.notes?.length) lines.push('', 'notes:', ...facts.notes.map(n => `  - ${n}`));
  const cost = costLine(facts);
  if (cost) lines.push('', cost);
  if (facts.axes?.length) {
    const diagram = renderLayerAscii({ kind: facts.kind, axes: drawnAxes(facts) });
    if (diagram && facts.drawnFor) lines.push('', drawnForLabel(facts.drawnFor));
    lines.push(
      '',
      ...(diagram ?? [
        `(no diagram: the spatial sizes are symbolic and no size up to ${LARGEST_REPRESENTATIVE} gives this layer a picture; pass --input with numbers)`,
      ]),
    );
  }
  if (svgPath) lines.push('', `diagram written to ${svgPath}`);
  return lines.join('\n') + '\n';
}

/** docs/json-contract.md: `output`, `input`, `layer`, `formula`, `params` (extended, never broken). */
function explainJson(
  spec: LayerSpec,
  input: Shape,
  inference: Extract<Inference, { ok: true }>,
  facts: LayerFacts,
): object {
  const names = axisNames(inference.axes?.length ?? 0);
  return {
    layer: spec.kind,
    framework: spec.framework,
    ...(spec.name ? { name: spec.name } : {}),
    input: input.map(dimJson),
    output: inference.output ? inference.output.map(dimJson) : null,
    // A tuple-returning layer: every tensor by name, in order (`output` above is the first).
    ...(inference.tuple
      ? {
          outputs: flatOutputs(inference.tuple).map(o => ({
            name: o.name,
            shape: o.shape ? o.shape.map(dimJson) : null,
          })),
        }
      : {}),
    formula: (inference.axes ?? []).map((a, j) => ({
      axis: names[j],
      formula: a.formula,
      relationship: a.relationship,
    })),
    params: facts.params ?? null,
    macs: facts.macs ?? null,
    notes: inference.notes ?? [],
  };
}

/** The framework would raise: the error on stderr (or as JSON), exit status 1. */
function reportError(
  io: CliIo,
  json: boolean,
  where: { kind: string; framework: Framework; input?: Shape },
  error: ShapeError,
): number {
  if (json) {
    io.out(
      JSON.stringify({
        layer: where.kind,
        framework: where.framework,
        ...(where.input ? { input: where.input.map(dimJson) } : {}),
        error: { code: error.code, message: error.message },
      }) + '\n',
    );
  } else {
    const on = where.input ? ` on ${frameworkShape(where.input, where.framework)}` : '';
    io.err(`${where.kind}${on}: error: ${error.message} [${error.code}]\n`);
  }
  return EXIT_ERROR;
}

/**
 * The call `explain` shows for a layer of several inputs: attention on itself (query, key and value
 * one tensor), a decoder reading a memory like its target. Other layers take the one input.
 */
function explainedCall(spec: LayerSpec, input: Shape): [Shape[], Record<string, ArgValue>?] {
  if (spec.kind === 'MultiheadAttention') return [[input, input, input], { same_tensors: 'qkv' }];
  if (/^Transformer(Decoder(Layer)?)?$/.test(spec.kind)) return [[input, input]];
  // Keras: one tensor given to an attention layer is self-attention, the query also its value.
  if (spec.kind === 'MultiHeadAttention') return [[input, input]];
  return [[input]];
}
