/** A timer text that cannot be scheduled; the message names the text and is meant for the process owner. */
export class TimerError extends Error {
  override name = 'TimerError';
}
