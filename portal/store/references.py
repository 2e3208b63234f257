"""Reference numbers people read out on the phone or copy from a letter: PLAN-7K3M-9QX2, DIS-4HWR-T8NC.

One alphabet for every kind of reference. It leaves out the characters that are mistaken for each
other when they are read, written by hand or heard:

- 0 and O, and 1, I and L, which look alike;
- U, which is read as V (and keeps references from spelling common rude words).

5 and S, 2 and Z, and 8 and B stay: they sound different when read out, and the portal's font (Arial)
draws them apart. Leaving them out too would make references longer for the same number of them.

Eight characters from 30 give 30^8 (about 650 billion) references of each kind, so a new one is
almost never taken; the database's unique constraint on each reference column is the final check.
References made before this alphabet (with L or U in them) stay valid: only new ones use it.
"""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LOOK_ALIKE = "01ILOU"
LENGTH = 8  # characters after the prefix, in two groups of four


def new_reference(prefix: str) -> str:
    """A new random reference: new_reference("PLAN") -> "PLAN-7K3M-9QX2"."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{prefix}-{code[:4]}-{code[4:]}"
