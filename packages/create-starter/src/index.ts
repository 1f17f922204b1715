export { type CreatedStarter, type CreateStarterOptions, createStarter } from "./create-starter.ts";
export { kernelBoundaryProblems, kernelPackages, readKernelModules } from "./kernel-modules.ts";
export { listFrameworks } from "./starter-apps.ts";
export { countTypeScriptLines, type LineCount } from "./typescript-lines.ts";
