import { quotedNames } from "../../language/entity-linker.ts";
import { conceptSequence } from "../../language/normalize-text.ts";
import { within } from "../../language/time-expressions.ts";
import { count, isObject, type JsonObject, text } from "../tool-results.ts";
import {
  answer,
  arrayOf,
  call,
  calls,
  cutList,
  dataOf,
  label,
  listed,
  namedPeriod,
  type Plan,
  type PlanContext,
  plural,
  resolveTargets,
  when,
} from "./plan-kit.ts";

/** The request's lemmas and concepts ("turned off" -> disabled). */
const wordsOf = (context: PlanContext) => new Set(conceptSequence(context.request));

const listConnections = "CELIGO_LIST_CONNECTIONS";
const pingConnection = "CELIGO_PING_CONNECTION";

export const connectionsPlan: Plan = {
  tools: [listConnections, pingConnection],
  next(context) {
    const data = dataOf(context, listConnections);
    if (data === undefined) return calls(call(listConnections));
    const connections = listed(data);
    const targets = resolveTargets(context, "connection", connections, { write: false });
    if (targets.status === "question") return answer(targets.text);
    const status = (connection: JsonObject) =>
      `${label(context, connection)} (${text(connection, "type") ?? "unknown type"}) is ${connection.offline === true ? "offline" : "online"}`;
    if (targets.status === "found") {
      const words = wordsOf(context);
      const target = targets.records[0];
      if ((words.has("ping") || words.has("test")) && targets.records.length === 1 && target) {
        const ping = dataOf(context, pingConnection);
        if (ping === undefined) return calls(call(pingConnection, { connectionId: target._id }));
        const failures = arrayOf(ping).filter((entry) => typeof entry.message === "string");
        return answer(
          failures.length > 0
            ? `The test of ${label(context, target)} failed: ${failures.map((entry) => text(entry, "message")).join("; ")}.`
            : `The test of ${label(context, target)} succeeded: it is reachable.`,
        );
      }
      return answer(
        `${targets.records.map(status).join(".\n")}.${targets.note ? `\n${targets.note}` : ""}`,
      );
    }
    const offline = connections.filter((connection) => connection.offline === true);
    if (offline.length === 0) return answer(`All ${connections.length} connections are online.`);
    return answer(
      `${offline.length} of ${connections.length} connections ${offline.length === 1 ? "is" : "are"} offline:\n${offline.map((connection) => `- ${label(context, connection)} (${text(connection, "type") ?? "unknown type"})`).join("\n")}\nThe other ${connections.length - offline.length} are online.`,
    );
  },
};

const getUsers = "CELIGO_GET_USERS";
const listIntegrations = "CELIGO_LIST_INTEGRATIONS";

/** The user's access to one integration: account-wide level, or the integration-level entry. */
function accessTo(user: JsonObject, integrationId: string | undefined): string | undefined {
  const accountLevel = text(user, "accessLevel");
  if (accountLevel) return integrationId ? `${accountLevel} (account-wide)` : accountLevel;
  const entries = Array.isArray(user.integrationAccessLevel)
    ? user.integrationAccessLevel.filter(isObject)
    : [];
  if (!integrationId) {
    return entries.length > 0
      ? `integration-level on ${plural(entries.length, "integration")}`
      : "no access level";
  }
  const entry = entries.find((candidate) => text(candidate, "_integrationId") === integrationId);
  return entry ? `${text(entry, "accessLevel") ?? "some"} on this integration` : undefined;
}

export const usersPlan: Plan = {
  tools: [getUsers, listIntegrations],
  next(context) {
    const data = dataOf(context, getUsers);
    const aboutIntegration =
      context.frame.kind === "integration" && context.canUse(listIntegrations);
    const integrationsData = aboutIntegration ? dataOf(context, listIntegrations) : null;
    if (data === undefined || integrationsData === undefined) {
      return calls(
        ...(data === undefined ? [call(getUsers)] : []),
        ...(integrationsData === undefined ? [call(listIntegrations)] : []),
      );
    }
    const integrations = integrationsData === null ? [] : listed(integrationsData);
    let integration: JsonObject | undefined;
    if (aboutIntegration) {
      const targets = resolveTargets(context, "integration", integrations, { write: false });
      if (targets.status === "question") return answer(targets.text);
      if (targets.status === "found") integration = targets.records[0];
    }
    const integrationId = integration ? String(integration._id) : undefined;
    const words = wordsOf(context);
    const levels = ["administrator", "manage", "monitor"];
    const wanted = levels.filter(
      (level) => words.has(level) || (level === "administrator" && words.has("admin")),
    );
    const pendingOnly =
      words.has("invite") ||
      words.has("pending") ||
      /\b(not accepted|not (yet )?joined|never joined|haven'?t accepted)\b/i.test(context.request);
    const users = arrayOf(data).filter(
      (user) =>
        (wanted.length === 0 || wanted.includes(text(user, "accessLevel") ?? "")) &&
        (!pendingOnly || user.accepted === false) &&
        accessTo(user, integrationId) !== undefined,
    );
    const describe = (user: JsonObject) => {
      const person = isObject(user.sharedWithUser) ? user.sharedWithUser : {};
      const id = context.frame.wantsIds ? ` (id ${String(user._id)})` : "";
      return `- ${text(person, "name") ?? "(no name)"} <${text(person, "email") ?? "no email"}>${id}: ${accessTo(user, integrationId)}${user.accepted === false ? ", invitation not accepted yet" : ""}`;
    };
    const scope = [
      wanted.length > 0 ? ` with ${wanted.join(" or ")} access` : "",
      integration ? ` with access to ${label(context, integration)}` : "",
      pendingOnly
        ? ` who ${users.length === 1 ? "has" : "have"} not accepted their invitation`
        : "",
    ].join("");
    return answer(
      `${plural(users.length, "user")}${scope} (the account owner, who has full access, is not listed):\n${cutList(context, users.map(describe), "users", 15)}`,
    );
  },
};

const listStateKeys = "CELIGO_LIST_STATE_KEYS";
const getStateValue = "CELIGO_GET_STATE_VALUE";

export const statePlan: Plan = {
  tools: [listStateKeys, getStateValue],
  next(context) {
    const data = dataOf(context, listStateKeys);
    if (data === undefined) return calls(call(listStateKeys));
    const keys = (
      Array.isArray(data) ? data : isObject(data) && Array.isArray(data.keys) ? data.keys : []
    ).map(String);
    const lower = context.request.toLowerCase();
    const key =
      quotedNames(context.request).find((name) => keys.includes(name)) ??
      keys.find((candidate) => lower.includes(candidate.toLowerCase()));
    if (!key)
      return answer(
        keys.length === 0
          ? "There are no global state keys."
          : `${plural(keys.length, "global state key")}: ${keys.join(", ")}. Ask for one by name to see its value.`,
      );
    const value = dataOf(context, getStateValue);
    if (value === undefined) return calls(call(getStateValue, { stateKey: key }));
    return answer(`State key "${key}" holds: ${JSON.stringify(value)}`);
  },
};

const listFlows = "CELIGO_LIST_FLOWS";
const flowAudit = "CELIGO_GET_FLOW_AUDIT";
const auditLogs = "CELIGO_LIST_AUDIT_LOGS";

function describeChange(change: JsonObject): string {
  const field = text(change, "fieldPath") ?? "a field";
  if (/(^|\/)disabled$/.test(field))
    return String(change.newValue) === "true" ? "disabled it" : "enabled it";
  return `${field}: ${JSON.stringify(change.oldValue)} -> ${JSON.stringify(change.newValue)}`;
}

function describeAudit(
  context: PlanContext,
  entry: JsonObject,
  names: Map<string, string>,
): string {
  const user = isObject(entry.byUser) ? entry.byUser : {};
  const changes = Array.isArray(entry.fieldChanges)
    ? entry.fieldChanges.filter(isObject).map(describeChange)
    : [];
  const resourceId = text(entry, "_resourceId") ?? "";
  const resource =
    names.get(resourceId) ??
    `a ${text(entry, "resourceType") ?? "resource"}${context.frame.wantsIds ? ` (id ${resourceId})` : ""}`;
  return `- ${when(context, entry.time)}: ${text(user, "name") ?? "unknown user"} <${text(user, "email") ?? "no email"}> ${text(entry, "event") ?? "changed"} ${resource} via ${text(entry, "source") ?? "unknown"}${changes.length > 0 ? ` (${changes.join(", ")})` : ""}`;
}

/** The newest entry whose field changes set `disabled` to the given value. */
function toggleEntry(entries: JsonObject[], disabled: boolean): JsonObject | undefined {
  return entries.find(
    (entry) =>
      Array.isArray(entry.fieldChanges) &&
      entry.fieldChanges
        .filter(isObject)
        .some(
          (change) =>
            /(^|\/)disabled$/.test(text(change, "fieldPath") ?? "") &&
            String(change.newValue) === String(disabled),
        ),
  );
}

export const auditPlan: Plan = {
  tools: [listFlows, flowAudit, auditLogs],
  next(context) {
    const flowsData = dataOf(context, listFlows);
    if (flowsData === undefined) return calls(call(listFlows));
    const flows = listed(flowsData);
    const targets = resolveTargets(context, "flow", flows, { write: false });
    if (targets.status === "question") return answer(targets.text);
    const flow = targets.status === "found" ? targets.records[0] : undefined;
    const slug = flow && context.canUse(flowAudit) ? flowAudit : auditLogs;
    const data = dataOf(context, slug);
    if (data === undefined)
      return calls(
        call(slug, flow && slug === flowAudit ? { flowId: flow._id, resourceId: flow._id } : {}),
      );
    const period = namedPeriod(context);
    const entries = arrayOf(data)
      .filter(
        (entry) => !flow || slug === flowAudit || text(entry, "_resourceId") === String(flow._id),
      )
      .filter((entry) => !period || within(entry.time, period))
      .sort((left, right) => String(right.time).localeCompare(String(left.time)));
    const names = new Map(
      flows.map((candidate) => [String(candidate._id), label(context, candidate)]),
    );
    const subject = flow ? label(context, flow) : "the account";
    const window = period ? ` ${period.label}` : "";
    if (entries.length === 0) return answer(`No audit entries for ${subject}${window}.`);
    const listing = `Latest changes to ${subject}${window} (${plural(entries.length, "entry", "entries")}, newest first):\n${cutList(
      context,
      entries.map((entry) => describeAudit(context, entry, names)),
      "entries",
      5,
    )}`;
    const words = wordsOf(context);
    const asksWho = words.has("who");
    const toggled =
      asksWho && (words.has("disabled") || words.has("disable"))
        ? "disabled"
        : asksWho && (words.has("enabled") || words.has("enable"))
          ? "enabled"
          : undefined;
    const toggle = toggled ? toggleEntry(entries, toggled === "disabled") : undefined;
    if (!toggled) return answer(listing);
    if (!toggle) return answer(`No audit entry shows ${subject} being ${toggled}. ${listing}`);
    const user = isObject(toggle.byUser) ? toggle.byUser : {};
    return answer(
      `${text(user, "name") ?? "An unknown user"} <${text(user, "email") ?? "no email"}> ${toggled} ${subject} ${when(context, toggle.time)} (via ${text(toggle, "source") ?? "unknown"}).\n${listing}`,
    );
  },
};

const latestJobs = "CELIGO_GET_FLOW_LATEST_JOBS";

/** The flow's schedule zone when it differs from the account's, for "08:00 in America/Chicago". */
function scheduleZone(context: PlanContext, flow: JsonObject, value: unknown): string {
  const zone = text(flow, "timezone");
  if (!zone || zone === context.zone || typeof value !== "string") return "";
  try {
    const local = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(value));
    return ` (${local} in ${zone}, the zone of its schedule)`;
  } catch {
    return "";
  }
}

export const lastRunPlan: Plan = {
  tools: [listFlows, latestJobs],
  next(context) {
    const flowsData = dataOf(context, listFlows);
    if (flowsData === undefined) return calls(call(listFlows));
    const flows = listed(flowsData);
    const targets = resolveTargets(context, "flow", flows, { write: false });
    if (targets.status === "question") return answer(targets.text);
    const flow =
      targets.status === "found" && targets.records.length === 1 ? targets.records[0] : undefined;
    if (!flow) {
      const scope = targets.status === "found" ? targets.records : flows;
      const ran = scope
        .filter((candidate) => typeof candidate.lastExecutedAt === "string")
        .sort((left, right) =>
          String(right.lastExecutedAt).localeCompare(String(left.lastExecutedAt)),
        );
      const never = scope.length - ran.length;
      return answer(
        `Last runs, newest first:\n${cutList(
          context,
          ran.map(
            (candidate) =>
              `- ${label(context, candidate)}: ${when(context, candidate.lastExecutedAt)}${candidate.disabled === true ? " (disabled)" : ""}`,
          ),
          "flows",
        )}${never > 0 ? `\n${plural(never, "flow has", "flows have")} never run.` : ""}`,
      );
    }
    const jobs = context.canUse(latestJobs) ? dataOf(context, latestJobs) : null;
    if (jobs === undefined) return calls(call(latestJobs, { flowId: flow._id }));
    const latest = arrayOf(jobs)[0];
    const jobText = latest
      ? ` Its latest run ${text(latest, "status") === "completed" && count(latest, "numError") === 0 ? "completed cleanly" : `is ${text(latest, "status") ?? "in an unknown state"}`}: ${plural(count(latest, "numSuccess"), "record")} succeeded, ${plural(count(latest, "numError"), "error")}${context.frame.wantsIds ? ` (job ${String(latest._id)})` : ""}.`
      : "";
    const whenText =
      typeof flow.lastExecutedAt === "string"
        ? `last ran ${when(context, flow.lastExecutedAt)}${scheduleZone(context, flow, flow.lastExecutedAt)}`
        : "has never run";
    const disabled =
      flow.disabled === true ? " It is disabled, so it will not run on its schedule." : "";
    return answer(
      `${label(context, flow)} ${whenText}.${jobText}${disabled}${targets.status === "found" && targets.note ? `\n${targets.note}` : ""}`,
    );
  },
};

export const listPlan: Plan = {
  tools: [listFlows, listIntegrations, listConnections],
  next(context) {
    const lower = context.request.toLowerCase();
    const wantsIntegrations = /\bintegrations\b/.test(lower) && !/\b(flows|syncs)\b/.test(lower);
    const wantsConnections = /\b(connections|endpoints)\b/.test(lower);
    const slug = wantsIntegrations
      ? listIntegrations
      : wantsConnections
        ? listConnections
        : listFlows;
    const data = dataOf(context, slug);
    const integrationsData = slug === listFlows ? dataOf(context, listIntegrations) : null;
    if (data === undefined || integrationsData === undefined) {
      return calls(
        ...(data === undefined ? [call(slug)] : []),
        ...(integrationsData === undefined ? [call(listIntegrations)] : []),
      );
    }
    let items = listed(data);
    let scope = "";
    const words = wordsOf(context);
    if (slug === listFlows) {
      const integrations = listed(integrationsData);
      if (context.frame.kind === "integration") {
        const targets = resolveTargets(context, "integration", integrations, { write: false });
        if (targets.status === "question") return answer(targets.text);
        if (targets.status === "found") {
          const ids = new Set(targets.records.map((record) => String(record._id)));
          items = items.filter((flow) => ids.has(String(flow._integrationId)));
          scope = ` in ${targets.records.map((record) => label(context, record)).join(", ")}`;
        }
      }
      if (words.has("disabled") || words.has("disable")) {
        items = items.filter((flow) => flow.disabled === true);
        scope = ` disabled${scope}`;
      } else if (words.has("enabled") || words.has("enable")) {
        items = items.filter((flow) => flow.disabled !== true);
        scope = ` enabled${scope}`;
      }
    }
    const kind =
      slug === listIntegrations ? "integration" : slug === listConnections ? "connection" : "flow";
    const describe = (item: JsonObject) =>
      `- ${label(context, item)}${kind === "flow" && item.disabled === true ? " (disabled)" : ""}${kind === "connection" ? ` (${text(item, "type") ?? "unknown type"}, ${item.offline === true ? "offline" : "online"})` : ""}`;
    const adjective = scope.match(/^ (disabled|enabled)/)?.[1];
    const where = scope.replace(/^ (disabled|enabled)/, "");
    const header = `${plural(items.length, adjective ? `${adjective} ${kind}` : kind)}${where}`;
    return answer(`${header}:\n${cutList(context, items.map(describe), `${kind}s`, 15)}`);
  },
};
