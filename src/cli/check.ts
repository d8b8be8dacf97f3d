// `convshape check [--format F] [--input [NAME=]SHAPE[, SHAPE]...]... PATH...`: analyses Python files and
// notebooks like a compiler: `file:line:col: severity: message [code]`, each model's layer table,
// exit status 1 when an error was found. `--json` (`--format json`) is the Analysis serialised per
// docs/json-contract.md; `--format sarif` a SARIF 2.1.0 log, `--format github` workflow annotations.
// `--debug` also prints internal errors (bugs the analysis survived) to stderr.
import * as fs from 'fs';
import * as path from 'path';
import { dimJson, type Shape } from '../engine';
import { acceptedText, squareSets } from '../engine/accepted-text';
import {
  analyzeNotebook,
  analyzeParsed,
  analyzeText,
  TextIndex,
  type Analysis,
  type AnalyzeOptions,
  type LayerCall,
  type ModelInfo,
} from '../analysis';
import { formatCount, formatShape } from '../render/shape-format';
import { summaryText } from '../render/summary';
import { parseArgs, single } from './args';
import { DebugReport } from './debug';
import { githubAnnotations } from './github-annotations';
import { EXIT_ERROR, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io';
import type { CheckedFile, LocatedDiagnostic } from './located';
import { sarifLog } from './sarif';
import { CliProject } from './project-files';
import { parseInputArgs } from './input-arg';
import { toolInfo } from './tool-info';

export const CHECK_USAGE =
  'usage: convshape check [--format text|json|sarif|github] [--json] [--debug] [--root DIR] [--input [NAME=]SHAPE[, SHAPE]...]... PATH...';

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', 'site-packages', 'venv', '.venv', 'env']);

/** A checked source: its text and, for notebooks, where each analysed cell starts. */
interface Source {
  readonly path: string;
  readonly analysis: Analysis;
  /** Maps an offset of the analysed text to a 1-based line/column (and notebook cell). */
  readonly locate: (offset: number) => { line: number; column: number; cell?: number };
}

/**
 * `full`: analyse as the editor does (drawings, shared shapes, untried fixes tried) instead of the
 * lean analysis of what `check` prints; the output is the same (a test holds them equal). `--debug`
 * analyses in full too: it reports internal errors, tried fixes' analyses included.
 */
export async function checkCommand(argv: readonly string[], io: CliIo, full = false): Promise<number> {
  const args = parseArgs(argv, {
    values: ['input', 'format', 'root'],
    flags: ['json', 'help', 'debug'],
    repeatable: ['input'],
  });
  if (args.flags.has('help')) {
    io.out(
      `${CHECK_USAGE}\n\n  PATH    .py files, .ipynb notebooks, or folders (searched recursively)\n  SHAPE   1,3,32,32 | [N,3,32,32] | (None,28,28,1) | 1x3x32x32; several: [1,3,32,32], [1,10] (by position)\n  NAME=   a model (class, builder function, variable), or a forward argument of every model (t=[1,10]); MODEL.ARG= one model's argument\n  --root   the project root imports resolve from (default: the nearest folder with pyproject.toml, setup.py, setup.cfg or .git)\n  --format text (default) | json (same as --json) | sarif (SARIF 2.1.0) | github (Actions annotations)\n  exit    0 no error found, 1 an error found, 2 usage error\n`,
    );
    return EXIT_OK;
  }
  const format = chosenFormat(single(args, 'format'), args.flags.has('json'));
  if (args.positionals.length === 0) throw new UsageError('missing PATH');
  const lean = !full && !args.flags.has('debug');
  const options: AnalyzeOptions = { inputs: parseInputArgs(args.values.input ?? []), ...(lean ? { lean } : {}) };
  const root = single(args, 'root');
  if (root !== undefined && !(fs.existsSync(root) && fs.statSync(root).isDirectory()))
    throw new UsageError(`--root ${root}: not a folder`);
  const project = new CliProject(root);

  const files: string[] = [];
  for (const p of args.positionals) {
    if (!fs.existsSync(p)) throw new UsageError(`no such file or folder: ${p}`);
    collect(p, files, true, io);
  }

  const sources: Source[] = [];
  const debug = args.flags.has('debug') ? new DebugReport(io) : undefined;
  for (const file of files) {
    const source = readSource(file, { ...options, project: project.optionsFor(file) }, io, project);
    if (source) sources.push(source);
    debug?.afterFile(file);
  }
  debug?.finish();
  sayReplacedInputs(sources, io);
  const hasError = sources.some(s => s.analysis.diagnostics.some(d => d.severity === 'error'));
  io.out(formatted(format, sources));
  if (sources.length === 0 && files.length > 0) return EXIT_USAGE;
  return hasError ? EXIT_ERROR : EXIT_OK;
}

/**
 * Keras models whose declared input `--input` replaced: a note on stderr each. A shape whose rank
 * differs from the declared input's is not applied: for a model named (`--input model=...`) a
 * usage error, before anything is printed; for every model's `--input SHAPE`, a note.
 */
function sayReplacedInputs(sources: readonly Source[], io: CliIo): void {
  const refused: string[] = [];
  for (const source of sources)
    for (const r of source.analysis.replacedInputs ?? []) {
      const given = formatShape(r.given, 'auto', 'keras');
      const place = where(source, r.range.start);
      if (r.refused && r.byName) refused.push(`--input ${given} not applied to ${r.model} (${place}): ${r.refused}`);
      else if (r.refused) io.err(`${place}: note: --input ${given} not applied to ${r.model}: ${r.refused}\n`);
      else
        io.err(
          `${place}: note: --input ${given} replaces the input ${r.model} declares, ${formatShape(r.declared, 'auto', 'keras')}\n`,
        );
    }
  if (refused.length) throw new UsageError(refused.join('\n'));
}

/** `--format`, with `--json` as its old spelling; the two may agree but not conflict. */
function chosenFormat(value: string | undefined, json: boolean): Format {
  if (value !== undefined && !(FORMATS as readonly string[]).includes(value))
    throw new UsageError(`--format ${value}: expected one of ${FORMATS.join(', ')}`);
  const format = value as Format | undefined;
  if (json && format !== undefined && format !== 'json')
    throw new UsageError(`--json and --format ${format} contradict each other`);
  return json ? 'json' : (format ?? 'text');
}

function formatted(format: Format, sources: readonly Source[]): string {
  const checked = (): CheckedFile[] => sources.map(s => ({ path: s.path, diagnostics: locatedDiagnostics(s) }));
  switch (format) {
    case 'json':
      return JSON.stringify({ files: sources.map(sourceJson) }, null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(sarifLog(checked(), toolInfo(), process.cwd()), null, 2) + '\n';
    case 'github':
      return githubAnnotations(checked(), process.cwd());
    case 'text':
      return sources.map(sourceText).join('');
  }
}

function collect(p: string, into: string[], explicit: boolean, io: CliIo): void {
  const stat = fs.statSync(p);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) {
      if (name.startsWith('.') || SKIPPED_DIRS.has(name)) continue;
      const child = path.join(p, name);
      const childStat = fs.statSync(child);
      if (childStat.isDirectory() || /\.(py|ipynb)$/.test(name)) collect(child, into, false, io);
    }
  } else if (/\.(py|ipynb)$/.test(p)) {
    into.push(p);
  } else if (explicit) {
    io.err(`${p}: skipped: not a Python file or notebook\n`);
  }
}

function readSource(file: string, options: AnalyzeOptions, io: CliIo, project: CliProject): Source | undefined {
  let raw: string;
  try {
    // A .py file of the project through the shared reader: a module it is imported as reads the same text.
    raw = (file.endsWith('.py') ? project.textOf(file) : undefined) ?? fs.readFileSync(file, 'utf8');
  } catch (e) {
    io.err(`${file}: skipped: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
    return undefined;
  }
  if (raw.includes('\u0000')) {
    io.err(`${file}: skipped: not a text file\n`);
    return undefined;
  }
  if (!file.endsWith('.ipynb')) {
    const project = options.project;
    const analysis = project?.modules
      ? analyzeParsed(project.modules.parse(project.path, raw), options)
      : analyzeText(raw, options);
    const lines = new TextIndex(raw);
    return { path: file, analysis, locate: offset => oneBasedAt(lines, offset) };
  }
  const cells = notebookCodeCells(raw);
  if (!cells) {
    io.err(`${file}: skipped: not a valid notebook (JSON with a "cells" list)\n`);
    return undefined;
  }
  const analysis = analyzeNotebook(
    cells.map(c => c.text),
    options,
  );
  const starts = analysis.cells ?? [];
  const cellLines = cells.map(c => new TextIndex(c.text));
  const noLines = new TextIndex('');
  return {
    path: file,
    analysis,
    locate: offset => {
      let i = starts.length - 1;
      while (i > 0 && starts[i] > offset) i--;
      const cell = cells[i];
      return { ...oneBasedAt(cellLines[i] ?? noLines, offset - (starts[i] ?? 0)), cell: (cell?.index ?? 0) + 1 };
    },
  };
}

/** 1-based line/column of an offset, from the text's line index (built once per text: a JSON
 *  report locates every layer). */
function oneBasedAt(lines: TextIndex, offset: number): { line: number; column: number } {
  const lc = lines.position(offset);
  return { line: lc.line + 1, column: lc.column + 1 };
}

/** The code cells of an .ipynb, with their index among all cells; undefined if it is not one. */
export function notebookCodeCells(raw: string): { index: number; text: string }[] | undefined {
  try {
    const nb = JSON.parse(raw) as { cells?: { cell_type?: string; source?: string | string[] }[] };
    if (!Array.isArray(nb.cells)) return undefined;
    return nb.cells.flatMap((c, index) =>
      c.cell_type === 'code' ? [{ index, text: Array.isArray(c.source) ? c.source.join('') : (c.source ?? '') }] : [],
    );
  } catch {
    return undefined; // the user's file is not JSON: not a notebook (no bug to report)
  }
}

// ---- text ----

function where(source: Source, offset: number): string {
  const at = source.locate(offset);
  return `${source.path}:${at.cell !== undefined ? `cell ${at.cell}:` : ''}${at.line}:${at.column}`;
}

function sourceText(source: Source): string {
  const { analysis } = source;
  const out: string[] = [];
  for (const d of analysis.diagnostics)
    out.push(`${where(source, d.range.start)}: ${d.severity}: ${d.message} [${d.code}]`);
  for (const model of analysis.models) {
    const io = `${model.inputs.map(s => formatShape(s, 'auto', model.framework)).join(', ')} → ${formatShape(model.output, 'auto', model.framework)}`;
    const params = model.params === undefined ? '' : ` · ${formatCount(model.params)} params`;
    out.push(`${where(source, model.range.start)}: model ${model.name} (${model.framework})  ${io}${params}`);
    if (model.layers.length) out.push(summaryText(analysis, model).trimEnd());
  }
  return out.length ? out.join('\n') + '\n\n' : '';
}

// ---- JSON (docs/json-contract.md: extend, never break) ----

const shapeJson = (s: Shape | null | undefined) => (s ? s.map(dimJson) : null);
/** One input: its shape; several: a list of shapes. */
const inputsJson = (inputs: readonly (Shape | null)[]) =>
  inputs.length === 1 ? shapeJson(inputs[0]) : inputs.map(shapeJson);

function sourceJson(source: Source) {
  const { analysis } = source;
  return {
    path: source.path,
    models: analysis.models.map(m => modelJson(source, m)),
    diagnostics: locatedDiagnostics(source),
  };
}

function locatedDiagnostics(source: Source): LocatedDiagnostic[] {
  return source.analysis.diagnostics.map(d => {
    const start = source.locate(d.range.start);
    const end = source.locate(d.range.end);
    return {
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      ...(start.cell !== undefined ? { cell: start.cell } : {}),
      severity: d.severity,
      code: d.code,
      message: d.message,
    };
  });
}

function modelJson(source: Source, model: ModelInfo) {
  return {
    name: model.name,
    line: source.locate(model.range.start).line,
    framework: model.framework,
    input: inputsJson(model.inputs),
    ...declaredInputJson(source, model),
    output: shapeJson(model.output),
    params: model.params ?? null,
    ...(model.framework === 'keras'
      ? { trainableParams: model.trainableParams ?? null, nonTrainableParams: model.nonTrainableParams ?? null }
      : {}),
    layers: model.layers.map(i => layerJson(source, source.analysis.layers[i])),
    validInputs: validInputsJson(model),
    impliedInput: model.implied
      ? {
          shape: shapeJson(model.implied.shape),
          layer: model.implied.layer,
          line: model.implied.range ? source.locate(model.implied.range.start).line : null,
        }
      : null,
  };
}

/** `declaredInput`: the input the code declares, only where `--input` replaced it (a Keras model's `Input`). */
function declaredInputJson(source: Source, model: ModelInfo) {
  const replaced = (source.analysis.replacedInputs ?? []).filter(
    r => !r.refused && r.model === model.name && r.range.start === model.range.start,
  );
  return replaced.length ? { declaredInput: inputsJson(replaced.map(r => r.declared)) } : {};
}

function validInputsJson(model: ModelInfo) {
  const accepted = model.accepted;
  if (!accepted) return null;
  const c = accepted.coupled;
  return {
    text: acceptedText(accepted),
    // Several inputs: each axis, pair and link names its input (docs/json-contract.md).
    axes: accepted.axes.map(a => ({ ...(a.input !== undefined ? { input: a.input } : {}), dim: a.dim, sets: a.sets })),
    coupled: c
      ? {
          ...(c.input !== undefined ? { input: c.input } : {}),
          dims: c.dims,
          relation: c.relation,
          layer: c.layer,
          pairs: c.pairs,
          squares: squareSets(c.pairs),
        }
      : null,
    ...(accepted.links
      ? {
          links: accepted.links.map(l => ({
            inputs: l.inputs,
            dims: l.dims,
            relation: l.relation,
            layer: l.layer,
            diagonal: l.diagonal,
            rows: l.rows,
            columns: l.columns,
          })),
        }
      : {}),
  };
}

function layerJson(source: Source, layer: LayerCall) {
  const at = layer.definition ?? layer.call;
  return {
    name: layer.name,
    kind: layer.kind,
    line: at ? source.locate(at.start).line : null,
    input: inputsJson(layer.inputs),
    output: shapeJson(layer.output),
    params: layer.params ?? null,
    ...(layer.framework === 'keras' ? { nonTrainableParams: layer.nonTrainableParams ?? null } : {}),
  };
}
