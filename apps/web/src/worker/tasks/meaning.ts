/** The compute worker's tasks for this part of the essay (filled in by its widgets' author). */
export const meaningTasks = {};
