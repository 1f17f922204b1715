/**
 * A process that installs the eval's interrupt handling, then a library handler that would exit
 * at once (as exit-hook does), and reports what happens on SIGINT.
 */
import { stopGracefullyOnInterrupt } from "../interrupt-handling.ts";

stopGracefullyOnInterrupt(() => {
  console.log("stopping gracefully");
  setTimeout(() => {
    console.log("reports written");
    process.exit(0);
  }, 200);
});
process.once("SIGINT", () => process.exit(130));
setInterval(() => undefined, 1_000);
console.log("ready");
