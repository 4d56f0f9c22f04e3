/**
 * Which GPT the page's GPT widgets use (the bundled model until the reader downloads real GPT-2),
 * shared by the widgets through {@link WidgetContext}.
 */
import type { GptChoice } from '../worker/gpt-models';

export class GptChoiceStore {
  private current: GptChoice = { kind: 'bundled' };
  private readonly listeners = new Set<(choice: GptChoice) => void>();

  get(): GptChoice {
    return this.current;
  }

  /** Switches every GPT widget to `choice` (they rerun). */
  set(choice: GptChoice): void {
    this.current = choice;
    for (const listener of this.listeners) listener(choice);
  }

  /** Calls `listener` on every change; returns the unsubscribe. */
  subscribe(listener: (choice: GptChoice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
