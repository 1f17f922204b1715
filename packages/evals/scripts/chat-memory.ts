/**
 * `pnpm --filter @celigo-agents/evals chat-memory`: input tokens of each turn of a five-turn
 * chat against the same question asked alone, per runner (sandbox, offline model, router
 * exposure). Prints the numbers the runner reliability suite bounds (2x alone + 20,000).
 */
import { morningQuestions, startTestEnvironment } from "@celigo-agents/core/testing";
import Table from "cli-table3";
import {
  builtInFrameworks,
  loadCreateRunner,
  parseFrameworks,
} from "../src/runs/framework-loader.ts";

const environment = await startTestEnvironment({ exposure: "router" });
const table = new Table({
  head: ["runner", ...morningQuestions.map((_, index) => `turn ${index + 1}: chat / alone`)],
  style: { head: [], border: [] },
});
try {
  for (const choice of parseFrameworks(builtInFrameworks.join(","), process.cwd())) {
    const createRunner = await loadCreateRunner(choice);
    const chat = await createRunner(environment.runnerOptions);
    const cells: string[] = [];
    try {
      for (const question of morningQuestions) {
        const inChat = await chat.run(question);
        const single = await createRunner(environment.runnerOptions);
        try {
          const alone = await single.run(question);
          cells.push(
            `${inChat.usage.inputTokens.toLocaleString("en-US")} / ${alone.usage.inputTokens.toLocaleString("en-US")}`,
          );
        } finally {
          await single.close();
        }
      }
    } finally {
      await chat.close();
    }
    table.push([choice.name, ...cells]);
  }
} finally {
  await environment.close();
}
console.log("Input tokens per turn of one five-turn chat / the same question alone");
console.log(table.toString());
