export type { FaultKind, FaultRule } from "./faults.ts";
export { faultKinds } from "./faults.ts";
export type { OfflineModel, OfflineModelOptions } from "./start-offline-model.ts";
export { offlineModelDisclaimer, startOfflineModel } from "./start-offline-model.ts";
