/**
 * Bundles the page (Preact, src/ui/) with esbuild into dist/ui: index.html, app.js, app.css.
 * Run before serving (`pnpm playground` and the tests do it); the server only reads the files,
 * so the page never loads anything from elsewhere.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const defaultAssetsDirectory = fileURLToPath(new URL("../dist/ui", import.meta.url));
const entryPoint = fileURLToPath(new URL("./ui/main.tsx", import.meta.url));

export const pageTitle = "Celigo agents playground";
/** Where the server puts the page's state at the time of the request (see playground-server.ts). */
export const initialStatePlaceholder = "<!-- initial state -->";

const indexHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${pageTitle}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/assets/app.css" />
    <script type="module" src="/assets/app.js"></script>
  </head>
  <body>
    <div id="app"></div>
    ${initialStatePlaceholder}
  </body>
</html>
`;

export async function buildUi(outDirectory = defaultAssetsDirectory): Promise<void> {
  await mkdir(outDirectory, { recursive: true });
  await build({
    entryPoints: { app: entryPoint },
    outdir: outDirectory,
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    jsx: "automatic",
    jsxImportSource: "preact",
    logLevel: "error",
  });
  await writeFile(path.join(outDirectory, "index.html"), indexHtml);
}
