/**
 * The engine's notion of now. Off unless enabled, `PUT /v2/clock` pins it to an instant so tests
 * and simulations can make timers due without waiting; reset returns it to the system clock.
 */
export class EngineClock {
  private pinned: number | null = null;

  constructor(readonly controllable: boolean) {}

  now(): Date {
    return new Date(this.pinned ?? Date.now());
  }

  pin(epochMillis: number): void {
    this.pinned = epochMillis;
  }

  reset(): void {
    this.pinned = null;
  }
}
