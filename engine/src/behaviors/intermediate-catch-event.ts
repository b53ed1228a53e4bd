import type { Behavior } from './behavior.js';
import { activateCatching, catchingTriggered } from './catch-events.js';

/** Waits for a timer, a message or a signal. */
export const intermediateCatchEventBehavior: Behavior<'intermediateCatchEvent'> = {
  activate: activateCatching,
  triggered: catchingTriggered,
};
