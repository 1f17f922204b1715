/**
 * The cost profile's two servers, the zero-latency scripted model and the echo MCP server, in a
 * process of their own: the runner being measured talks to them over loopback without waiting on
 * the eval's busy event loop, and none of their code counts in the runner's process.
 */
import type { ServersMessage } from "./child-protocol.ts";
import { startEchoMcpServer } from "./echo-mcp-server.ts";
import { startScriptedModel } from "./scripted-model.ts";

const [model, echo] = await Promise.all([startScriptedModel(), startEchoMcpServer()]);
const ready: ServersMessage = { type: "servers", modelBaseURL: model.baseURL, echoUrl: echo.url };
process.send?.(ready);
// The parent disconnects (or dies): close and leave.
process.on("disconnect", () => {
  void Promise.allSettled([model.close(), echo.close()]).then(() => process.exit(0));
});
