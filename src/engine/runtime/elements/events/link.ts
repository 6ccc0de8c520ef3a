import type { EventOfKind } from '../../../model/types.js';
import type { EventUnit } from './event-unit.js';

/** A link: a throw event jumps to the catch event of the same name in its scope. */
export const linkEvent: EventUnit<EventOfKind<'link'>> = {
  compile(d, { id, unsupported }) {
    if (!d.name) throw unsupported(id, 'a link event needs a name');
    return { kind: 'link', linkName: d.name };
  },
  expressions: () => [],
};
