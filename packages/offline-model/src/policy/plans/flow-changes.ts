import { findObjects, type JsonObject } from "../tool-results.ts";
import {
  answer,
  call,
  calls,
  dataOf,
  executed,
  label,
  listed,
  nameList,
  notFound,
  type Plan,
  type PlanContext,
  resolveNamed,
} from "./plan-kit.ts";

const listFlows = "CELIGO_LIST_FLOWS";
const patchFlow = "CELIGO_PATCH_FLOW";
const updateFlow = "CELIGO_UPDATE_FLOW";

/** The one flow the request names, or a question back when it names none, several, or a missing one. */
function namedOne(
  context: PlanContext,
  kind: string,
  candidates: JsonObject[],
): JsonObject | string {
  const resolution = resolveNamed(context, candidates);
  if (resolution.matches.length === 1 && resolution.matches[0]) return resolution.matches[0];
  if (resolution.matches.length > 1) {
    return `Several ${kind}s match: ${nameList(resolution.matches)}. Which one do you mean?`;
  }
  if (resolution.unknownWords.length > 0) return notFound(kind, resolution, candidates);
  return `Which ${kind} do you mean? The ${kind}s: ${nameList(candidates)}.`;
}

function sentIds(context: PlanContext, slugs: string[], id: string): boolean {
  return slugs.some(
    (slug) =>
      executed(context, slug, (made) => JSON.stringify(made.arguments).includes(id)).length > 0,
  );
}

/** Enable or disable a flow; disabling waits for an explicit confirmation. */
export function toggleFlowPlan(disable: boolean): Plan {
  return {
    tools: [listFlows, patchFlow, updateFlow],
    next(context) {
      const flowsData = dataOf(context, listFlows);
      if (flowsData === undefined) return calls(call(listFlows));
      const flow = namedOne(context, "flow", listed(flowsData));
      if (typeof flow === "string") return answer(flow);
      const flowId = String(flow._id);
      const verb = disable ? "disable" : "enable";
      const changeSlug = [patchFlow, updateFlow].find((slug) => context.canUse(slug));
      if (!changeSlug) {
        return answer(
          `None of the tools offered can ${verb} a flow (I looked for ${patchFlow} and ${updateFlow}). ${label(flow)} is ${flow.disabled === true ? "disabled" : "enabled"}.`,
        );
      }
      const done = executed(context, changeSlug, (made) =>
        JSON.stringify(made.arguments).includes(flowId),
      ).at(-1);
      if (done) {
        return answer(
          done.result.ok
            ? `${disable ? "Disabled" : "Enabled"} ${label(flow)}.${disable ? " It will not run on its schedule until it is enabled again." : ""}`
            : `I could not ${verb} ${label(flow)}: ${done.result.error ?? "the tool reported an error"}.`,
        );
      }
      if ((flow.disabled === true) === disable)
        return answer(
          `${label(flow)} is already ${disable ? "disabled" : "enabled"}; nothing to change.`,
        );
      if (disable && !context.confirmed) {
        return answer(
          `Disabling ${label(flow)} stops its scheduled runs. Please confirm (reply "yes, disable it") and I will disable it.`,
        );
      }
      return calls(
        call(changeSlug, {
          flowId,
          disabled: disable,
          patchOperations: [{ op: "replace", path: "/disabled", value: disable }],
        }),
      );
    },
  };
}

/** Start a flow run, when the offered tools can do that at all (the Composio toolkit cannot). */
export const runFlowPlan: Plan = {
  tools: [listFlows],
  next(context) {
    const runSlug = context.findSlug(/(^|_)RUN_FLOW$|FLOW_RUN$/);
    if (!runSlug) {
      return answer(
        "None of the tools offered can start a flow run (the Celigo toolkit has no run-flow tool). I can tell you when a flow last ran, show its latest jobs and errors, or retry its errors.",
      );
    }
    const flowsData = dataOf(context, listFlows);
    if (flowsData === undefined) return calls(call(listFlows));
    const flow = namedOne(context, "flow", listed(flowsData));
    if (typeof flow === "string") return answer(flow);
    const run = dataOf(context, runSlug);
    if (run === undefined) return calls(call(runSlug, { flowId: flow._id }));
    const jobIds = findObjects(
      run,
      (object) => typeof (object._jobId ?? object.jobId) === "string",
    ).map((object) => String(object._jobId ?? object.jobId));
    return answer(
      `Started ${label(flow)}${jobIds.length > 0 ? `: job ${jobIds.join(", ")}` : ""}.`,
    );
  },
};

const deletable: Record<string, { list: string; remove: string }> = {
  flow: { list: listFlows, remove: "CELIGO_DELETE_FLOW" },
  integration: { list: "CELIGO_LIST_INTEGRATIONS", remove: "CELIGO_DELETE_INTEGRATION" },
  connection: { list: "CELIGO_LIST_CONNECTIONS", remove: "CELIGO_DELETE_CONNECTION" },
};

/** Deleting, purging or cancelling: only with an explicit confirmation and a tool that does it. */
export const destructivePlan: Plan = {
  tools: Object.values(deletable).flatMap((entry) => [entry.list, entry.remove]),
  next(context) {
    const kind = Object.keys(deletable).find((candidate) =>
      new RegExp(`\\b${candidate}s?\\b`, "i").test(context.request),
    );
    const entry = kind ? deletable[kind] : undefined;
    if (!kind || !entry || !/\b(delete|remove)\b/i.test(context.request)) {
      return answer(
        "That would change or remove data for good, and I only do it for a named flow, integration or connection with the matching delete tool, after you confirm. Tell me exactly what to delete and confirm, or ask me to look something up instead.",
      );
    }
    const data = dataOf(context, entry.list);
    if (data === undefined) return calls(call(entry.list));
    const target = namedOne(context, kind, listed(data));
    if (typeof target === "string") return answer(target);
    const id = String(target._id);
    if (sentIds(context, [entry.remove], id)) {
      const made = executed(context, entry.remove).at(-1);
      return answer(
        made?.result.ok
          ? `Deleted ${kind} ${label(target)}.`
          : `I could not delete ${label(target)}: ${made?.result.error ?? "no result"}.`,
      );
    }
    if (!context.confirmed) {
      return answer(
        `Deleting ${kind} ${label(target)} cannot be undone. Please confirm (reply "yes, delete it") and I will delete it.`,
      );
    }
    if (!context.canUse(entry.remove))
      return answer(`None of the tools offered can delete a ${kind}.`);
    return calls(call(entry.remove, { flowId: id, integrationId: id, connectionId: id }));
  },
};
