/**
 * The `prompts[]` and `oauth` rules of an MCP server, with the error codes of
 * https://developer.celigo.com/api/api-reference/mcp-servers.
 */
import { maskedSecret } from "./masked-secret.ts";
import { entries, type Fail, type Fields, pick } from "./validation-helpers.ts";

export function validatePrompts(value: unknown, fail: Fail): Fields[] {
  const promptNames = new Set<string>();
  return entries(value, "prompts", fail).map(([field, prompt]) => {
    if (typeof prompt.name !== "string" || prompt.name === "")
      fail("missing_required_field", `${field}.name`, "name is required.");
    else if (promptNames.has(prompt.name))
      fail(
        "mcp_server_duplicate_prompt_name",
        `${field}.name`,
        `Duplicate prompt name "${prompt.name}".`,
      );
    else promptNames.add(prompt.name);
    const promptArguments = entries(prompt.arguments, `${field}.arguments`, fail).map(
      ([argumentField, argument]) => {
        if (typeof argument.name !== "string" || argument.name === "")
          fail("missing_required_field", `${argumentField}.name`, "name is required.");
        return { ...pick(argument, ["name", "description"]), required: argument.required ?? true };
      },
    );
    const messagesTemplate = entries(
      prompt.messagesTemplate,
      `${field}.messagesTemplate`,
      fail,
    ).map(([messageField, message]) => {
      if (message.role !== "user" && message.role !== "assistant")
        fail("enum", `${messageField}.role`, "role must be user or assistant.");
      const contentType = message.contentType ?? "text";
      if (!["text", "image", "audio", "resource"].includes(String(contentType))) {
        fail(
          "enum",
          `${messageField}.contentType`,
          "contentType must be text, image, audio or resource.",
        );
      } else if (
        (contentType === "image" || contentType === "audio") &&
        typeof message.mimeType !== "string"
      ) {
        fail(
          "mcp_server_prompt_mimetype_required",
          `${messageField}.mimeType`,
          `mimeType is required for ${String(contentType)} content.`,
        );
      }
      if (typeof message.template !== "string")
        fail("missing_required_field", `${messageField}.template`, "template is required.");
      return { ...pick(message, ["role", "mimeType", "template"]), contentType };
    });
    return {
      ...pick(prompt, ["name", "title", "description"]),
      arguments: promptArguments,
      messagesTemplate,
    };
  });
}

export function validateOAuth(value: unknown, stored: Fields | undefined, fail: Fail): Fields {
  if (value === undefined || value === null) return { useIntrospection: false };
  if (typeof value !== "object" || Array.isArray(value)) {
    fail("invalid_field", "oauth", "oauth must be an object.");
    return {};
  }
  const oauth = value as Fields;
  const configured = Object.entries(oauth).some(
    ([key, item]) => key !== "useIntrospection" && item !== undefined && item !== null,
  );
  if (!configured && oauth.useIntrospection !== true) return { useIntrospection: false };
  if (typeof oauth.issuerURL !== "string")
    fail("missing_required_field", "oauth.issuerURL", "issuerURL is required.");
  else if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+/i.test(oauth.issuerURL))
    fail("invalid_uri", "oauth.issuerURL", "issuerURL must be an http or https URL.");
  if (typeof oauth.audience !== "string" || oauth.audience === "")
    fail("missing_required_field", "oauth.audience", "audience is required.");
  for (const [index, scope] of (Array.isArray(oauth.scopes) ? oauth.scopes : []).entries()) {
    if (scope !== "mcp:read" && scope !== "mcp:write")
      fail("enum", `oauth.scopes.${index}`, "scopes may only hold mcp:read and mcp:write.");
  }
  const useIntrospection = oauth.useIntrospection === true;
  if (useIntrospection && (typeof oauth.clientId !== "string" || oauth.clientId === "")) {
    fail(
      "missing_required_field",
      "oauth.clientId",
      "clientId is required when useIntrospection is true.",
    );
  }
  // The masked value sent back means "keep the stored secret".
  const clientSecret =
    oauth.clientSecret === maskedSecret ? stored?.clientSecret : oauth.clientSecret;
  return {
    ...pick(oauth, ["issuerURL", "audience", "scopes", "clientId"]),
    useIntrospection,
    ...(clientSecret === undefined ? {} : { clientSecret }),
  };
}
