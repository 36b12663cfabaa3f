/**
 * Recently handled `X-GitHub-Delivery` ids, in memory, the oldest forgotten
 * first. A replay of a remembered delivery is acknowledged without work.
 */
export class DeliveryLog {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 1000) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      this.ids.delete(this.ids.values().next().value!);
    }
  }
}
