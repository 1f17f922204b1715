import { findObjects, type JsonObject } from "../tool-results.ts";
import {
  answer,
  call,
  calls,
  cutList,
  dataOf,
  executed,
  label,
  listed,
  nameList,
  type Plan,
  type PlanContext,
  plural,
  resolveTargets,
} from "./plan-kit.ts";

const listFlows = "CELIGO_LIST_FLOWS";
const patchFlow = "CELIGO_PATCH_FLOW";
const updateFlow = "CELIGO_UPDATE_FLOW";

/** The records the request names, or the question to ask when it names none or is unsure. */
function chooseTargets(
  context: PlanContext,
  kind: string,
  candidates: JsonObject[],
  verb: string,
): JsonObject[] | string {
  const targets = resolveTargets(context, kind, candidates, { write: true, verb });
  if (targets.status === "question") return targets.text;
  if (targets.status === "found") {
    // Several records only when the request speaks of several; one name fitting two is a question.
    if (targets.records.length > 1 && !context.frame.plural && !context.frame.pick) {
      return `Several ${kind}s match: ${nameList(context, targets.records)}. Which one do you mean?`;
    }
    return targets.records;
  }
  const lines = candidates.map((candidate) => `- ${label(context, candidate)}`);
  return `Which ${kind} do you mean? The ${kind}s:\n${cutList(context, lines, `${kind}s`)}`;
}

function sentFor(context: PlanContext, slug: string, id: string) {
  return executed(context, slug, (made) => JSON.stringify(made.arguments).includes(id)).at(-1);
}

/** Enable or disable flows; disabling waits for an explicit confirmation. */
export function toggleFlowPlan(disable: boolean): Plan {
  const verb = disable ? "disable" : "enable";
  const state = disable ? "disabled" : "enabled";
  return {
    tools: [listFlows, patchFlow, updateFlow],
    next(context) {
      if (context.frame.declined) return answer(`All right, I did not ${verb} anything.`);
      const flowsData = dataOf(context, listFlows);
      if (flowsData === undefined) return calls(call(listFlows));
      const chosen = chooseTargets(context, "flow", listed(flowsData), `${verb} it`);
      if (typeof chosen === "string") return answer(chosen);
      const changeSlug = [patchFlow, updateFlow].find((slug) => context.canUse(slug));
      if (!changeSlug) {
        return answer(
          `None of the tools offered can ${verb} a flow (I looked for ${patchFlow} and ${updateFlow}). ${chosen.map((flow) => `${label(context, flow)} is ${flow.disabled === true ? "disabled" : "enabled"}`).join("; ")}.`,
        );
      }
      const already = chosen.filter((flow) => (flow.disabled === true) === disable);
      const toChange = chosen.filter((flow) => (flow.disabled === true) !== disable);
      const alreadyText =
        already.length > 0
          ? `${already.map((flow) => label(context, flow)).join(", ")} ${already.length === 1 ? "is" : "are"} already ${state}; nothing to change${toChange.length > 0 ? " there" : ""}.`
          : "";
      const made = toChange.map((flow) => ({
        flow,
        made: sentFor(context, changeSlug, String(flow._id)),
      }));
      if (toChange.length > 0 && made.every((entry) => entry.made)) {
        const done = made
          .filter((entry) => entry.made?.result.ok)
          .map((entry) => label(context, entry.flow));
        const failed = made
          .filter((entry) => !entry.made?.result.ok)
          .map(
            (entry) => `${label(context, entry.flow)} (${entry.made?.result.error ?? "no result"})`,
          );
        const doneText =
          done.length > 0
            ? `${disable ? "Disabled" : "Enabled"} ${done.join(", ")}.${disable ? ` ${done.length === 1 ? "It" : "They"} will not run on ${done.length === 1 ? "its" : "their"} schedule until enabled again.` : ""}`
            : "";
        const failedText = failed.length > 0 ? ` I could not ${verb} ${failed.join(", ")}.` : "";
        return answer([doneText + failedText, alreadyText].filter(Boolean).join(" ").trim());
      }
      if (toChange.length === 0) return answer(alreadyText);
      const needsYes = disable || toChange.length > 1;
      if (needsYes && !context.confirmed) {
        const names = toChange.map((flow) => label(context, flow)).join(", ");
        const effect = disable
          ? `stops ${toChange.length === 1 ? "its" : "their"} scheduled runs`
          : `starts ${toChange.length === 1 ? "its" : "their"} scheduled runs again`;
        return answer(
          `${disable ? "Disabling" : "Enabling"} ${names} ${effect}.${alreadyText ? ` ${alreadyText}` : ""} Please confirm (reply "yes, ${verb} ${toChange.length === 1 ? "it" : "them"}") and I will ${verb} ${toChange.length === 1 ? "it" : plural(toChange.length, "flow")}.`,
        );
      }
      return calls(
        ...toChange
          .filter((flow) => !sentFor(context, changeSlug, String(flow._id)))
          .map((flow) =>
            call(changeSlug, {
              flowId: flow._id,
              disabled: disable,
              patchOperations: [{ op: "replace", path: "/disabled", value: disable }],
            }),
          ),
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
    const chosen = chooseTargets(context, "flow", listed(flowsData), "run it");
    if (typeof chosen === "string") return answer(chosen);
    const flow = chosen[0] as JsonObject;
    const run = dataOf(context, runSlug);
    if (run === undefined) return calls(call(runSlug, { flowId: flow._id }));
    const jobIds = findObjects(
      run,
      (object) => typeof (object._jobId ?? object.jobId) === "string",
    ).map((object) => String(object._jobId ?? object.jobId));
    return answer(
      `Started ${label(context, flow)}${jobIds.length > 0 && context.frame.wantsIds ? `: job ${jobIds.join(", ")}` : ""}.`,
    );
  },
};

const deletable: Record<string, { list: string; remove: string }> = {
  flow: { list: listFlows, remove: "CELIGO_DELETE_FLOW" },
  integration: { list: "CELIGO_LIST_INTEGRATIONS", remove: "CELIGO_DELETE_INTEGRATION" },
  connection: { list: "CELIGO_LIST_CONNECTIONS", remove: "CELIGO_DELETE_CONNECTION" },
};

/** Deleting: only one named record, with an explicit confirmation and a tool that does it. */
export const destructivePlan: Plan = {
  tools: Object.values(deletable).flatMap((entry) => [entry.list, entry.remove]),
  next(context) {
    if (context.frame.declined) return answer("All right, I deleted nothing.");
    const kind = context.frame.kind ?? "flow";
    const entry = deletable[kind] ?? deletable.flow;
    if (!entry) return answer("Tell me exactly which flow, integration or connection to delete.");
    const data = dataOf(context, entry.list);
    if (data === undefined) return calls(call(entry.list));
    const chosen = chooseTargets(context, kind, listed(data), "delete it");
    if (typeof chosen === "string") return answer(chosen);
    if (chosen.length > 1) {
      return answer(
        `I delete one ${kind} at a time, after you confirm. Which of these do you mean: ${nameList(context, chosen)}?`,
      );
    }
    const target = chosen[0] as JsonObject;
    const made = sentFor(context, entry.remove, String(target._id));
    if (made) {
      return answer(
        made.result.ok
          ? `Deleted ${kind} ${label(context, target)}.`
          : `I could not delete ${label(context, target)}: ${made.result.error ?? "no result"}.`,
      );
    }
    if (!context.confirmed) {
      return answer(
        `Deleting ${kind} ${label(context, target)} cannot be undone. Please confirm (reply "yes, delete it") and I will delete it.`,
      );
    }
    if (!context.canUse(entry.remove))
      return answer(`None of the tools offered can delete a ${kind}.`);
    const id = target._id;
    return calls(call(entry.remove, { flowId: id, integrationId: id, connectionId: id }));
  },
};
