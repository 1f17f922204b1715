import { requestedPeriod, within } from "../periods.ts";
import { quotedNames, words } from "../text-matching.ts";
import { count, isObject, type JsonObject, text } from "../tool-results.ts";
import {
  answer,
  arrayOf,
  call,
  calls,
  dataOf,
  isoOrUnknown,
  label,
  listed,
  nameList,
  notFound,
  type Plan,
  resolveNamed,
} from "./plan-kit.ts";

const listConnections = "CELIGO_LIST_CONNECTIONS";
const pingConnection = "CELIGO_PING_CONNECTION";

export const connectionsPlan: Plan = {
  tools: [listConnections, pingConnection],
  next(context) {
    const data = dataOf(context, listConnections);
    if (data === undefined) return calls(call(listConnections));
    const connections = listed(data);
    const named = resolveNamed(context, connections).matches;
    if (/\b(ping|test)\b/i.test(context.request) && named.length === 1 && named[0]) {
      const target = named[0];
      const ping = dataOf(context, pingConnection);
      if (ping === undefined) return calls(call(pingConnection, { connectionId: target._id }));
      const failures = arrayOf(ping).filter((entry) => typeof entry.message === "string");
      return answer(
        failures.length > 0
          ? `Ping of ${label(target)} failed: ${failures.map((entry) => text(entry, "message")).join("; ")}.`
          : `Ping of ${label(target)} succeeded.`,
      );
    }
    const offline = connections.filter((connection) => connection.offline === true);
    const describe = (connection: JsonObject) =>
      `${label(connection)}, type ${text(connection, "type") ?? "unknown"}`;
    if (offline.length === 0) return answer(`All ${connections.length} connections are online.`);
    return answer(
      `${offline.length} of ${connections.length} connections ${offline.length === 1 ? "is" : "are"} offline:\n${offline.map((connection) => `- ${describe(connection)}`).join("\n")}`,
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
      ? `integration-level on ${entries.length} integration(s)`
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
      /\bintegrations?\b/i.test(context.request) && context.canUse(listIntegrations);
    const integrationsData = aboutIntegration ? dataOf(context, listIntegrations) : null;
    if (data === undefined || integrationsData === undefined) {
      return calls(
        ...(data === undefined ? [call(getUsers)] : []),
        ...(integrationsData === undefined ? [call(listIntegrations)] : []),
      );
    }
    const integrations = integrationsData === null ? [] : listed(integrationsData);
    const integrationMatch = resolveNamed(context, integrations);
    const integration =
      integrationMatch.matches.length === 1 ? integrationMatch.matches[0] : undefined;
    if (aboutIntegration && !integration && integrationMatch.unknownWords.length > 0) {
      return answer(notFound("integration", integrationMatch, integrations));
    }
    const integrationId = integration ? String(integration._id) : undefined;
    const levels = ["administrator", "manage", "monitor"];
    const requestWords = new Set(words(context.request));
    const wanted = levels.filter(
      (level) =>
        requestWords.has(level) || (level === "administrator" && requestWords.has("admin")),
    );
    const pendingOnly = /\b(not accepted|pending|invit\w*|not (yet )?joined)\b/i.test(
      context.request,
    );
    const users = arrayOf(data).filter(
      (user) =>
        (wanted.length === 0 || wanted.includes(text(user, "accessLevel") ?? "")) &&
        (!pendingOnly || user.accepted === false) &&
        accessTo(user, integrationId) !== undefined,
    );
    const describe = (user: JsonObject) => {
      const person = isObject(user.sharedWithUser) ? user.sharedWithUser : {};
      return `- ${text(person, "name") ?? "(no name)"} <${text(person, "email") ?? "no email"}> (id ${String(user._id)}): ${accessTo(user, integrationId)}${user.accepted === false ? ", invite not accepted" : ""}`;
    };
    const scope = [
      wanted.length > 0 ? ` with ${wanted.join(" or ")} access` : "",
      integration ? ` with access to ${label(integration)}` : "",
      pendingOnly
        ? ` who ${users.length === 1 ? "has" : "have"} not accepted their invitation`
        : "",
    ].join("");
    return answer(
      `${users.length} user${users.length === 1 ? "" : "s"}${scope} (the account owner, who has full access, is not listed):\n${users.map(describe).join("\n")}`,
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
          : `${keys.length} global state keys: ${keys.join(", ")}.`,
      );
    const value = dataOf(context, getStateValue);
    if (value === undefined) return calls(call(getStateValue, { stateKey: key }));
    return answer(`State key "${key}" holds: ${JSON.stringify(value)}`);
  },
};

const listFlows = "CELIGO_LIST_FLOWS";
const flowAudit = "CELIGO_GET_FLOW_AUDIT";
const auditLogs = "CELIGO_LIST_AUDIT_LOGS";

function describeAudit(entry: JsonObject): string {
  const user = isObject(entry.byUser) ? entry.byUser : {};
  const changes = Array.isArray(entry.fieldChanges)
    ? entry.fieldChanges
        .filter(isObject)
        .map(
          (change) =>
            `${text(change, "fieldPath")}: ${JSON.stringify(change.oldValue)} -> ${JSON.stringify(change.newValue)}`,
        )
    : [];
  return `- ${isoOrUnknown(entry.time)}: ${text(user, "name") ?? "unknown user"} <${text(user, "email") ?? "no email"}> ${text(entry, "event") ?? "changed"} ${text(entry, "resourceType") ?? "resource"} ${text(entry, "_resourceId") ?? ""} via ${text(entry, "source") ?? "unknown"}${changes.length > 0 ? ` (${changes.join(", ")})` : ""}`;
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
    const flow = resolveNamed(context, flows).matches[0];
    const slug = flow ? flowAudit : auditLogs;
    const data = dataOf(context, slug);
    if (data === undefined)
      return calls(call(slug, flow ? { flowId: flow._id, resourceId: flow._id } : {}));
    const period =
      context.now && /\b(today|yesterday|last|past)\b/i.test(context.request)
        ? requestedPeriod(context.request, context.now)
        : undefined;
    const entries = arrayOf(data)
      .filter((entry) => !period || within(entry.time, period))
      .sort((left, right) => String(right.time).localeCompare(String(left.time)));
    const subject = flow ? label(flow) : "the account";
    if (entries.length === 0)
      return answer(`No audit entries for ${subject}${period ? ` ${period.label}` : ""}.`);
    const listing = `Latest changes to ${subject}${period ? ` ${period.label}` : ""} (${entries.length} entr${entries.length === 1 ? "y" : "ies"}, newest first):\n${entries.slice(0, 5).map(describeAudit).join("\n")}`;
    const toggled = /\bwho\s+(disabled|enabled)\b/i.exec(context.request)?.[1]?.toLowerCase();
    const toggle = toggled ? toggleEntry(entries, toggled === "disabled") : undefined;
    if (!toggled) return answer(listing);
    if (!toggle) return answer(`No audit entry shows ${subject} being ${toggled}. ${listing}`);
    const user = isObject(toggle.byUser) ? toggle.byUser : {};
    return answer(
      `${text(user, "name") ?? "An unknown user"} <${text(user, "email") ?? "no email"}> ${toggled} ${subject} at ${isoOrUnknown(toggle.time)} (via ${text(toggle, "source") ?? "unknown"}).\n${listing}`,
    );
  },
};

const latestJobs = "CELIGO_GET_FLOW_LATEST_JOBS";

export const lastRunPlan: Plan = {
  tools: [listFlows, latestJobs],
  next(context) {
    const flowsData = dataOf(context, listFlows);
    if (flowsData === undefined) return calls(call(listFlows));
    const flows = listed(flowsData);
    const resolution = resolveNamed(context, flows);
    const flow = resolution.matches[0];
    if (!flow) {
      if (resolution.unknownWords.length > 0) return answer(notFound("flow", resolution, flows));
      const ran = flows
        .filter((candidate) => typeof candidate.lastExecutedAt === "string")
        .sort((left, right) =>
          String(right.lastExecutedAt).localeCompare(String(left.lastExecutedAt)),
        );
      return answer(
        `Last runs (newest first):\n${ran.map((candidate) => `- ${label(candidate)}: ${String(candidate.lastExecutedAt)}`).join("\n")}`,
      );
    }
    const jobs = context.canUse(latestJobs) ? dataOf(context, latestJobs) : null;
    if (jobs === undefined) return calls(call(latestJobs, { flowId: flow._id }));
    const latest = arrayOf(jobs)[0];
    const jobText = latest
      ? ` Its latest job ${String(latest._id)} is ${text(latest, "status") ?? "in an unknown state"} (${count(latest, "numError")} errors, ${count(latest, "numSuccess")} succeeded).`
      : "";
    const when =
      typeof flow.lastExecutedAt === "string"
        ? `last ran at ${flow.lastExecutedAt}`
        : "has never run";
    return answer(`${label(flow)} ${when}.${jobText}`);
  },
};

export const listPlan: Plan = {
  tools: [listFlows, listIntegrations, listConnections],
  next(context) {
    const wantsIntegrations =
      /\bintegrations\b/i.test(context.request) && !/\bflows\b/i.test(context.request);
    const wantsConnections = /\bconnections\b/i.test(context.request);
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
    if (slug === listFlows) {
      const integration = resolveNamed(context, listed(integrationsData)).matches[0];
      if (integration) {
        items = items.filter((flow) => flow._integrationId === integration._id);
        scope = ` in ${label(integration)}`;
      }
      if (/\bdisabled\b/i.test(context.request))
        items = items.filter((flow) => flow.disabled === true);
      else if (/\benabled\b/i.test(context.request))
        items = items.filter((flow) => flow.disabled !== true);
    }
    const kind =
      slug === listIntegrations ? "integration" : slug === listConnections ? "connection" : "flow";
    const describe = (item: JsonObject) =>
      `- ${label(item)}${kind === "flow" ? (item.disabled === true ? ", disabled" : ", enabled") : ""}${kind === "connection" && item.offline === true ? ", offline" : ""}`;
    return answer(
      `${items.length} ${kind}${items.length === 1 ? "" : "s"}${scope}:\n${items.map(describe).join("\n")}` ||
        nameList(items),
    );
  },
};
