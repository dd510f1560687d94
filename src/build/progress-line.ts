/**
 * The build's progress as a person reads it (scripts/build.ts). The build reports lines
 * (build.ts `progress`): "step 7/10: <name>" as each step starts, then lines of the step that
 * carry a count ("epub 120/1000 <slug>"), and now and then a message ("waiting for …").
 *   on a terminal: one line, rewritten in place ("\r", then erase to the end of the line), at
 *                  most every `intervalMs` (100 ms), cut to the terminal's width:
 *                  "[7/10] render each article's files …: epub 120/1000 <slug>"
 *   otherwise (a CI log, a pipe): each step's line once, and a step's count at most every
 *                  `intervalMs` (10 s), as plain lines.
 * A message without a count is always printed, on a line of its own.
 */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressLine {
  update(line: string): void;
  /** Clears the line on a terminal, before the build's result is printed. */
  done(): void;
}

export function progressLine(out: ProgressOutput, options: { intervalMs?: number; now?: () => number } = {}): ProgressLine {
  const tty = out.isTTY === true;
  const interval = options.intervalMs ?? (tty ? 100 : 10_000);
  const now = options.now ?? (() => performance.now());
  let step = "";
  let shown = ""; // what the terminal's line shows now
  let last = -Infinity;

  const show = (text: string) => {
    const width = Math.max(20, (out.columns ?? 80) - 1);
    const cut = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    out.write(`\r\x1b[K${cut}`);
    shown = cut;
  };
  const clear = () => {
    if (shown) out.write("\r\x1b[K");
    shown = "";
  };

  return {
    update(line) {
      const started = /^step (\d+\/\d+): (.*)$/.exec(line);
      if (started) {
        step = `[${started[1]}] ${started[2]}`;
        if (tty) show(step);
        else out.write(`${step}\n`);
        last = now();
        return;
      }
      const count = /(\d+)\/(\d+)/.exec(line);
      if (!count) {
        // A message: on a line of its own, the progress line shown again below it.
        if (tty) {
          const again = shown;
          clear();
          out.write(`${line}\n`);
          if (again) show(again);
        } else out.write(`${line}\n`);
        return;
      }
      const final = count[1] === count[2];
      const t = now();
      if (t - last < interval && !(tty && final)) return;
      last = t;
      const text = step ? `${step}: ${line}` : line;
      if (tty) show(text);
      else out.write(`${text}\n`);
    },
    done() {
      if (tty) clear();
    },
  };
}
