import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { WorkflowConfig } from './workflow.ts';

let cached: WorkflowConfig | undefined;

/** The shipped routes and calendar, read and checked once. */
export function workflowConfig(): WorkflowConfig {
  cached ??= WorkflowConfig.parse(parseYaml(fs.readFileSync(new URL('../../../data/learning-models/workflow.yaml', import.meta.url), 'utf8')));
  return cached;
}
