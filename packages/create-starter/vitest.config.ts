import { configDefaults, defineConfig } from "vitest/config";

// template/ holds the exported project's own files (its tests run there, under npm test).
export default defineConfig({
  test: { exclude: [...configDefaults.exclude, "template/**"] },
});
