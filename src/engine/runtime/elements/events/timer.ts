import type { Moddle } from '../../../model/moddle.js';
import type { EventOfKind, TimerDefinition } from '../../../model/types.js';
import type { Timer } from '../../entities.js';
import { scheduleTimer } from '../../timer-schedule.js';
import type { EventUnit } from './event-unit.js';
import { evaluateForWait, ownedBy } from './waiting.js';

/** A timer: a duration, a date or a cycle; catching it opens a durable timer that the timer loop fires. */
export const timerEvent: EventUnit<EventOfKind<'timer'>> = {
  compile(d, { id, unsupported }) {
    const timer = timerOf(d);
    if (!timer) throw unsupported(id, 'a timer event needs a timeDuration, timeDate or timeCycle');
    return { kind: 'timer', timer };
  },
  expressions: (definition) => [definition.timer.value],
  open(tx, owner, eventId, definition) {
    const schedule = evaluateForWait(tx, owner, (context) => scheduleTimer(definition.timer, context, tx.now));
    if (!schedule) return false;
    const timer: Timer = {
      ...ownedBy(tx, owner, eventId),
      definitionKey: owner.definitionKey,
      dueDate: schedule.dueDate,
      repetitions: schedule.repetitions,
      spec: schedule.spec,
      state: 'ACTIVE',
    };
    const tree = tx.treeOf(owner);
    tree.timers.set(timer.key, timer);
    tree.touch(timer);
    tx.timerCreated(timer);
    return true;
  },
};

function timerOf(d: Moddle): TimerDefinition | undefined {
  if (d.timeDuration) return { kind: 'duration', value: d.timeDuration.body?.trim() ?? '' };
  if (d.timeDate) return { kind: 'date', value: d.timeDate.body?.trim() ?? '' };
  if (d.timeCycle) return { kind: 'cycle', value: d.timeCycle.body?.trim() ?? '' };
  return undefined;
}
