/**
 * Every task the compute worker runs, by name. Each part of the essay's tasks live in their own file;
 * the page's client takes its types from here (a type-only import, so none of this is in the page bundle).
 */
import { digitTasks } from './digits';
import { embeddingTasks } from './embeddings';
import { gptTrainingTasks } from './gpt-training';
import { gptTasks } from './gpt';
import { hubTasks } from './hub';
import { irreducibilityTasks } from './irreducibility';
import { meaningTasks } from './meaning';
import { netTasks } from './nets';
import { parensTasks } from './parens';
import { statisticsTasks } from './statistics';
import { trainingTasks } from './training';

export const TASKS = {
  ...statisticsTasks,
  ...trainingTasks,
  ...netTasks,
  ...digitTasks,
  ...embeddingTasks,
  ...gptTasks,
  ...meaningTasks,
  ...hubTasks,
  ...gptTrainingTasks,
  ...parensTasks,
  ...irreducibilityTasks,
};

/** The tasks' names. */
export type TaskName = keyof typeof TASKS;
type TaskOf<K extends TaskName> = (typeof TASKS)[K];
/** A task's input. */
export type TaskInput<K extends TaskName> = Parameters<TaskOf<K>['run']>[0];
/** A task's result. */
export type TaskOutput<K extends TaskName> = Awaited<ReturnType<TaskOf<K>['run']>>;
/** A task's progress values. */
export type TaskProgress<K extends TaskName> = NonNullable<TaskOf<K>['progressType']>;
