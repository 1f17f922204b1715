/**
 * The commands a reader is told to type: every line of every `sh` block in the root README and
 * the apps' READMEs, with where it stands, so a test can run each one as shown.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface ReadmeCommand {
  /** `README.md` or `apps/<name>/README.md`, relative to the repository root. */
  file: string;
  line: number;
  /** The command as typed, without its trailing `# comment`. */
  command: string;
}

export function readmeFiles(repositoryRoot: string): string[] {
  const apps = readdirSync(path.join(repositoryRoot, "apps"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `apps/${entry.name}/README.md`);
  return ["README.md", ...apps.sort()];
}

export function readmeCommands(repositoryRoot: string, file: string): ReadmeCommand[] {
  const lines = readFileSync(path.join(repositoryRoot, file), "utf8").split("\n");
  const commands: ReadmeCommand[] = [];
  let inShellBlock = false;
  lines.forEach((text, index) => {
    if (/^```/.test(text)) {
      inShellBlock = !inShellBlock && /^```(sh|bash|shell)\s*$/.test(text);
      return;
    }
    // A comment starts at " #" after the command; "#" inside quotes is not one in these files.
    const command = text.replace(/\s+#\s.*$/, "").trim();
    if (inShellBlock && command) commands.push({ file, line: index + 1, command });
  });
  return commands;
}
