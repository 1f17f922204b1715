export type { FaultKind, FaultRule } from "./faults.ts";
export { faultKinds, parseFaultRule } from "./faults.ts";
export type { CommittedMistake, MistakeOutcome } from "./mistakes/mistake-ledger.ts";
export type { MistakeKind, MistakeProfileName } from "./mistakes/mistake-profiles.ts";
export {
  flakyTurnRate,
  flakyWeights,
  mistakeKinds,
  mistakeProfileNames,
} from "./mistakes/mistake-profiles.ts";
export type { OfflineModel, OfflineModelOptions } from "./start-offline-model.ts";
export { offlineModelDisclaimer, startOfflineModel } from "./start-offline-model.ts";
