// Which characters of a text an entity reader has already used, so one phrase is not read as a date and an amount.

export class Spans {
  private readonly used: Uint8Array;

  constructor(length: number) {
    this.used = new Uint8Array(length);
  }

  free(start: number, length: number): boolean {
    for (let i = start; i < start + length; i++) if (this.used[i]) return false;
    return true;
  }

  take(start: number, length: number): void {
    this.used.fill(1, start, start + length);
  }
}
