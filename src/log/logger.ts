export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  /** Whether lines of this level are written: fields costly to build are built only then. */
  enabled(level: Exclude<LogLevel, "silent">): boolean;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Human-readable lines on stderr, so stdout stays free for command output. */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stderr.write(l + "\n"),
): Logger {
  const at =
    (lineLevel: Exclude<LogLevel, "silent">) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (RANK[lineLevel] < RANK[level]) return;
      const extra = fields && Object.keys(fields).length > 0 ? " " + JSON.stringify(fields) : "";
      write(`${new Date().toISOString()} ${lineLevel.padEnd(5)} ${message}${extra}`);
    };
  return {
    enabled: (lineLevel) => RANK[lineLevel] >= RANK[level],
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  };
}

export const silentLogger: Logger = createLogger("silent");
