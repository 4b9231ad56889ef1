/**
 * Readers for the container files, for tests on a machine without Docker: the Dockerfile's
 * instructions by stage, and compose.yaml in the plain subset of YAML it is written in.
 */

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  name: string;
  /** The image or stage it starts from, with the ARG defaults filled in. */
  from: string;
  instructions: Instruction[];
}

/** A Dockerfile's stages: continuation lines joined, comments dropped, global ARGs substituted. */
export function readDockerfile(text: string): Stage[] {
  const lines = text.split('\n');
  const instructions: Instruction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let line = lines[i]!;
    if (/^\s*(#|$)/.test(line)) continue;
    while (line.trimEnd().endsWith('\\') && i + 1 < lines.length) {
      line = `${line.trimEnd().slice(0, -1)} ${lines[++i]!.trim()}`;
    }
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) throw new Error(`Dockerfile line ${start}: not an instruction: ${line}`);
    instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line: start });
  }
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!match) throw new Error(`Dockerfile line ${instruction.line}: FROM ${instruction.args}`);
      const from = match[1]!.replace(/\$\{(\w+)\}/g, (_, name: string) => args.get(name) ?? '');
      stages.push({ name: match[2] ?? String(stages.length), from, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') throw new Error(`${instruction.keyword} before FROM`);
      const [name, value = ''] = instruction.args.split('=', 2);
      args.set(name!, value);
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return stages;
}

/** The JSON array of an exec-form instruction (`CMD ["node", "x.js"]`), or undefined. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) {
    throw new Error(`not an exec form: ${args}`);
  }
  return parsed;
}

/** ENV's `key=value` pairs (several per instruction allowed). */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { keyword, args } of stage.instructions) {
    if (keyword !== 'ENV') continue;
    for (const pair of args.split(/\s+/)) {
      const [key, value = ''] = pair.split('=', 2);
      env[key!] = value;
    }
  }
  return env;
}

export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue };

/**
 * compose.yaml, read as the subset of YAML it uses: block mappings, block sequences of scalars,
 * JSON-style flow sequences, plain and double-quoted scalars, whole-line comments. Anything else
 * (anchors, tabs, block scalars, flow mappings) is refused, so the file stays in this subset.
 */
export function readYamlSubset(text: string): { [key: string]: YamlValue } {
  const lines = text
    .split('\n')
    .map((raw, index) => ({ raw, number: index + 1 }))
    .filter(({ raw }) => !/^\s*(#|$)/.test(raw));
  let at = 0;

  const fail = (number: number, why: string): never => {
    throw new Error(`compose.yaml line ${number}: ${why}`);
  };
  const indentOf = (raw: string) => raw.length - raw.trimStart().length;
  const scalar = (value: string, number: number): YamlValue => {
    if (/^[&*!|>{]/.test(value)) fail(number, `unsupported YAML: ${value}`);
    if (value.startsWith('[') || value.startsWith('"')) {
      try {
        return JSON.parse(value) as YamlValue;
      } catch {
        fail(number, `not JSON-compatible: ${value}`);
      }
    }
    if (value.startsWith("'")) fail(number, 'use double quotes');
    return value;
  };

  function block(indent: number): YamlValue {
    const first = lines[at]!;
    if (first.raw.includes('\t')) fail(first.number, 'tab');
    if (first.raw.trimStart().startsWith('- ')) {
      const items: YamlValue[] = [];
      while (at < lines.length && indentOf(lines[at]!.raw) === indent) {
        const { raw, number } = lines[at]!;
        const item = /^\s*- (.+)$/.exec(raw);
        if (!item) fail(number, 'expected a list item');
        items.push(scalar(item![1]!.trim(), number));
        at++;
      }
      return items;
    }
    const map: { [key: string]: YamlValue } = {};
    while (at < lines.length && indentOf(lines[at]!.raw) === indent) {
      const { raw, number } = lines[at]!;
      if (raw.includes('\t')) fail(number, 'tab');
      const entry = /^\s*([\w.-]+):(?:\s+(.*))?$/.exec(raw);
      if (!entry) fail(number, `expected "key: value": ${raw.trim()}`);
      const key = entry![1]!;
      if (key in map) fail(number, `duplicate key ${key}`);
      at++;
      if (entry![2] !== undefined) {
        map[key] = scalar(entry![2].trim(), number);
      } else {
        const next = lines[at];
        if (!next || indentOf(next.raw) <= indent) fail(number, `${key} has no value`);
        map[key] = block(indentOf(next!.raw));
      }
    }
    if (at < lines.length && indentOf(lines[at]!.raw) > indent) {
      fail(lines[at]!.number, 'unexpected indentation');
    }
    return map;
  }

  const root = block(0);
  if (at < lines.length) fail(lines[at]!.number, 'unexpected content');
  return root as { [key: string]: YamlValue };
}

/**
 * Compose's `${NAME:-default}` / `${NAME:?message}` / `${NAME}` interpolation, with `env` as the
 * shell environment. `:?` throws (compose refuses to start) when NAME is unset or empty.
 */
export function interpolate(value: string, env: Record<string, string | undefined> = {}): string {
  return value.replace(
    /\$\{(\w+)(?::([-?])([^}]*))?\}/g,
    (_, name: string, kind?: string, word?: string) => {
      const given = env[name];
      if (given) return given;
      if (kind === '?') throw new Error(`required variable ${name} is missing a value: ${word}`);
      return kind === '-' ? (word ?? '') : '';
    },
  );
}
