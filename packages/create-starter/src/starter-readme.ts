/**
 * The exported project's README: the app README's own text about its framework (its
 * introduction, its sections such as `## How it behaves`, and its `## In production` under the
 * template's "Going to production") inside the starter template, which says how to run,
 * configure, test and ship the project. The app's sections about this repository are left out.
 */
import { CeligoAgentsError } from "@celigo-agents/core";
import type { StarterApp } from "./starter-apps.ts";

export interface ReadmeValues {
  framework: string;
  nodeVersion: string;
  pnpmVersion: string;
}

export function frameworkTitle(app: StarterApp): string {
  const title = readmeTitle(app);
  const on = title.lastIndexOf(" on ");
  // "the Vercel AI SDK" reads "Vercel AI SDK" in the template's sentences.
  return on === -1 ? app.framework : title.slice(on + " on ".length).replace(/^the /, "");
}

/** App README sections about running it in this repository, which the template replaces. */
const monorepoSections = ["Run it", "Start your own project"];
const productionSection = "In production";

export function starterReadme(template: string, app: StarterApp, values: ReadmeValues): string {
  const sections = readmeSections(app.readme);
  const production = sections.find((section) => section.heading === productionSection)?.body;
  const frameworkSections = sections
    .filter((section) => ![...monorepoSections, productionSection].includes(section.heading))
    .map((section) => `## ${section.heading}\n\n${section.body}`)
    .join("\n\n");
  const fields: Record<string, string> = {
    title: readmeTitle(app),
    intro: readmeIntro(app.readme),
    frameworkSections,
    framework: values.framework,
    frameworkTitle: frameworkTitle(app),
    nodeVersion: values.nodeVersion,
    pnpmVersion: values.pnpmVersion,
    production: production ? `\n### ${frameworkTitle(app)} in production\n\n${production}\n` : "",
  };
  const filled = template.replace(/\{\{(\w+)\}\}/g, (placeholder, field: string) => {
    const value = fields[field];
    if (value === undefined)
      throw new Error(`The starter README template has an unknown ${placeholder}.`);
    return value;
  });
  return `${filled.replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

/**
 * Relative link targets of a README that name no file or folder of the project (`exists` is
 * asked with the target's path, `#fragment` left off).
 */
export function brokenLinks(readme: string, exists: (path: string) => boolean): string[] {
  return [...readme.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? "")
    .filter((target) => !/^[a-z][a-z0-9+.-]*:|^#/i.test(target))
    .filter(
      (target) => !exists((target.split("#")[0] ?? "").replace(/^\.\//, "").replace(/\/$/, "")),
    );
}

export function checkLinks(
  readme: string,
  exists: (path: string) => boolean,
  app: StarterApp,
): void {
  const broken = brokenLinks(readme, exists);
  if (broken.length > 0) {
    throw new CeligoAgentsError(
      "input_invalid",
      "user",
      `The exported README would link to ${broken.join(", ")}, which the exported project does not have. Those links come from ${app.folder}/README.md (its introduction or its sections other than ${monorepoSections.map((heading) => `"## ${heading}"`).join(" and ")}): link to files of the app's own src/ there, or to a public URL.`,
    );
  }
}

function readmeTitle(app: StarterApp): string {
  return /^# (.+)$/m.exec(app.readme)?.[1]?.trim() ?? `Celigo agent on ${app.framework}`;
}

function readmeIntro(readme: string): string {
  const afterTitle = readme.replace(/^# .+\n/, "");
  const firstSection = afterTitle.search(/^## /m);
  return (firstSection === -1 ? afterTitle : afterTitle.slice(0, firstSection)).trim();
}

/** The `## ` sections of a README, in order. */
function readmeSections(readme: string): { heading: string; body: string }[] {
  return readme
    .split(/^## /m)
    .slice(1)
    .map((section) => {
      const newline = section.indexOf("\n");
      return {
        heading: (newline === -1 ? section : section.slice(0, newline)).trim(),
        body: newline === -1 ? "" : section.slice(newline + 1).trim(),
      };
    });
}
