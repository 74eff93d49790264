import { describe, expect, it } from 'vitest';
import { moveSlot, type Slot, type SlotState } from '../../engine/pool/slot.js';

/** A slot in a state; its thread is never touched by moveSlot. */
function slotIn(state: SlotState): Slot {
  return { worker: null as unknown as Slot['worker'], api: null as unknown as Slot['api'], pgid: new Int32Array(1), state, current: null };
}

const STATES: SlotState[] = ['booting', 'idle', 'busy', 'retiring', 'dead'];
/** The moves a worker thread's life allows; every other one is refused. */
const ALLOWED = new Set(['booting>idle', 'booting>retiring', 'idle>busy', 'idle>retiring', 'busy>idle', 'busy>retiring', 'retiring>dead']);

describe('a pool slot', () => {
  it.each(STATES.flatMap((from) => STATES.map((to) => [from, to, ALLOWED.has(`${from}>${to}`)] as const)))(
    'moving from %s to %s is allowed: %s',
    (from, to, allowed) => {
      const slot = slotIn(from);
      expect(moveSlot(slot, to)).toBe(allowed);
      expect(slot.state).toBe(allowed ? to : from);
    },
  );

  it('forgets its job when it leaves busy, and only then', () => {
    const slot = slotIn('busy');
    const current = { pending: null as unknown as NonNullable<Slot['current']>['pending'], end: () => undefined, ended: Promise.resolve() };
    slot.current = current;
    expect(moveSlot(slot, 'dead')).toBe(false);
    expect(slot.current).toBe(current);
    expect(moveSlot(slot, 'retiring')).toBe(true);
    expect(slot.current).toBeNull();
  });
});
