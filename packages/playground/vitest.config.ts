import { defineConfig } from "vitest/config";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Chromium the browser tests drive: CHROMIUM_PATH, else Debian's. */
    chromiumPath: string;
  }
}

export default defineConfig({
  test: {
    name: "@celigo-agents/playground",
    provide: { chromiumPath: process.env.CHROMIUM_PATH || "/usr/bin/chromium" },
  },
});
