/** `pnpm --filter @celigo-agents/playground build`: bundles the page into dist/ui. */
import { buildUi, defaultAssetsDirectory } from "../src/ui-build.ts";

const started = performance.now();
await buildUi();
console.log(`built ${defaultAssetsDirectory} in ${Math.round(performance.now() - started)} ms`);
