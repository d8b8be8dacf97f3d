// A small syntax model of the Python that model code uses. The reader (read.ts) builds it from a
// lezer tree; the interpreter walks it. Anything outside the subset becomes an `unknown`
// expression or an `other` statement, never an error. Offsets are UTF-16 code units.

export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface Arg {
  readonly r: Range;
  /** Keyword name (`kernel_size=3`). */
  readonly name?: string;
  /** `*xs` or `**kw`. */
  readonly star?: '*' | '**';
  readonly value: Expr;
}

export type CompClause =
  { readonly k: 'for'; readonly target: Expr; readonly iter: Expr } | { readonly k: 'if'; readonly test: Expr };

export interface DictEntry {
  /** Missing for a `**spread` entry. */
  readonly key?: Expr;
  readonly value: Expr;
}

export type Expr =
  | { readonly k: 'lambda'; readonly r: Range; readonly def: FunctionDef }
  | { readonly k: 'num'; readonly r: Range; readonly value: number; readonly float: boolean }
  | { readonly k: 'str'; readonly r: Range; readonly value: string }
  | { readonly k: 'const'; readonly r: Range; readonly value: boolean | null }
  | { readonly k: 'name'; readonly r: Range; readonly id: string }
  | { readonly k: 'attr'; readonly r: Range; readonly obj: Expr; readonly name: string }
  | { readonly k: 'subscript'; readonly r: Range; readonly obj: Expr; readonly index: Expr }
  | { readonly k: 'slice'; readonly r: Range; readonly lower?: Expr; readonly upper?: Expr; readonly step?: Expr }
  | { readonly k: 'call'; readonly r: Range; readonly fn: Expr; readonly args: readonly Arg[] }
  | { readonly k: 'binop'; readonly r: Range; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly k: 'unop'; readonly r: Range; readonly op: string; readonly operand: Expr }
  | { readonly k: 'ifexp'; readonly r: Range; readonly test: Expr; readonly body: Expr; readonly orelse: Expr }
  | { readonly k: 'tuple' | 'list' | 'set'; readonly r: Range; readonly items: readonly Expr[] }
  | { readonly k: 'dict'; readonly r: Range; readonly entries: readonly DictEntry[] }
  | {
      readonly k: 'comp';
      readonly r: Range;
      readonly kind: 'list' | 'set' | 'gen' | 'dict';
      readonly elt: Expr;
      /** The key of a dict comprehension (`elt` is then the value). */
      readonly key?: Expr;
      readonly clauses: readonly CompClause[];
    }
  | { readonly k: 'starred'; readonly r: Range; readonly value: Expr }
  /** An f-string: literal text and replacement fields in order. */
  | { readonly k: 'fstr'; readonly r: Range; readonly parts: readonly FStringPart[] }
  | { readonly k: 'unknown'; readonly r: Range };

/** A piece of an f-string: literal text, or a field `{value!conversion:spec}` (spec without nested fields). */
export type FStringPart = string | { readonly value: Expr; readonly conversion?: string; readonly spec: string };

export interface Param {
  readonly r: Range;
  readonly name: string;
  readonly kind: 'normal' | 'star' | 'dstar';
  readonly default?: Expr;
  readonly annotation?: Expr;
}

export interface FunctionDef {
  readonly name: string;
  readonly nameRange: Range;
  readonly params: readonly Param[];
  readonly body: readonly Stmt[];
  readonly decorators: readonly Expr[];
  /** From `def` to the end of the header line (where shape comments for inputs are written). */
  readonly header: Range;
}

export interface ClassDef {
  readonly name: string;
  readonly nameRange: Range;
  readonly bases: readonly Arg[];
  readonly body: readonly Stmt[];
  /** `@dataclass`, `@dataclass(frozen=True)`, ... (absent: none). */
  readonly decorators?: readonly Expr[];
}

export interface ImportedName {
  /** Dotted module path (`torch.nn`); for `from . import x`, the dots. */
  readonly module: string;
  /** The imported member for `from M import name`; absent for `import M`. */
  readonly name?: string;
  readonly alias?: string;
}

interface StmtBase {
  readonly r: Range;
  /** The statement (for compound statements: its header) contains a node the parser repaired. */
  readonly error: boolean;
}

export type Stmt = StmtBase &
  (
    | { readonly k: 'expr'; readonly value: Expr }
    | { readonly k: 'assign'; readonly targets: readonly Expr[]; readonly value?: Expr; readonly annotation?: Expr }
    | { readonly k: 'aug'; readonly target: Expr; readonly op: string; readonly value: Expr }
    | { readonly k: 'return'; readonly value?: Expr }
    | { readonly k: 'del'; readonly targets: readonly Expr[] }
    | { readonly k: 'if'; readonly branches: readonly { readonly test?: Expr; readonly body: readonly Stmt[] }[] }
    | {
        readonly k: 'for';
        readonly target: Expr;
        readonly iter: Expr;
        readonly body: readonly Stmt[];
        readonly orelse: readonly Stmt[];
      }
    | { readonly k: 'while'; readonly test: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
    | { readonly k: 'def'; readonly def: FunctionDef }
    | { readonly k: 'class'; readonly def: ClassDef }
    | { readonly k: 'import'; readonly names: readonly ImportedName[] }
    | {
        readonly k: 'block';
        readonly body: readonly Stmt[];
        /** A `try` whose `except` bodies are not read (they may do anything, `break` included). */
        readonly handlersUnread?: true;
      }
    | { readonly k: 'pass' | 'break' | 'continue' | 'other' }
  );

export interface Module {
  readonly body: readonly Stmt[];
}

/** Every statement of a body, depth first (including nested bodies). */
export function* walkStatements(body: readonly Stmt[]): Generator<Stmt> {
  for (const s of body) {
    yield s;
    switch (s.k) {
      case 'if':
        for (const b of s.branches) yield* walkStatements(b.body);
        break;
      case 'for':
      case 'while':
        yield* walkStatements(s.body);
        yield* walkStatements(s.orelse);
        break;
      case 'def':
      case 'class':
        yield* walkStatements(s.def.body);
        break;
      case 'block':
        yield* walkStatements(s.body);
        break;
    }
  }
}
