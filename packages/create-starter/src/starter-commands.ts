/**
 * Runs an exported project's npm commands the way a user's terminal would: the machine's own
 * npm (node_modules/.bin folders of this repository left off PATH, so nothing of the monorepo
 * fills a gap in the project), a clean environment holding only what the caller passes, and the
 * npm cache of the user's home, shared between runs so a warm machine installs quickly.
 */
import { spawn } from "node:child_process";
import { homedir, tmpdir } from "node:os";
import { delimiter, isAbsolute, join, relative, resolve } from "node:path";

export interface CommandResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

const proxyVariables = [
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
];

/**
 * What an exported project's commands get from this machine: PATH without node_modules/.bin
 * folders (pnpm and npm add them for scripts; this repository's would lend the project its
 * binaries) nor relative entries, HOME (npm's cache and config), and proxy settings.
 */
export function machineEnvironment(
  environment: Record<string, string | undefined>,
): Record<string, string> {
  const path = (environment.PATH ?? "")
    .split(delimiter)
    .filter((entry) => isAbsolute(entry) && !entry.split(/[\\/]/).includes("node_modules"))
    .join(delimiter);
  const kept: Record<string, string> = { PATH: path, HOME: environment.HOME ?? homedir() };
  for (const name of proxyVariables) {
    const value = environment[name];
    if (value) kept[name] = value;
  }
  return kept;
}

/**
 * Runs a command to its end, or kills its whole process group (npm, the shell, tsx, node) after
 * `timeoutMs` and reports that in `stderr`.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<CommandResult> {
  const startedAt = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: process.platform !== "win32",
    shell: process.platform === "win32",
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeoutMs} ms: ${command} ${args.join(" ")}]`;
      try {
        if (child.pid !== undefined && process.platform !== "win32") {
          process.kill(-child.pid, "SIGKILL");
        } else child.kill("SIGKILL");
      } catch {
        // The group ended between the timer firing and the kill.
      }
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolvePromise({ exitCode, stdout, stderr, durationMs: performance.now() - startedAt });
    });
  });
}

/**
 * Where exported test projects go: a temporary folder outside this repository. Inside it, Node
 * and npm would resolve a package or a binary the project forgot from the monorepo's
 * node_modules, and its config would read the monorepo's .env.
 */
export function starterScratchDirectory(repositoryRoot: string): string {
  const temporary = tmpdir();
  return isInside(temporary, repositoryRoot)
    ? join(homedir(), ".cache", "celigo-agents", "starters")
    : join(temporary, "celigo-agents-starters");
}

function isInside(path: string, folder: string): boolean {
  const fromFolder = relative(resolve(folder), resolve(path));
  return fromFolder === "" || (!fromFolder.startsWith("..") && !isAbsolute(fromFolder));
}

/**
 * `npm install` as a user runs it, trusting the npm cache's package metadata (`--prefer-offline`,
 * the fast path on a warm machine). A cached list of versions can predate a version this
 * repository has since pinned, and npm does not look again by itself (ETARGET): then the install
 * runs once more, asking the registry.
 */
export async function installStarter(
  directory: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<CommandResult> {
  const install = (freshness: string) =>
    runCommand("npm", ["install", "--no-audit", "--no-fund", freshness], {
      cwd: directory,
      env,
      timeoutMs,
    });
  const first = await install("--prefer-offline");
  if (first.exitCode === 0 || !/ETARGET|notarget/i.test(first.stderr)) return first;
  const second = await install("--prefer-online");
  return { ...second, durationMs: first.durationMs + second.durationMs };
}
