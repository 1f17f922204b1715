export type { ColumnView, PlaygroundEvent, PlaygroundInfo } from "./column-view.ts";
export {
  type PlaygroundOptions,
  type RunningPlayground,
  startPlayground,
} from "./playground-server.ts";
export { describeStateChanges, type StateChange } from "./state-changes.ts";
export { buildUi, defaultAssetsDirectory } from "./ui-build.ts";
