export type { ColumnView, PlaygroundEvent, PlaygroundInfo } from "./column-view.ts";
export {
  type PlaygroundOptions,
  type RunningPlayground,
  startPlayground,
} from "./playground-server.ts";
export { buildUi, defaultAssetsDirectory } from "./ui-build.ts";
