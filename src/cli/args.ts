// A small argv parser: `--name VALUE`, `--name=VALUE`, boolean flags, repeatable options, `--`.
import { UsageError } from './io';

export interface OptionSpec {
  /** Options that take a value; listed in `repeatable` when they may be given more than once. */
  readonly values: readonly string[];
  readonly flags: readonly string[];
  readonly repeatable?: readonly string[];
}

export interface ParsedArgs {
  readonly values: Readonly<Record<string, readonly string[]>>;
  readonly flags: ReadonlySet<string>;
  readonly positionals: readonly string[];
}

/** Parses argv against the spec; throws UsageError on unknown or malformed options. */
export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const values: Record<string, string[]> = {};
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (spec.flags.includes(name)) {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      flags.add(name);
      continue;
    }
    if (!spec.values.includes(name)) throw new UsageError(`unknown option --${name}`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length) value = argv[++i];
    if (value === undefined) throw new UsageError(`option --${name} needs a value`);
    if (values[name] && !spec.repeatable?.includes(name)) throw new UsageError(`option --${name} given more than once`);
    (values[name] ??= []).push(value);
  }
  return { values, flags, positionals };
}

/** The single value of an option, if given. */
export function single(args: ParsedArgs, name: string): string | undefined {
  return args.values[name]?.[0];
}
