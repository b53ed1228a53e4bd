import type { Behavior } from './behavior.js';
import { activateCatching, catchingTriggered } from './catch-events.js';

/** Waits for a message, like a message catch event, but can carry boundary events. */
export const receiveTaskBehavior: Behavior<'receiveTask'> = {
  activate: activateCatching,
  triggered: catchingTriggered,
};
